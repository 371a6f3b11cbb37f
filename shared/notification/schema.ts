import * as z from 'zod';
import { AGENCY_TYPES, ASSESSMENT_FACTORS, ETHNICITIES, GENDERS, codesOf } from './codes';
import { visibleText } from './text';
import { fieldsOnly, personName, text } from './text-fields';
import { AdultConcernSchema } from './adult-concern';

/**
 * The Cause for Concern notification: the one definition of what a referrer sends, whichever
 * channel it comes through. Validation is strict on purpose: auditors graded 30% of
 * notifications as not good enough, and the cheapest place to fix that is before it is sent.
 */

// A missing field is the commonest error: say so in words a referrer understands.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required' : undefined,
});

const isoDate = z.iso.date({ message: 'Enter a real date in the format YYYY-MM-DD' });

/**
 * UK postcode, loosely: the outward and inward parts, however spaced when typed, stored the way
 * it is written ("ZZ1 2BB") so that matching, searching and letters all see one form.
 */
export const normalisePostcode = (value: string): string => {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
};
const postcode = z
  .string()
  .transform(normalisePostcode)
  .pipe(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/, 'Enter a real postcode, like AA1 1AA'));

/** NHS numbers carry a modulus 11 check digit; checking it catches most typing errors. */
export const isValidNhsNumber = (value: string): boolean => {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
};
const nhsNumber = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine(isValidNhsNumber, 'Enter a valid 10 digit NHS number');

export const AddressSchema = fieldsOnly({
  line1: text(200),
  line2: text(200).optional(),
  town: text(100),
  postcode,
});

/** Referrers telling us for themselves, not for an organisation (CIN sources 1A-1D). */
export const INDIVIDUAL_AGENCY_TYPES: readonly string[] = ['family-member', 'acquaintance', 'self', 'member-of-public'];

/**
 * A referrer telling us as part of their work, for an agency: the one definition of
 * "professional". Working Together 2023 asks us to feed decisions back to practitioners; a member
 * of the public, family or an anonymous referrer may be close to whoever harms the child, so they
 * are never told a child's route or the reasons (a strategy discussion could tip someone off).
 */
export const isProfessionalAgencyType = (agencyType: string | undefined): boolean =>
  agencyType !== undefined && agencyType !== 'anonymous' && !INDIVIDUAL_AGENCY_TYPES.includes(agencyType);

/** Says a field is needed, unless it was sent and already has its own error ("Enter a value"): one error a mistake. */
const required = (ctx: z.RefinementCtx, path: string, message = 'This field is required') => {
  if (ctx.issues.some((issue) => issue.path?.[0] === path)) return;
  ctx.addIssue({ code: 'custom', path: [path], message });
};

/**
 * Who is telling us. A professional gives everything, so we can reply and ask more; a member of
 * the public or family gives a name and a way to reach them; anyone may stay anonymous, with a
 * phone number or nothing (Working Together: anyone worried about a child can tell us).
 */
export const ReferrerSchema = fieldsOnly({
  name: personName(200).optional(),
  role: text(200).optional(),
  organisation: text(200).optional(),
  agencyType: z.enum(Object.keys(AGENCY_TYPES) as [keyof typeof AGENCY_TYPES, ...(keyof typeof AGENCY_TYPES)[]], {
    message: 'Choose the type of agency you work for',
  }),
  email: z.email({ message: 'Enter an email address in the correct format, like name@example.org' }).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'Enter a telephone number, like 01632 960 001')
    .optional(),
}).superRefine((referrer, ctx) => {
  if (referrer.agencyType === 'anonymous') return;
  if (!referrer.name) required(ctx, 'name');
  if (INDIVIDUAL_AGENCY_TYPES.includes(referrer.agencyType)) {
    if (!referrer.email && !referrer.phone)
      required(ctx, 'phone', 'Enter an email address or a telephone number, so we can reach you');
    return;
  }
  for (const field of ['role', 'organisation', 'email', 'phone'] as const) if (!referrer[field]) required(ctx, field);
});

/**
 * A child as the referrer knows them: a neighbour may not know a surname or a date of birth, and
 * an unborn baby has no name yet. Unknown stays unknown rather than being guessed.
 */
/** The most children one notification may be about. */
export const MAX_CHILDREN = 20;

const factorCodes = z
  .array(z.enum(codesOf(ASSESSMENT_FACTORS), { message: 'Use a CIN census assessment factor code, like 3B' }))
  .default([]);
/** Indicator ids from the area's levels-of-need guidance, chosen by the referrer. */
const indicatorIds = z.array(z.string().trim().min(1).max(100)).max(100).default([]);

/** CSE screening tool outcome. */
const cseRisk = z.enum(['low', 'medium', 'high']);
/** Missing episodes in the last 90 days, including this one. */
const missingEpisodes = z.number().int().min(0).max(365);

