import type { ChildRecommendation, Recommendation } from '../triage/types';
import { sameForAll, type Decision, type DecisionFields } from './decision';
import type { Contact, ContactRecord } from './record';
import { CONTACT_STATUSES, type ContactStatus } from './status';

/**
 * Contacts stored before recommendations and decisions were made per child carry one
 * recommendation and one decision for the whole notification. They are read in today's shape, in
 * this one place, as the same for every child (which is what they meant): nothing else needs to
 * know the old shape, and nothing is rewritten until the contact is next written.
 */

type OldDecision = DecisionFields & { decidedAt: string; decidedBy: string };
type OldRecommendation = Omit<Recommendation, 'children'> & Pick<ChildRecommendation, 'reasons'>;

const decisionNow = (decision: Decision | OldDecision, childCount: number): Decision => {
  if ('children' in decision && Array.isArray(decision.children)) return decision;
  const { decidedAt, decidedBy, ...fields } = decision as OldDecision;
  return { children: sameForAll(fields, childCount), decidedAt, decidedBy };
};

const recommendationNow = (recommendation: Recommendation | OldRecommendation, childCount: number): Recommendation => {
  if ('children' in recommendation && Array.isArray(recommendation.children)) return recommendation;
  const { level, route, priority, reasons } = recommendation;
  return {
    ...recommendation,
    children: Array.from({ length: childCount }, (_, childIndex) => ({ childIndex, level, route, priority, reasons })),
  };
};

type Upgradable = Partial<
  Pick<ContactRecord, 'notification' | 'recommendation' | 'decision' | 'proposedDecision' | 'previousDecisions'>
>;

/**
 * A stored contact, or the fields of one read on their own, in today's shape. `childCount` for a
 * contact read without its notification: how many children the old shape's one decision covers.
 */
export const upgradeContact = <T extends Upgradable>(
  stored: T,
  childCount = stored.notification?.children?.length ?? 1,
): T => {
  const upgraded = { ...stored };
  if (stored.recommendation) upgraded.recommendation = recommendationNow(stored.recommendation, childCount);
  if (stored.decision) upgraded.decision = decisionNow(stored.decision, childCount);
  if (stored.proposedDecision) upgraded.proposedDecision = decisionNow(stored.proposedDecision, childCount);
  if (stored.previousDecisions)
    upgraded.previousDecisions = stored.previousDecisions.map((d) => decisionNow(d, childCount));
  return upgraded;
};

/**
 * Thrown for a stored record that is not a contact, or whose fields contradict its status (a
 * decided contact with no decision): nothing should act on it as if it were whole. The message
 * names the contact and the fields, never their contents.
 */
export class InvalidContact extends Error {
  override readonly name = 'InvalidContact';
  constructor(
    readonly contactId: unknown,
    readonly status: unknown,
    readonly problem: string,
  ) {
    super(`Stored contact ${String(contactId)} (${String(status)}) ${problem}`);
  }
}

const isStatus = (value: unknown): value is ContactStatus => typeof value === 'string' && value in CONTACT_STATUSES;

/** The fields every contact has, whatever its status; the rest are checked against the status below. */
const isRecord = (item: Record<string, unknown>): item is Record<string, unknown> & ContactRecord =>
  ['contactId', 'reference', 'channel', 'receivedAt', 'updatedAt'].every((field) => typeof item[field] === 'string') &&
  isStatus(item.status);

const present = <T>(value: T | undefined): value is T => typeof value === 'object' && value !== null;

/**
 * A contact as its status says it is, from a record read from storage: the boundary where an
 * item of unknown shape becomes a Contact. It checks what each status promises (a notification
 * once completed, the decision once decided, the proposed decision while a manager signs it off,
 * the failure while triage has failed) and that nothing contradicts it; everything else about
 * the record is as this service wrote it.
 */
export const contactFrom = (item: Record<string, unknown>): Contact => {
  if (!isRecord(item)) throw new InvalidContact(item.contactId, item.status, 'is not a contact record');
  const record = upgradeContact(item);
  const { notification, decision, proposedDecision, triageFailure, incomingEmail, status } = record;
  const invalid = (problem: string) => new InvalidContact(record.contactId, status, problem);
  if (status === 'needs-completing') {
    if (!present(incomingEmail)) throw invalid('has no incoming email');
    if (notification) throw invalid('already has a notification');
    if (decision) throw invalid('has a decision');
    const { notification: _none, decision: _nor, ...rest } = record;
    return { ...rest, status, incomingEmail };
  }
  if (!present(notification)) throw invalid('has no notification');
  switch (status) {
    case 'decided':
      if (!present(decision)) throw invalid('has no decision');
      return { ...record, status, notification, decision };
    case 'awaiting-manager': {
      if (!present(proposedDecision)) throw invalid('has no decision to sign off');
      if (decision) throw invalid('has a decision');
      const { decision: _none, ...rest } = record;
      return { ...rest, status, notification, proposedDecision };
    }
    case 'triage-failed': {
      if (!present(triageFailure)) throw invalid('has no triage failure');
      if (decision) throw invalid('has a decision');
      const { decision: _none, ...rest } = record;
      return { ...rest, status, notification, triageFailure };
    }
    default: {
      if (decision) throw invalid('has a decision');
      const { decision: _none, ...rest } = record;
      return { ...rest, status, notification };
    }
  }
};
