import * as z from 'zod';
import { EMPLOYER_SECTORS, type EmployerSector } from '../notification/adult-concern';
import { ASSESSMENT_FACTORS, AGENCY_TYPES, codesOf } from '../notification/codes';
import { ROUTES, type Level, type Route } from '../triage/types';

/**
 * The levels-of-need ruleset: the area's thresholds guidance as data. Every area words its
 * guidance differently, so nothing here is fixed except the shape, the national codes and the
 * route vocabulary the rest of the front door understands.
 */

export const SIDES = {
  'child-development': "Child's developmental needs",
  'parenting-capacity': 'Parenting capacity',
  'family-environment': 'Family and environmental factors',
} as const;
export type Side = keyof typeof SIDES;

export type FlagName = 'immediateRisk' | 'strategyDiscussion';

interface Range {
  gte?: number;
  lte?: number;
  lt?: number;
}

/**
 * A condition has exactly one key. Notification facts: factor, dash, cse, missingEpisodes,
 * immediateDanger, agency, children, childAge, unborn, childDisability, adultWorkingWithChildren, adultSector, chosen. Evaluation state: indicator,
 * countAtLevel, sides, flag, level, theme. The other children: siblingRule, siblingFlag. History:
 * earlierContacts. Logic: all, any, not.
 */
export interface Condition {
  factor?: string[];
  dash?: ('standard' | 'medium' | 'high')[];
  cse?: ('low' | 'medium' | 'high')[];
  missingEpisodes?: Range;
  immediateDanger?: boolean;
  agency?: string[];
  children?: Range;
  /** Any child whose age in completed years is in range (unborn children have no age). */
  childAge?: Range;
  unborn?: true;
  /** Any child with a disability recorded, or factor 5A or 6A. */
  childDisability?: true;
  /** The notification is about an adult who works or volunteers with children (for the LADO). */
  adultWorkingWithChildren?: true;
  /**
   * The adult the concern is about works in one of these sectors (the LADO's employer sectors): a
   * foster carer lives with the children in the placement, where a teacher does not.
   */
  adultSector?: EmployerSector[];
  indicator?: string[];
  /**
   * The referrer chose one of these indicators for the child (on the form, or by id in the API),
   * whether or not it fired: an indicator the law or a screening result rules out (appliesTo) can
   * still tell another indicator what the referrer said.
   */
  chosen?: string[];
  countAtLevel?: { level: Level; gte: number };
  /** Distinct Assessment Framework sides with a fired indicator at minLevel or above. */
  sides?: { minLevel: Level; gte: number };
  flag?: FlagName;
  level?: Range;
  theme?: string;
  /** Earlier contacts for any one child within the window (the current contact not counted). */
  earlierContacts?: { withinMonths: number; gte: number };
  /**
   * Another child of the notification for whom one of these rules or indicators fired on that
   * child's own facts (a baby's injury brings a young brother or sister into the same strategy discussion).
   */
  siblingRule?: string[];
  /**
   * Another child of the notification whose own facts set this flag (a brother or sister needs a
   * strategy discussion, which considers this child too).
   */
  siblingFlag?: FlagName;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens, like parental-substance-misuse');
const plainText = z.string().trim().min(1, 'Enter some text').max(2000);
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { message: 'A level is 1, 2, 3 or 4' });
const count = z.number().int().min(0);
const range = z
  .object({ gte: count.optional(), lte: count.optional(), lt: count.optional() })
  .strict()
  .refine((r) => r.gte !== undefined || r.lte !== undefined || r.lt !== undefined, 'Give at least one of gte, lte, lt');
const factorCode = z.enum(codesOf(ASSESSMENT_FACTORS), { message: 'Use a CIN census assessment factor code, like 3B' });
const route = z.enum(Object.keys(ROUTES) as [Route, ...Route[]], {
  message: `A route is one of ${Object.keys(ROUTES).join(', ')}`,
});

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .object({
      factor: z.array(factorCode).min(1),
      dash: z.array(z.enum(['standard', 'medium', 'high'])).min(1),
      cse: z.array(z.enum(['low', 'medium', 'high'])).min(1),
      missingEpisodes: range,
      immediateDanger: z.boolean(),
      agency: z
        .array(z.enum(codesOf(AGENCY_TYPES), { message: 'Use an agency type from the notification schema' }))
        .min(1),
      children: range,
      childAge: range,
      unborn: z.literal(true),
      childDisability: z.literal(true),
      adultWorkingWithChildren: z.literal(true),
      adultSector: z
        .array(
          z.enum(Object.keys(EMPLOYER_SECTORS) as [EmployerSector, ...EmployerSector[]], {
            message: 'Use an employer sector from the notification schema, like fostering',
          }),
        )
        .min(1),
      indicator: z.array(id).min(1),
      chosen: z.array(id).min(1),
      countAtLevel: z.object({ level, gte: z.number().int().min(1) }).strict(),
      sides: z.object({ minLevel: level, gte: z.number().int().min(1).max(3) }).strict(),
      flag: z.enum(['immediateRisk', 'strategyDiscussion']),
      level: range,
      theme: id,
      earlierContacts: z
        .object({ withinMonths: z.number().int().min(1).max(120), gte: z.number().int().min(1) })
        .strict(),
      siblingRule: z.array(id).min(1),
      siblingFlag: z.enum(['immediateRisk', 'strategyDiscussion']),
      all: z.array(ConditionSchema).min(1),
      any: z.array(ConditionSchema).min(1),
      not: ConditionSchema,
    })
    .partial()
    .strict()
    .refine((c) => Object.keys(c).length === 1, {
      message: 'A condition has exactly one key; combine several with "all" or "any"',
    }),
);

