import * as z from 'zod';
import type { AdultConcern, Notification, ReferralSource } from '../notification';
import type { Person } from '../contacts';

/**
 * An allegation against an adult who works or volunteers with children, as the Local Authority
 * Designated Officer (LADO) manages it (Keeping Children Safe in Education part four; Working
 * Together 2023). It lives apart from the children's contacts: its own table, its own retention,
 * and only the LADO sees it.
 */

export const ALLEGATION_STATUSES = {
  'awaiting-consideration': 'Awaiting initial consideration',
  'awaiting-meeting': 'Awaiting allegation management meeting',
  'in-progress': 'Enquiries in progress',
  concluded: 'Concluded',
} as const;
export type AllegationStatus = keyof typeof ALLEGATION_STATUSES;
export const OPEN_ALLEGATION_STATUSES = [
  'awaiting-consideration',
  'awaiting-meeting',
  'in-progress',
] as const satisfies AllegationStatus[];

/** The outcome definitions of Keeping Children Safe in Education (part four). */
export const OUTCOMES = {
  substantiated: 'Substantiated: there is sufficient evidence to prove the allegation',
  unsubstantiated: 'Unsubstantiated: there is insufficient evidence either to prove or disprove the allegation',
  unfounded: 'Unfounded: there is no evidence or proper basis which supports the allegation',
  false: 'False: there is sufficient evidence to disprove the allegation',
  malicious: 'Malicious: there is sufficient evidence to disprove the allegation and a deliberate act to deceive',
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const FURTHER_ACTIONS = {
  dismissal: 'Dismissal',
  resignation: 'Resignation',
  'dbs-referral': 'Referral to the Disclosure and Barring Service',
  'tra-referral': 'Referral to the Teaching Regulation Agency',
  suspension: 'Suspension',
  training: 'Training',
  'no-further-action': 'No further action',
} as const;
export type FurtherAction = keyof typeof FURTHER_ACTIONS;

/** Whose action it is, besides the meeting's own actions. */
export const PARTNER_ACTION_KINDS = { employer: "Employer's action", police: 'Police action' } as const;

const keys = <T extends Record<string, string>>(table: T) =>
  Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().min(1, 'Enter a value').max(max, `Must be ${max} characters or fewer`);
const isoDateTime = z.iso.datetime({ offset: true, message: 'Enter a real date and time' });
const isoDate = z.iso.date({ message: 'Enter a real date' });
/** One name per line or comma: attendees and agencies are typed as lists. */
const list = (max: number) =>
  z
    .string()
    .transform((v) =>
      v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(text(200)).min(1, 'Enter at least one').max(max));

export const InitialConsiderationSchema = z.object({
  /** Whether there is an immediate risk to children: it sets the meeting within 72 hours, else 5 working days. */
  immediateRisk: z
    .enum(['yes', 'no'], { message: 'Say whether there is an immediate risk to children' })
    .transform((v) => v === 'yes'),
  /** Whether the allegation meets the harm threshold for an allegation management meeting. */
  meetingNeeded: z.enum(['yes', 'no'], { message: 'Say whether a meeting is needed' }).transform((v) => v === 'yes'),
  notes: text(5000),
});

export const MeetingActionSchema = z.object({
  text: text(1000),
  owner: text(200),
  dueOn: isoDate,
});

export const MeetingSchema = z.object({
  heldAt: isoDateTime,
  attendees: list(50),
  agencies: list(30),
  notes: text(10000),
  actions: z.array(MeetingActionSchema).max(50).default([]),
  /** When the LADO reviews progress next (a review meeting or check). */
  reviewOn: isoDate.optional(),
});

export const PartnerActionSchema = z.object({
  kind: z.enum(keys(PARTNER_ACTION_KINDS), { message: 'Say whose action it is' }),
  text: text(2000),
});

export const OutcomeSchema = z
  .object({
    category: z.enum(keys(OUTCOMES), { message: 'Choose the outcome' }),
    furtherActions: z
      .array(z.enum(keys(FURTHER_ACTIONS)))
      .min(1, 'Choose at least one further action, or no further action'),
    notes: text(5000),
  })
  .refine((o) => !(o.furtherActions.includes('no-further-action') && o.furtherActions.length > 1), {
    path: ['furtherActions'],
    message: 'No further action cannot be chosen with another further action',
  });

export interface MeetingAction extends z.output<typeof MeetingActionSchema> {
  id: string;
}
export interface Meeting extends Omit<z.output<typeof MeetingSchema>, 'actions'> {
  id: string;
  actions: MeetingAction[];
  recordedBy: Person;
  recordedAt: string;
}

export interface Allegation {
  allegationId: string;
  reference: string;
  status: AllegationStatus;
  receivedAt: string;
  /** The notification it came from, and the contact about the child when there is one. */
  notificationContactId: string;
  notificationReference: string;
  childContact?: { contactId: string; reference: string };
  /** The CIN census source of the referrer's agency, for the board's allegations-by-source measure. */
  source: ReferralSource | 'unknown';
  person: AdultConcern;
  /** Keyed hash of name, date of birth and employer: earlier allegations about the same person. */
  personKey: string;
  referrer: Notification['referrer'];
  children: { name: string; dateOfBirth?: string }[];
  description: string;
  /** The referrer's view until the LADO's initial consideration says otherwise. */
  immediateRisk: boolean;
  considerationDueAt: string;
  meetingDueAt?: string;
  reviewDueAt?: string;
  initialConsideration?: { at: string; by: Person; meetingNeeded: boolean; immediateRisk: boolean; notes: string };
  meetings: Meeting[];
  partnerActions: { id: string; kind: keyof typeof PARTNER_ACTION_KINDS; text: string; by: Person; at: string }[];
  outcome?: z.output<typeof OutcomeSchema> & { at: string; by: Person };
  /** Earlier allegations about the same person, found when this one arrived. */
  earlier: AllegationSummary[];
  updatedAt: string;
  version: number;
  /** When the retention rule deletes the record (epoch seconds). */
  expiresAt: number;
}

/** What the person index holds about each allegation: enough to list it, nothing about children. */
export interface AllegationSummary {
  allegationId: string;
  reference: string;
  receivedAt: string;
  employer: string;
  role: string;
  outcome?: Outcome;
}

export const summaryOf = (
  a: Pick<Allegation, 'allegationId' | 'reference' | 'receivedAt' | 'person' | 'outcome'>,
): AllegationSummary => ({
  allegationId: a.allegationId,
  reference: a.reference,
  receivedAt: a.receivedAt,
  employer: a.person.employer,
  role: a.person.role,
  ...(a.outcome && { outcome: a.outcome.category }),
});
