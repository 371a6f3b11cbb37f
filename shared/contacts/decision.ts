import { z } from 'zod';
import { codesOf, PRIMARY_NEEDS } from '../notification';
import { ROUTES, type Route } from '../triage/types';

/** What a triage worker records. The rationale is required: inspectors found it missing. */
export const DecisionSchema = z
  .object({
    route: z.enum(codesOf(ROUTES), { message: `Choose a route: ${Object.keys(ROUTES).join(', ')}` }),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
      message: 'Choose a level of need from 1 to 4',
    }),
    primaryNeed: z.enum(codesOf(PRIMARY_NEEDS)).optional(),
    rationale: z
      .string()
      .trim()
      .min(10, 'Explain the decision in at least 10 characters: the referrer and inspectors will read it')
      .max(10000),
    /** Why the worker chose a different level or route from the recommendation. */
    overrideReason: z.string().trim().max(2000).optional(),
  })
  .strict();

export type DecisionInput = z.input<typeof DecisionSchema>;
/** Who decided comes from the signed request, never from the body. */
export type Decision = z.output<typeof DecisionSchema> & { decidedAt: string; decidedBy: string };

/**
 * A second request with the same decision is a retry, not a conflict; anything else on a
 * decided contact is a conflicting decision.
 */
export const sameDecision = (a: Pick<Decision, 'route' | 'level' | 'rationale'>, b: Pick<Decision, 'route' | 'level' | 'rationale'>): boolean =>
  a.route === b.route && a.level === b.level && a.rationale === b.rationale;

export const describeRoute = (route: Route): string => ROUTES[route];