const duration = z
  .object({
    hours: z.number().positive().optional(),
    officeHours: z.number().positive().optional(),
    workingDays: z.number().positive().optional(),
  })
  .strict()
  .refine((d) => Object.keys(d).length === 1, 'Give exactly one of hours, officeHours or workingDays');
export type Duration = z.output<typeof duration>;

const flags = {
  /** Needs action today: pushes the priority to red in the default ruleset. */
  immediateRisk: z.boolean().default(false),
  /** Reasonable cause to suspect significant harm: level 4, strategy discussion (s47). */
  strategyDiscussion: z.boolean().default(false),
};

export const IndicatorSchema = z
  .object({
    id,
    side: z.enum(Object.keys(SIDES) as [Side, ...Side[]], {
      message: `A side is one of ${Object.keys(SIDES).join(', ')}`,
    }),
    level,
    title: plainText,
    /** Plain English a worker can paste into a rationale. */
    text: plainText,
    factors: z.array(factorCode).min(1, 'Relate the indicator to at least one CIN assessment factor'),
    /** Without "when", the indicator fires only when the referrer chooses it on the form. */
    when: ConditionSchema.optional(),
    /**
     * The children the indicator can describe, when the law draws the line (a privately fostered
     * child is under 16, or under 18 if disabled): it fires for no other child, however it was
     * chosen, so one notification's census factor or form answer cannot make a route the law rules out.
     */
    appliesTo: ConditionSchema.optional(),
    themes: z.array(id).default([]),
    ...flags,
    /**
     * Why an indicator needing action today is not a strategy discussion (for example a child who
     * needs accommodation, not enquiries); without it, "rules check" warns about the mismatch.
     */
    noStrategyDiscussionBecause: plainText.optional(),
    /** The published guidance the indicator comes from, so an area can check it against its own. */
    source: plainText.optional(),
  })
  .strict();
export type Indicator = z.output<typeof IndicatorSchema>;

export const RuleSchema = z
  .object({
    id,
    title: plainText,
    text: plainText,
    /** The published guidance the rule comes from. */
    source: plainText.optional(),
    when: ConditionSchema,
    then: z
      .object({
        /** Raise the level to at least this. */
        level: level.optional(),
        /** Raise the level by this many steps, up to 4. */
        raiseBy: z.number().int().min(1).max(3).optional(),
        themes: z.array(id).default([]),
        ...flags,
        /**
         * Changes nothing but puts the rule's text among the child's reasons, for what the worker
         * must know and act on without a new level (an older sibling to be considered in a strategy
         * discussion about their brother or sister).
         */
        note: z.literal(true).optional(),
      })
      .strict()
      .refine(
        (t) =>
          t.note ||
          t.level !== undefined ||
          t.raiseBy !== undefined ||
          t.themes.length > 0 ||
          t.immediateRisk ||
          t.strategyDiscussion,
        'A rule must change something (level, raiseBy, themes, immediateRisk or strategyDiscussion) or be a note',
      ),
  })
  .strict();
export type Rule = z.output<typeof RuleSchema>;

const levelDefinition = z.object({ name: plainText, description: plainText, route }).strict();

