import type { Contact } from '../contacts';

/**
 * Emails about a decision are sent once per decision, not once per contact: a decision changed
 * on reconsideration is the contact's second (third...) and gets its own idempotency keys. The
 * first keeps the plain kind, so contacts decided before decisions were numbered are not re-sent.
 */
export const decisionNumber = (contact: Pick<Contact, 'previousDecisions'>): number =>
  (contact.previousDecisions?.length ?? 0) + 1;

export const decisionKind = (contact: Contact, kind: string): string => {
  const sequence = decisionNumber(contact);
  return sequence > 1 ? `${kind}:${sequence}` : kind;
};

/**
 * The decision before this one was replaced because a receiving team returned its handover
 * (shared/handovers), or because the referrer asked for it to be reconsidered.
 */
export const returnedByTeam = (contact: Pick<Contact, 'handoverReturn' | 'previousDecisions'>): boolean =>
  !!contact.handoverReturn && contact.handoverReturn.handoverId.startsWith(`${decisionNumber(contact) - 1}:`);
