/**
 * A contact's life at the front door. Every change of status is a conditional write from one
 * of these states to the next, which is what makes redelivered messages and retried steps safe.
 */
export const CONTACT_STATUSES = {
  received: 'Received',
  triaging: 'Being triaged',
  'awaiting-decision': 'Awaiting decision',
  'awaiting-manager': 'Awaiting manager sign-off',
  decided: 'Decided',
  'triage-failed': 'Triage failed: needs a worker to look at it',
  'needs-completing': 'Needs completing: a free-text email a worker turns into a notification',
  'referred-to-lado': 'Passed to the LADO: an allegation about an adult, with no contact needed for the child',
} as const;
export type ContactStatus = keyof typeof CONTACT_STATUSES;

/**
 * The one table of the contact's life cycle: the statuses each status may move to. The typed
 * transitions (shared/contacts/transitions.ts) and the stores' conditional writes are checked
 * against it, by the compiler (NextStatus) and at run time (canMove).
 */
export const TRANSITIONS = {
  received: ['triaging', 'triage-failed'],
  // An allegation about an adult whose referrer says the child needs no help goes to the LADO only.
  triaging: ['awaiting-decision', 'triage-failed', 'referred-to-lado'],
  'awaiting-decision': ['decided', 'awaiting-manager'],
  // A manager agrees a decision that needs sign-off, or returns it to the worker.
  'awaiting-manager': ['decided', 'awaiting-decision'],
  // A receiving team returned the handover of the decision that stands: it waits for a decision again.
  decided: ['awaiting-decision'],
  // A worker can still decide a contact whose automatic triage failed, or it is triaged again.
  'triage-failed': ['triaging', 'decided', 'awaiting-manager'],
  // Once a worker has completed the notification it is triaged like any other.
  'needs-completing': ['received'],
  'referred-to-lado': [],
} as const satisfies Record<ContactStatus, readonly ContactStatus[]>;

/** The statuses a contact in status F may move to. */
export type NextStatus<F extends ContactStatus> = (typeof TRANSITIONS)[F][number];

/** The statuses every one of the statuses F may move to (for a write that starts from any of them). */
export type NextFromEach<F extends ContactStatus> = (
  F extends ContactStatus
    ? (next: NextStatus<F>) => void
    : never
) extends (next: infer N) => void
  ? N & ContactStatus
  : never;

const NEXT: Record<ContactStatus, readonly ContactStatus[]> = TRANSITIONS;
export const canMove = (from: ContactStatus, to: ContactStatus): boolean => NEXT[from].includes(to);

export const codesOfStatus = Object.keys(CONTACT_STATUSES) as [ContactStatus, ...ContactStatus[]];

/**
 * Waiting for a decision to be made or signed off: what triage meetings discuss and what can be
 * overdue (a failed triage has no due time).
 */
export const AWAITING_DECISION_STATUSES = [
  'awaiting-decision',
  'awaiting-manager',
] as const satisfies readonly ContactStatus[];

/** Open: waiting for a worker or a manager; what the console lets people act on and partners are asked about. */
export const OPEN_STATUSES = [
  ...AWAITING_DECISION_STATUSES,
  'triage-failed',
] as const satisfies readonly ContactStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export const isOpen = (status: ContactStatus): status is OpenStatus =>
  (OPEN_STATUSES as readonly ContactStatus[]).includes(status);

/** A worker may decide now: triaged (or failed triage) and no decision waiting for sign-off. */
export const awaitsWorkerDecision = (status: ContactStatus): boolean =>
  status === 'awaiting-decision' || status === 'triage-failed';