export const RulesetSchema = z
  .object({
    id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'Use a semantic version, like 1.2.0'),
    title: plainText,
    /** Who owns the ruleset and whether it is the shipped default or an area's own guidance. */
    status: z.enum(['default', 'draft', 'in-force', 'retired']),
    notice: plainText.optional(),
    effectiveFrom: z.iso.date({ message: 'Enter a date in the format YYYY-MM-DD' }),
    officeHours: z
      .object({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 09:00'),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 17:00'),
      })
      .strict()
      .optional(),
    levels: z
      .object({ '1': levelDefinition, '2': levelDefinition, '3': levelDefinition, '4': levelDefinition })
      .strict(),
    themes: z.array(z.object({ id, name: plainText, when: ConditionSchema.optional() }).strict()).default([]),
    indicators: z.array(IndicatorSchema).min(1),
    rules: z.array(RuleSchema).default([]),
    history: z
      .object({
        /** Where a contact goes when a child has an open social care case and no strategy discussion is needed. */
        openCaseRoute: route.default('existing-open-case'),
        /** The least a contact gets when a child has open early help: the lead professional's service. */
        openEarlyHelpRoute: route.default('early-help-targeted'),
      })
      .strict()
      .default({ openCaseRoute: 'existing-open-case', openEarlyHelpRoute: 'early-help-targeted' }),
    clocks: z
      .object({
        decision: z.object({ name: plainText, within: duration }).strict(),
        priorities: z
          .object({
            red: z.object({ when: ConditionSchema, within: duration }).strict(),
            amber: z.object({ when: ConditionSchema, within: duration }).strict(),
            green: z.object({ within: duration }).strict(),
          })
          .strict(),
        /**
         * Further clocks a contact starts, such as a return home interview. A clock runs from
         * receipt, or from the missing child's return when the referrer says when that was
         * (statutory guidance on children who go missing: the interview within 72 hours of the return).
         */
        others: z
          .array(
            z
              .object({
                id,
                name: plainText,
                when: ConditionSchema,
                within: duration,
                from: z.enum(['received', 'missing-return']).default('received'),
              })
              .strict(),
          )
          .default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((ruleset, ctx) => {
    const indicatorIds = new Set<string>();
    ruleset.indicators.forEach((indicator, i) => {
      if (indicatorIds.has(indicator.id))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'id'],
          message: `Duplicate indicator id "${indicator.id}"`,
        });
      indicatorIds.add(indicator.id);
      if (indicator.strategyDiscussion && indicator.level !== 4)
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'level'],
          message: 'An indicator that requires a strategy discussion must be level 4',
        });
    });
    const themeIds = new Set(ruleset.themes.map((t) => t.id));
    const seen = new Set<string>();
    const unique = (kind: string, value: string, path: (string | number)[]) => {
      if (seen.has(`${kind}:${value}`))
        ctx.addIssue({ code: 'custom', path, message: `Duplicate ${kind} id "${value}"` });
      seen.add(`${kind}:${value}`);
    };
    ruleset.themes.forEach((t, i) => unique('theme', t.id, ['themes', i, 'id']));
    ruleset.rules.forEach((r, i) => unique('rule', r.id, ['rules', i, 'id']));
    ruleset.clocks.others.forEach((c, i) => unique('clock', c.id, ['clocks', 'others', i, 'id']));

    const checkThemes = (themes: string[], path: (string | number)[]) =>
      themes.forEach((theme, i) => {
        if (!themeIds.has(theme))
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `Unknown theme "${theme}"; declare it under themes`,
          });
      });
    const checkCondition = (condition: Condition | undefined, path: (string | number)[]): void => {
      if (!condition) return;
      for (const key of ['indicator', 'chosen'] as const)
        condition[key]?.forEach((ref, i) => {
          if (!indicatorIds.has(ref))
            ctx.addIssue({ code: 'custom', path: [...path, key, i], message: `Unknown indicator "${ref}"` });
        });
      if (condition.theme !== undefined && !themeIds.has(condition.theme))
        ctx.addIssue({ code: 'custom', path: [...path, 'theme'], message: `Unknown theme "${condition.theme}"` });
      condition.all?.forEach((c, i) => checkCondition(c, [...path, 'all', i]));
      condition.any?.forEach((c, i) => checkCondition(c, [...path, 'any', i]));
      checkCondition(condition.not, [...path, 'not']);
    };
    ruleset.indicators.forEach((indicator, i) => {
      checkThemes(indicator.themes, ['indicators', i, 'themes']);
      checkCondition(indicator.when, ['indicators', i, 'when']);
      checkCondition(indicator.appliesTo, ['indicators', i, 'appliesTo']);
    });
    ruleset.rules.forEach((rule, i) => {
      checkThemes(rule.then.themes, ['rules', i, 'then', 'themes']);
      checkCondition(rule.when, ['rules', i, 'when']);
    });
    ruleset.themes.forEach((theme, i) => checkCondition(theme.when, ['themes', i, 'when']));
    checkCondition(ruleset.clocks.priorities.red.when, ['clocks', 'priorities', 'red', 'when']);
    checkCondition(ruleset.clocks.priorities.amber.when, ['clocks', 'priorities', 'amber', 'when']);
    ruleset.clocks.others.forEach((clock, i) => checkCondition(clock.when, ['clocks', 'others', i, 'when']));
  });

export type RulesetInput = z.input<typeof RulesetSchema>;
export type Ruleset = z.output<typeof RulesetSchema>;
