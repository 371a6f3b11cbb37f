import * as z from 'zod';

/**
 * The partner agencies a front door works with (domain brief §10): asked for information,
 * invited to daily triage meetings and, where the area gives them accounts, signed in to the
 * console as their own Cognito group. Each area lists its own in the stage configuration.
 */
export interface Agency {
  /** Also the agency's Cognito group, e.g. `police`. */
  id: string;
  name: string;
}

export const AgencySchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,30}$/,
      'Give the agency an id of lower-case letters, digits and hyphens, like womens-aid',
    ),
  name: z.string().trim().min(1).max(100),
});

export const AgenciesSchema = z
  .array(AgencySchema)
  .min(1)
  .refine(
    (agencies) => new Set(agencies.map((a) => a.id)).size === agencies.length,
    'Each agency id must be used once',
  );

/** Herefordshire's MASH partners, and the others a front door routinely asks (domain brief §10). */
export const DEFAULT_AGENCIES: readonly Agency[] = [
  { id: 'police', name: 'Police' },
  { id: 'health', name: 'Health' },
  { id: 'education', name: 'Education' },
  { id: 'probation', name: 'Probation' },
  { id: 'housing', name: 'Housing' },
  { id: 'adult-services', name: 'Adult social care' },
  { id: 'womens-aid', name: "Women's Aid" },
];

/** An agency's name; a request to an agency the area has since removed keeps its id. */
export const agencyName = (agencies: readonly Agency[], id: string): string =>
  agencies.find((a) => a.id === id)?.name ?? id;
