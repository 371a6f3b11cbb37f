import type { ChildDecision } from '../contacts';
import { recommendedFor, type ChildRecommendation, type Recommendation, type Route } from '../triage/types';

/**
 * Which decisions a manager must agree before the outcome is sent (management oversight was
 * what inspectors found weakest). The rules apply to each child against that child's own
 * recommendation, so lowering the baby's level 4 needs sign-off even when a sibling's does not.
 * Returns the reasons, in plain English; none means the worker's decision stands on its own.
 */
export const signOffReasons = (
  children: readonly Pick<ChildDecision, 'childIndex' | 'route' | 'level'>[],
  recommendation: Pick<Recommendation, 'children'> | undefined,
  areaRoutes: readonly Route[],
): string[] =>
  children.flatMap((decision) => {
    const recommended = recommendedFor(recommendation, decision.childIndex);
    const reasons: string[] = [];
    if (recommended?.level === 4 && decision.level < 4) reasons.push('The decision lowers a level 4 recommendation');
    if (recommended?.priority === 'red' && decision.route === 'nfa') reasons.push('No further action on a red contact');
    if (areaRoutes.includes(decision.route))
      reasons.push('The area asks a manager to agree every decision on this route');
    return children.length > 1 ? reasons.map((r) => `Child ${decision.childIndex + 1}: ${r}`) : reasons;
  });

/** Overriding the engine's level or route for a child is allowed, but the worker must say why. */
export const overridesRecommendation = (
  decision: Pick<ChildDecision, 'route' | 'level'>,
  recommended: Pick<ChildRecommendation, 'level' | 'route'> | undefined,
): boolean => !!recommended && (decision.level !== recommended.level || decision.route !== recommended.route);
