import { AGENCY_TYPES } from '../notification';

/** A caller's agency as the telephone call and consultations pages name it: "Early years" for `early-years`. */
export const callerAgencyName = (agency: string) => `${agency[0]!.toUpperCase()}${agency.slice(1).replace(/-/g, ' ')}`;

/** The caller's agency choices, with the worker's choice kept; a caller who gives an agency is not anonymous. */
export const callerAgencyOptions = (chosen?: string) => [
  { value: '', text: "Choose the caller's agency" },
  ...Object.keys(AGENCY_TYPES)
    .filter((a) => a !== 'anonymous')
    .map((value) => ({ value, text: callerAgencyName(value), selected: value === chosen })),
];
