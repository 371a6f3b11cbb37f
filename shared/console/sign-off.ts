import type { Decision } from '../contacts';
import { ROUTES, type Recommendation, type Route } from '../triage/types';

/**
 * Which decisions a manager must agree before the outcome is sent (management oversight was
 * what inspectors found weakest). Returns the reasons, in plain English; none means the
 * worker's decision stands on its own.
 */
export const signOffReasons = (
  decision: Pick<Decision, 'route' | 'level'>,
  recommendation: Pick<Recommendation, 'level' | 'priority'> | undefined,
  areaRoutes: readonly Route[],
): string[] => {
  const reasons: string[] = [];
  if (recommendation?.level === 4 && decision.level < 4) reasons.push('The decision lowers a level 4 recommendation');
  if (recommendation?.priority === 'red' && decision.route === 'nfa') reasons.push('No further action on a red contact');
  if (areaRoutes.includes(decision.route)) reasons.push('The area asks a manager to agree every decision on this route');
  return reasons;
};

/** Overriding the engine's level or route is allowed, but the worker must say why. */
export const overridesRecommendation = (
  decision: Pick<Decision, 'route' | 'level'>,
  recommendation: Pick<Recommendation, 'level' | 'route'> | undefined,
): boolean => !!recommendation && (decision.level !== recommendation.level || decision.route !== recommendation.route);

/** The area's sign-off routes, from SIGN_OFF_ROUTES (comma separated route codes) set by the stack. */
export const signOffRoutesFrom = (env: NodeJS.ProcessEnv = process.env): Route[] =>
  (env.SIGN_OFF_ROUTES ?? '').split(',').map((r) => r.trim()).filter((r): r is Route => r in ROUTES);