/**
 * The screening results that are about one child: a child's exploitation screening and missing
 * episodes are theirs alone (a 15-year-old's CSE score says nothing about her 6-year-old brother),
 * where the DASH level is about the adult victim and so about every child in the household.
 */
export const ChildScreeningSchema = fieldsOnly({
  cseRisk: cseRisk.optional(),
  missingEpisodes: missingEpisodes.optional(),
});

/**
 * What the referrer is worried about for one child only, beside the notification's concerns,
 * which are about every child (domestic abuse at home): a 15-year-old's exploitation is not her
 * 6-year-old brother's (Working Together 2023 ch. 3: each child is assessed as an individual).
 */
export const ChildConcernsSchema = fieldsOnly({
  factors: factorCodes,
  indicators: indicatorIds,
  screening: ChildScreeningSchema.optional(),
});

export const ChildSchema = fieldsOnly({
  firstName: personName(100).optional(),
  lastName: personName(100).optional(),
  otherNames: personName(200).optional(),
  /** Unborn babies have an expected date of delivery instead. */
  dateOfBirth: isoDate.optional(),
  expectedDateOfDelivery: isoDate.optional(),
  /** Completed years, roughly, when the referrer does not know the date of birth. */
  approximateAge: z
    .number({ message: 'Enter the approximate age as a whole number of years, like 8' })
    .int('Enter the approximate age as a whole number of years, like 8')
    .min(0, 'Approximate age must be 0 or more')
    .max(17, 'Approximate age must be 17 or less')
    .optional(),
  gender: z.enum(codesOf(GENDERS), { message: 'Choose a gender code: a, b, c or d' }),
  ethnicity: z.enum(codesOf(ETHNICITIES), { message: 'Choose an ethnicity code' }).default('NOBT'),
  address: AddressSchema,
  school: text(200).optional(),
  /** Unknown stays unknown: a guessed language could hide the need for an interpreter. */
  firstLanguage: text(100).optional(),
  interpreterNeeded: z.boolean().optional(),
  disability: text(500).optional(),
  nhsNumber: nhsNumber.optional(),
  concerns: ChildConcernsSchema.optional(),
})
  .superRefine((child, ctx) => {
    if (child.dateOfBirth && child.expectedDateOfDelivery) {
      ctx.addIssue({
        code: 'custom',
        path: ['dateOfBirth'],
        message: 'Enter either a date of birth or, for an unborn baby, an expected date of delivery, not both',
      });
    }
    if (child.approximateAge !== undefined && (child.dateOfBirth || child.expectedDateOfDelivery)) {
      ctx.addIssue({
        code: 'custom',
        path: ['approximateAge'],
        message: 'Give an approximate age only when the date of birth is not known',
      });
    }
  })
  .refine((child) => child.expectedDateOfDelivery || child.firstName || child.lastName || child.otherNames, {
    path: ['firstName'],
    message: "Enter the child's name, or what they are known as",
    // Checked even while other answers about the child are missing, so the form can say so on the page that asks.
    when: ({ value }) => typeof value === 'object' && value !== null,
  });

/** How to refer to a child whose names may not be known. */
export const childName = (child: {
  firstName?: string;
  lastName?: string;
  otherNames?: string;
  expectedDateOfDelivery?: string;
}): string =>
  [child.firstName, child.lastName].filter(Boolean).join(' ') ||
  child.otherNames ||
  (child.expectedDateOfDelivery ? 'Unborn baby' : 'Name not known');

/** How the console names one of a notification's children: their number in it and their name. */
export const childNameOf = (
  contact: { notification: { children: readonly Parameters<typeof childName>[0][] } },
  childIndex: number,
): string => {
  const child = contact.notification.children[childIndex];
  return `Child ${childIndex + 1}${child ? `: ${childName(child)}` : ''}`;
};

const PersonSchema = fieldsOnly({
  name: personName(200),
  relationship: text(100),
  dateOfBirth: isoDate.optional(),
  address: AddressSchema.optional(),
  phone: text(30).optional(),
});

export const ParentOrCarerSchema = PersonSchema.extend({
  parentalResponsibility: z.boolean().optional(),
});

export const ScreeningSchema = fieldsOnly({
  /** Police DASH domestic abuse risk level: about the household's adult victim, so about every child. */
  dashRisk: z.enum(['standard', 'medium', 'high']).optional(),
  /** With one child only; with several, each child's own is on the child (children[i].concerns.screening). */
  cseRisk: cseRisk.optional(),
  missingEpisodes: missingEpisodes.optional(),
  /**
   * When a missing child came back or was found (England's local date and, when known, time):
   * the return home interview is due 72 hours after the return, not after we hear of it.
   */
  returnedOn: isoDate.optional(),
  returnedTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time the child came back as a 24-hour time, like 21:30')
    .optional(),
}).refine((s) => s.returnedTime === undefined || s.returnedOn !== undefined, {
  path: ['returnedTime'],
  message: 'Enter the date the child came back, as well as the time',
});

