import { recommendedFor, type Level, type Route } from '../triage/types';
import { decidedFor } from './decision';
import type { Contact } from './record';

/** What a later contact shows of an earlier one: where it got to, and what was decided. */
export interface MatchSummary {
  status: string;
  level?: Level;
  route?: Route;
  decidedAt?: string;
}

/** The summary of one child in a contact: what was recommended and decided for that child, not a sibling. */
export const matchSummary = (
  contact: Pick<Contact, 'status' | 'decision' | 'recommendation'>,
  childIndex: number,
): MatchSummary => {
  const decided = decidedFor(contact.decision, childIndex);
  return {
    status: contact.status,
    level: decided?.level ?? recommendedFor(contact.recommendation, childIndex)?.level,
    route: decided?.route,
    decidedAt: contact.decision?.decidedAt,
  };
};

/** What of an earlier contact a match needs to show it as it is now. */
export type SummarySource = Pick<Contact, 'status' | 'decision' | 'recommendation'>;

/**
 * A match as the earlier contact is now: the status and decision time of the contact, and the
 * level and route of the very child that matched (a sibling's, or what was recommended when the
 * match was made, would mislead). A match stored before it recorded its child keeps the level and
 * route it was stored with.
 */
export const currentMatch = <T extends MatchSummary & { matchedChildIndex?: number }>(
  match: T,
  earlier: SummarySource | undefined,
): T => {
  if (!earlier) return match;
  if (match.matchedChildIndex === undefined)
    return { ...match, status: earlier.status, decidedAt: earlier.decision?.decidedAt };
  const { level: _level, route: _route, decidedAt: _decidedAt, ...rest } = match;
  const now = matchSummary(earlier, match.matchedChildIndex);
  return {
    ...rest,
    status: now.status,
    ...(now.level !== undefined && { level: now.level }),
    ...(now.route !== undefined && { route: now.route }),
    ...(now.decidedAt !== undefined && { decidedAt: now.decidedAt }),
  } as T;
};
