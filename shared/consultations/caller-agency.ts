import { AGENCY_TYPES } from '../notification';
import { referrerAgencyName } from '../web/labels';

/**
 * The caller's agency choices, named as every console page names an agency (shared/web/labels),
 * with the worker's choice kept; a caller who gives an agency is not anonymous.
 */
export const callerAgencyOptions = (chosen?: string) => [
  { value: '', text: "Choose the caller's agency" },
  ...Object.keys(AGENCY_TYPES)
    .filter((a) => a !== 'anonymous')
    .map((value) => ({ value, text: referrerAgencyName(value), selected: value === chosen })),
];
