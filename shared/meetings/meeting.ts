import * as z from 'zod';
import type { Person } from '../contacts';

/**
 * A daily multi-agency triage meeting (domain brief §1, §10): one a day for each theme, listing
 * the open contacts with that theme. The chair records who came from which agency; for each
 * child, what each agency knows and will do, the actions agreed (owner, due date, done), and the
 * outcome, with what the child's GP and school need to know. Each child's part is stored beside
 * the child's contact (a `MeetingRecord`), so it is part of the contact, and every change is in
 * the contact's audit trail.
 */
export const MEETING_STATUSES = { open: 'Open', closed: 'Closed' } as const;
export type MeetingStatus = keyof typeof MEETING_STATUSES;

/** Someone at the meeting; `agency` is an agency id, or `council` for children's social care. */
export interface Attendee {
  id: string;
  name: string;
  agency: string;
  role?: string;
}
export const COUNCIL = 'council';

/** A contact on the meeting's list, with the children the meeting discusses. */
export interface AgendaItem {
  contactId: string;
  reference: string;
  children: { childIndex: number; name: string }[];
}

/** Who the chair's closing of the meeting told, or why they could not be told by email. */
export interface Told {
  contactId: string;
  childIndex: number;
  recipient: 'gp' | 'school';
  /** sent: to a secure address; the others mean the chair must tell them another way. */
  outcome: 'sent' | 'no-address' | 'not-secure';
  to?: string;
}

export interface Meeting {
  /** `<date>.<theme>`: one meeting a day per theme. */
  meetingId: string;
  /** The London date, YYYY-MM-DD. */
  date: string;
  theme: string;
  themeName: string;
  status: MeetingStatus;
  chair: Person;
  /** Agency ids invited: their people see the meeting's contacts on the day, and nothing else. */
  invited: string[];
  attendees: Attendee[];
  agenda: AgendaItem[];
  openedAt: string;
  closedAt?: string;
  told?: Told[];
  version: number;
  updatedAt: string;
  expiresAt?: number;
}

export interface Contribution {
  id: string;
  agency: string;
  /** What the agency knows about the child. */
  knows: string;
  /** What the agency will do. */
  willDo: string;
  recordedBy: Person;
  recordedAt: string;
}

export interface MeetingAction {
  id: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD */
  dueOn: string;
  done?: { by: Person; at: string };
}

export interface ChildOutcome {
  outcome: string;
  /** What the child's GP needs to know, and no more; nothing means the GP is not told. */
  tellGp?: string;
  tellSchool?: string;
  recordedBy: Person;
  recordedAt: string;
}

/** One child's part of one meeting, stored beside the child's contact. */
export interface MeetingRecord {
  meetingId: string;
  date: string;
  theme: string;
  themeName: string;
  contactId: string;
  reference: string;
  childIndex: number;
  childName: string;
  contributions: Contribution[];
  actions: MeetingAction[];
  outcome?: ChildOutcome;
  version: number;
  updatedAt: string;
  expiresAt?: number;
}

export type RecordKey = Pick<MeetingRecord, 'meetingId' | 'contactId' | 'childIndex'>;

export const meetingIdOf = (date: string, theme: string): string => `${date}.${theme}`;
export const isMeetingId = (id: string): boolean => /^\d{4}-\d{2}-\d{2}\.[a-z][a-z0-9-]{1,40}$/.test(id);

/** A child on the meeting's page: `<contactId>.<childIndex>`, as its forms post it. */
export const childKeyOf = (record: Pick<MeetingRecord, 'contactId' | 'childIndex'>): string =>
  `${record.contactId}.${record.childIndex}`;

const text = (what: string, max: number) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || undefined);
const child = z.string({ message: 'Choose a child' }).regex(/^[0-9a-z]{26}\.\d{1,2}$/, 'Choose a child');
const agency = z.string({ message: 'Choose an agency' }).trim().min(1, 'Choose an agency');

/** What the chair's forms post, before the agencies are checked against the stage's. */
export const MeetingInputs = {
  attendee: z.object({
    name: text('the name of the person attending', 200),
    agency,
    role: optionalText('their role', 200),
  }),
  invite: z.object({ agencies: z.array(z.string().min(1)).default([]) }),
  contribution: z.object({
    child,
    agency,
    knows: text('what the agency knows', 2000),
    willDo: text('what the agency will do', 2000),
  }),
  action: z.object({
    child,
    text: text('the action', 500),
    owner: text('who owns the action', 200),
    dueOn: z.iso.date({ message: 'Enter the date the action is due, like 27 3 2027' }),
  }),
  'action-done': z.object({ child, actionId: z.string().min(1) }),
  outcome: z.object({
    child,
    outcome: text('the outcome for the child', 2000),
    tellGp: optionalText('what the GP needs to know', 1000),
    tellSchool: optionalText('what the school needs to know', 1000),
  }),
} as const;
export type MeetingInputKind = keyof typeof MeetingInputs;
export type MeetingInput<K extends MeetingInputKind> = z.output<(typeof MeetingInputs)[K]>;
