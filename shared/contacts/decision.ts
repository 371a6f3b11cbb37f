import * as z from 'zod';
import { codesOf, fieldErrors, PRIMARY_NEEDS, type FieldError } from '../notification';
import { ROUTES, type Route } from '../triage/types';

/**
 * What a triage worker records for one child. The level and route are the child's own (domain
 * brief §2: the decision is made for each child); the rationale is required because inspectors
 * found it missing.
 */
export const ChildDecisionFieldsSchema = z
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

const ChildDecisionSchema = ChildDecisionFieldsSchema.extend({
  childIndex: z
    .number({ message: 'Say which child the decision is for: childIndex, 0 for the first child' })
    .int()
    .min(0),
}).strict();

/**
 * The body of a decision: `children`, one decision per child, or one decision (the fields
 * without `children`) that applies to every child, which is what clients written before
 * decisions were per child send.
 */
export const DecisionSchema = z.union([
  z.object({ children: z.array(ChildDecisionSchema).min(1).max(20) }).strict(),
  ChildDecisionFieldsSchema,
]);

export type DecisionFields = z.output<typeof ChildDecisionFieldsSchema>;
export type DecisionInput = z.input<typeof DecisionSchema>;
export type ChildDecision = z.output<typeof ChildDecisionSchema>;

/** Who decided comes from the signed request, never from the body; one decision covers every child. */
export interface Decision {
  children: ChildDecision[];
  decidedAt: string;
  decidedBy: string;
}

/** The same decision for each of the notification's children. */
export const sameForAll = (fields: DecisionFields, childCount: number): ChildDecision[] =>
  Array.from({ length: childCount }, (_, childIndex) => ({ childIndex, ...fields }));

export type DecisionBody = z.output<typeof DecisionSchema>;

/** The body's shape, checked before anything is read: a clear error for bad input. */
export const parseDecisionBody = (
  body: unknown,
): { success: true; body: DecisionBody } | { success: false; errors: FieldError[] } => {
  const hasChildren = typeof body === 'object' && body !== null && 'children' in body;
  // Parsed by the branch the client meant, so its errors name that branch's fields, not a union's.
  const parsed = (hasChildren ? DecisionSchema.options[0] : ChildDecisionFieldsSchema).safeParse(body);
  return parsed.success ? { success: true, body: parsed.data } : { success: false, errors: fieldErrors(parsed.error) };
};

/**
 * A decision body as one decision per child, in the notification's order: every child decided
 * once, none missing and none unknown, so that no child is left without a decision.
 */
export const childDecisionsFor = (
  body: DecisionBody,
  childCount: number,
): { success: true; children: ChildDecision[] } | { success: false; errors: FieldError[] } => {
  if (!('children' in body)) return { success: true, children: sameForAll(body, childCount) };
  const byChild = new Map<number, ChildDecision>();
  const errors: FieldError[] = [];
  body.children.forEach((child, i) => {
    if (child.childIndex >= childCount)
      errors.push({
        path: `children.${i}.childIndex`,
        message: `There is no child ${child.childIndex + 1}: the notification has ${childCount}`,
      });
    else if (byChild.has(child.childIndex))
      errors.push({
        path: `children.${i}.childIndex`,
        message: `Child ${child.childIndex + 1} has two decisions: give one`,
      });
    else byChild.set(child.childIndex, child);
  });
  const missing = Array.from({ length: childCount }, (_, i) => i).filter((i) => !byChild.has(i));
  if (missing.length)
    errors.push({
      path: 'children',
      message: `Decide for every child: ${missing.map((i) => `child ${i + 1}`).join(', ')} ${missing.length > 1 ? 'have' : 'has'} no decision`,
    });
  if (errors.length) return { success: false, errors };
  return { success: true, children: [...byChild.values()].sort((a, b) => a.childIndex - b.childIndex) };
};

type Compared = { children: Pick<ChildDecision, 'childIndex' | 'route' | 'level' | 'rationale'>[] };

/**
 * A second request with the same decision for every child is a retry, not a conflict; anything
 * else on a decided contact is a conflicting decision.
 */
export const sameDecision = (a: Compared, b: Compared): boolean =>
  a.children.length === b.children.length &&
  a.children.every((x, i) => {
    const y = b.children[i]!;
    return x.childIndex === y.childIndex && x.route === y.route && x.level === y.level && x.rationale === y.rationale;
  });

/**
 * Children given the same level, route and rationale are told as one decision, so "the same
 * for all children" reads as one; different decisions are told child by child.
 */
export const groupedByDecision = (children: readonly ChildDecision[]): ChildDecision[][] => {
  const groups = new Map<string, ChildDecision[]>();
  for (const child of children) {
    const key = JSON.stringify([child.route, child.level, child.rationale]);
    groups.set(key, [...(groups.get(key) ?? []), child]);
  }
  return [...groups.values()];
};

/** What was decided for one child of a contact. */
export const decidedFor = (
  decision: Pick<Decision, 'children'> | undefined,
  childIndex: number,
): ChildDecision | undefined => decision?.children.find((c) => c.childIndex === childIndex);

/** For the audit trail: each child's level and route, by the child's number in the notification. */
export const describeChildren = (decision: Pick<Decision, 'children'>): string =>
  decision.children.length === 1
    ? `level ${decision.children[0]!.level}, ${decision.children[0]!.route}`
    : decision.children.map((c) => `child ${c.childIndex + 1}: level ${c.level}, ${c.route}`).join('; ');

export const describeRoute = (route: Route): string => ROUTES[route];
