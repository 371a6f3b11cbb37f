import * as z from 'zod';
import { matchKeysFor, nhsNumberKey } from '../matching/keys';
import { isValidNhsNumber } from '../notification/schema';
import { CASE_KINDS, type CaseKind, type ChildCase } from './open-case';

export { CASE_KINDS, type CaseHolder, type CaseKind, type ChildCase, type OpenCase } from './open-case';

const text = (what: string, max = 200) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

/** What a caller says about a child's case; who said it and when come from the request. */
const caseStatementFields = z.object({
  status: z.enum(['open', 'closed'], { message: 'Say whether the case is open or closed' }),
  kind: z.enum(Object.keys(CASE_KINDS) as [CaseKind, ...CaseKind[]], {
    message: 'Say whether it is a social-care or an early-help case',
  }),
  holder: z
    .object({
      name: text('the name of the allocated worker or lead professional'),
      email: z.email({
        message: 'Enter the allocated worker’s or lead professional’s email address, like name@council.example',
      }),
    })
    .strict()
    .optional(),
  team: text('the team', 200).optional(),
  /** When the case management system recorded it; defaults to when Front Door is told. */
  recordedAt: z.iso
    .datetime({ offset: true, message: 'Give the time as ISO 8601, like 2026-11-18T10:00:00Z' })
    .optional(),
});

/** Work goes to the holder's own address: an open case without one would fall back to a mailbox. */
const openNeedsHolder = (statement: { status: string; holder?: unknown }, ctx: z.RefinementCtx) => {
  if (statement.status === 'open' && !statement.holder)
    ctx.addIssue({
      code: 'custom',
      path: ['holder'],
      message: 'An open case needs its allocated worker or lead professional, with an email address',
    });
};

export const CaseStatementSchema = caseStatementFields.strict().superRefine(openNeedsHolder);

/** A statement with the child it is about, for batches and imports. */
export const caseStatementAbout = <C extends z.ZodType>(child: C) =>
  caseStatementFields.extend({ child }).strict().superRefine(openNeedsHolder);
export type CaseStatement = z.output<typeof CaseStatementSchema>;

/**
 * A child is found under hashed keys, never names (shared/matching/keys.ts). The registry is
 * told about a child by one of those keys, by an NHS number, or by the details the keys are made
 * from; all of them become the same hashed keys the triage step looks up.
 */
export const CHILD_KEY = /^[0-9a-f]{64}$/;

const postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a real postcode, like AA1 1AA');
const isoDate = z.iso.date({ message: 'Enter a real date in the format YYYY-MM-DD' });

export const ChildIdentitySchema = z
  .object({
    /** The child key Front Door shows for the child, instead of the details. */
    key: z
      .string()
      .trim()
      .toLowerCase()
      .regex(CHILD_KEY, 'A child key is the 64-character key Front Door shows for the child')
      .optional(),
    firstName: text('the child’s first name', 100).optional(),
    lastName: text('the child’s last name', 100).optional(),
    dateOfBirth: isoDate.optional(),
    expectedDateOfDelivery: isoDate.optional(),
    postcode: postcode.optional(),
    nhsNumber: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .refine(isValidNhsNumber, 'Enter a valid 10 digit NHS number')
      .optional(),
  })
  .strict()
  .superRefine((child, ctx) => {
    const named =
      child.firstName && child.lastName && (child.dateOfBirth || child.expectedDateOfDelivery) && child.postcode;
    if (!named && !child.nhsNumber && !child.key)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'Identify the child by NHS number, or by first and last name, date of birth (or expected date of delivery) and postcode, or by child key',
      });
  });
export type ChildIdentity = z.output<typeof ChildIdentitySchema>;

/**
 * The keyed hashes for a child identified by details: the same keys a notification about them
 * produces, so they need the same match key.
 */
export const childKeysOf = (child: ChildIdentity, matchKey: string): string[] => {
  const keys = new Set<string>(child.key ? [child.key] : []);
  if (child.firstName && child.lastName && (child.dateOfBirth || child.expectedDateOfDelivery) && child.postcode) {
    for (const key of matchKeysFor(
      {
        firstName: child.firstName,
        lastName: child.lastName,
        dateOfBirth: child.dateOfBirth,
        expectedDateOfDelivery: child.dateOfBirth ? undefined : child.expectedDateOfDelivery,
        address: { line1: '', town: '', postcode: child.postcode },
        nhsNumber: child.nhsNumber,
      } as Parameters<typeof matchKeysFor>[0],
      matchKey,
    ))
      keys.add(key.key);
  } else if (child.nhsNumber) keys.add(nhsNumberKey(child.nhsNumber, matchKey).key);
  return [...keys];
};

/** The `{key}` of `/api/children/{key}/case`: a child key as the console shows it, or an NHS number. */
export const childKeyFromPath = (value: string, matchKey: string): string | undefined => {
  const trimmed = value.trim().toLowerCase();
  if (CHILD_KEY.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/[\s-]/g, '');
  return isValidNhsNumber(digits) ? nhsNumberKey(digits, matchKey).key : undefined;
};

/** The newest statement among a child's keys decides: a closure recorded later closes an earlier opening. */
export const latestCase = (cases: (ChildCase | undefined)[]): ChildCase | undefined =>
  cases.reduce<ChildCase | undefined>(
    (latest, c) => (c && (!latest || c.recordedAt > latest.recordedAt) ? c : latest),
    undefined,
  );