const hasConcern = (c: { factors: unknown[]; indicators: unknown[] } | undefined): boolean =>
  c !== undefined && c.factors.length + c.indicators.length > 0;

/**
 * What the referrer is worried about: census assessment factors, levels-of-need indicators, or
 * both, as the referrer chose them; neither is derived from the other, so the record says what the
 * referrer said whichever channel it came through.
 */
export const ConcernsSchema = fieldsOnly({
  /** About every child of the notification; a child's own concerns are on the child. */
  factors: factorCodes,
  indicators: indicatorIds,
  description: z
    .string()
    .trim()
    // Counted as read: thirty zero-width spaces are not a description.
    .refine(
      (v) => visibleText(v).trim().length >= 20,
      'Describe what has happened and why you are worried, in at least 20 characters',
    )
    .max(20000),
  screening: ScreeningSchema.default({}),
});

export const ConsentSchema = z.discriminatedUnion(
  'status',
  [
    fieldsOnly({ status: z.literal('given') }),
    fieldsOnly({ status: z.literal('refused'), reason: text(2000) }),
    fieldsOnly({
      status: z.literal('not-sought'),
      /** Consent is not sought when asking would increase the risk to the child. */
      reason: text(2000),
    }),
  ],
  { message: 'Say whether consent was given, refused, or not sought because asking would increase the risk' },
);

export const ProfessionalSchema = fieldsOnly({
  name: personName(200),
  role: text(200),
  organisation: text(200),
  contact: text(200).optional(),
  /** Where the front door tells them the outcome, on a secure domain only (Ofsted asked that they be told). */
  email: z.email({ message: 'Enter an email address, like name@agency.example' }).max(320).optional(),
});

export const NotificationSchema = fieldsOnly({
  referrer: ReferrerSchema,
  children: z.array(ChildSchema).min(1, 'Tell us about at least one child').max(MAX_CHILDREN),
  parentsAndCarers: z.array(ParentOrCarerSchema).max(20).default([]),
  householdMembers: z.array(PersonSchema).max(30).default([]),
  concerns: ConcernsSchema,
  expectation: text(5000).describe('What the referrer expects to happen'),
  immediateDanger: z.boolean({ message: 'Say whether any child is in immediate danger' }),
  otherProfessionals: z.array(ProfessionalSchema).max(30).default([]),
  consent: ConsentSchema,
  childViews: text(5000).optional(),
  /** The referring agency's own reference, such as a police incident number. */
  agencyReference: text(100).optional(),
  /** Present when the concern is about an adult who works or volunteers with children (LADO). */
  adultConcern: AdultConcernSchema.optional(),
})
  .superRefine((n, ctx) => {
    // Which child a CSE score or a missing count is about cannot be guessed when there are several.
    if (n.children.length < 2) return;
    for (const key of ['cseRisk', 'missingEpisodes'] as const)
      if (n.concerns.screening[key] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['concerns', 'screening', key],
          message: `With several children, give this for the child it is about, in children[n].concerns.screening.${key}`,
        });
  })
  .refine((n) => [n.concerns, ...n.children.map((c) => c.concerns)].some(hasConcern), {
    path: ['concerns', 'factors'],
    message: 'Choose at least one concern',
    // Said beside the other fields' errors, as every error is, once the concerns and children themselves parse.
    when: ({ issues }) =>
      issues.every((i) => i.path?.[0] !== undefined && i.path[0] !== 'concerns' && i.path[0] !== 'children'),
  });

/** What the referrer is worried about for this child: the notification's concerns and the child's own. */
export const concernsFor = (
  notification: Notification,
  childIndex: number,
): { factors: string[]; indicators: string[] } => {
  const own = notification.children[childIndex]?.concerns;
  const { factors, indicators } = notification.concerns;
  return {
    factors: own ? [...new Set([...factors, ...own.factors])] : factors,
    indicators: own ? [...new Set([...indicators, ...own.indicators])] : indicators,
  };
};

export type NotificationInput = z.input<typeof NotificationSchema>;
export type Notification = z.output<typeof NotificationSchema>;
export type Child = z.output<typeof ChildSchema>;

export interface FieldError {
  path: string;
  message: string;
}

/** Every field error, each with a dotted path a form or API client can point at. */
export const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));

export type ParseResult = { ok: true; notification: Notification } | { ok: false; errors: FieldError[] };

export const parseNotification = (input: unknown): ParseResult => {
  const result = NotificationSchema.safeParse(input);
  return result.success ? { ok: true, notification: result.data } : { ok: false, errors: fieldErrors(result.error) };
};
