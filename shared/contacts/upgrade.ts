import type { ChildRecommendation, Recommendation } from '../triage/types';
import { sameForAll, type Decision, type DecisionFields } from './decision';
import type { Contact } from './record';

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

/** `childCount` for a contact read without its notification: how many children the old shape's one decision covers. */
export const upgradeContact = (stored: Contact, childCount = stored.notification?.children?.length ?? 1): Contact => {
  const upgraded = { ...stored };
  if (stored.recommendation) upgraded.recommendation = recommendationNow(stored.recommendation, childCount);
  if (stored.decision) upgraded.decision = decisionNow(stored.decision, childCount);
  if (stored.proposedDecision) upgraded.proposedDecision = decisionNow(stored.proposedDecision, childCount);
  if (stored.previousDecisions)
    upgraded.previousDecisions = stored.previousDecisions.map((d) => decisionNow(d, childCount));
  return upgraded;
};
