import type { Notification } from '../notification';
import type { Decision } from './decision';
import type {
  AwaitingDecisionContact,
  AwaitingManagerContact,
  Contact,
  ContactIn,
  ContactRecord,
  DecidedContact,
  NeedsCompletingContact,
  ReceivedContact,
  TriageFailedContact,
} from './record';
import { canMove, type ContactStatus, type NextFromEach } from './status';

/**
 * The fields a write sets (a field given as undefined is removed). The store reads the result
 * back as a Contact, which refuses a record whose fields contradict its status.
 */
export type ContactChanges = Partial<Omit<ContactRecord, 'contactId'>>;

/**
 * The contact's life cycle as pure functions, one for each move a use case makes after reading
 * the contact: each takes the variant it starts from and gives the variant it makes, so the
 * compiler proves a use case moves a contact only along the edges of TRANSITIONS
 * (shared/contacts/status.ts), and test/unit/contact-transitions.test.ts proves each function
 * keeps to that table. The moves made without a read (triage's steps) are the stores'
 * `transition`, typed by the same table.
 */

/** A worker's decision, final at once: no child needs a manager's sign-off. */
export const decide = (contact: AwaitingDecisionContact | TriageFailedContact, decision: Decision): DecidedContact => ({
  ...contact,
  status: 'decided',
  decision,
});

/** A worker's decision that waits for a manager's sign-off before the outcome is sent. */
export const proposeDecision = (
  contact: AwaitingDecisionContact | TriageFailedContact,
  proposedDecision: Decision,
): AwaitingManagerContact => ({ ...contact, status: 'awaiting-manager', proposedDecision });

type SignOff = NonNullable<ContactRecord['signOff']>;

/** A manager agrees the proposed decision: it becomes the decision (the proposal stays on the record). */
export const agreeDecision = (contact: AwaitingManagerContact, signOff: SignOff): DecidedContact => ({
  ...contact,
  status: 'decided',
  decision: contact.proposedDecision,
  signOff,
});

/** A manager returns the proposed decision to the worker, who decides again. */
export const returnDecision = (contact: AwaitingManagerContact, signOff: SignOff): AwaitingDecisionContact => ({
  ...contact,
  status: 'awaiting-decision',
  signOff,
});

/**
 * A receiving team returned the handover of the decision that stands: the decision leaves the
 * contact for its earlier decisions (the next decision is a new one) and it waits for a decision again.
 */
export const reopenForReturnedHandover = (
  contact: DecidedContact,
  handoverReturn: NonNullable<ContactRecord['handoverReturn']>,
): AwaitingDecisionContact => {
  const { decision, ...rest } = contact;
  return {
    ...rest,
    status: 'awaiting-decision',
    previousDecisions: [...(contact.previousDecisions ?? []), decision],
    handoverReturn,
  };
};

type Reconsideration = NonNullable<ContactRecord['reconsideration']>;

/** The referrer asks, once, for the decision to be looked at again (the use case checks "once"). */
export const requestReconsideration = (
  contact: DecidedContact,
  request: Pick<Reconsideration, 'requestedAt' | 'reason'>,
): DecidedContact => ({ ...contact, reconsideration: { ...request, status: 'requested' } });

/**
 * A manager answers the referrer's reconsideration request: upheld, or changed with a new
 * decision, which replaces the one that stood (kept in the earlier decisions).
 */
export const answerReconsideration = (
  contact: DecidedContact,
  reconsideration: Reconsideration,
  changedTo?: Decision,
): DecidedContact =>
  changedTo
    ? {
        ...contact,
        reconsideration,
        decision: changedTo,
        previousDecisions: [...(contact.previousDecisions ?? []), contact.decision],
      }
    : { ...contact, reconsideration };

/** A worker completed the notification a free-text email stood for: it is received, to be triaged. */
export const completeNotification = (contact: NeedsCompletingContact, notification: Notification): ReceivedContact => ({
  ...contact,
  status: 'received',
  notification,
});

/** The fields that turn `before` into `after`: those changed, and those taken away as undefined. */
const difference = (before: Contact, after: Contact): ContactChanges => {
  const was = new Map<string, unknown>(Object.entries(before));
  return Object.fromEntries([
    ...Object.entries(after).filter(([field, value]) => was.get(field) !== value),
    ...[...was.keys()].filter((field) => !(field in after)).map((field) => [field, undefined]),
  ]);
};

/**
 * A versioned write (Contacts.update), and the status it leaves the contact in. Only these
 * factories make one: `move`, from a contact to what a transition above made of it, along an edge
 * of the table; `within`, to what a change made of it in the same status; `change`, fields set in
 * the same status. So no write moves a contact along an edge the table lacks.
 */
export class ContactWrite<S extends ContactStatus> {
  private constructor(
    /** The status the contact is in after the write. */
    readonly status: S,
    /** The fields the write sets; a field given as undefined is removed. */
    readonly changes: ContactChanges,
  ) {}

  static move<From extends Contact, To extends ContactIn<NextFromEach<From['status']>>>(
    before: From,
    after: To,
  ): ContactWrite<To['status']> {
    // The compiler holds typed callers to the table; this holds the rest.
    if (!canMove(before.status, after.status))
      throw new Error(`Contact ${before.contactId} cannot move from ${before.status} to ${after.status}`);
    return new ContactWrite(after.status, difference(before, after));
  }

  static within<C extends Contact>(before: C, after: C): ContactWrite<C['status']> {
    if (after.status !== before.status)
      throw new Error(`Contact ${before.contactId} cannot move from ${before.status} to ${after.status} by a change`);
    return new ContactWrite(before.status, difference(before, after));
  }

  static change<C extends Contact>(contact: C, changes: Omit<ContactChanges, 'status'>): ContactWrite<C['status']> {
    return new ContactWrite(contact.status, changes);
  }
}
