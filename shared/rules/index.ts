import type { WorkingCalendar } from '../calendar';
import type { Recommendation, TriageInput } from '../triage/types';
import defaultRulesetData from './rulesets/default.json';
import { compileRuleset, evaluate } from './engine';
import { issuesOf, RulesetError } from './ruleset-error';
import { RulesetSchema, type Ruleset } from './schema';

export { RulesetError, type RulesetIssue } from './ruleset-error';
export {
  RulesetSchema,
  SIDES,
  type Ruleset,
  type RulesetInput,
  type Indicator,
  type Rule,
  type Condition,
} from './schema';
export { routeWithOpenCase } from './engine';

let defaultRuleset: Ruleset | undefined;

/**
 * The shipped default ruleset, validated once on first use. Imported as JSON so that a bundled
 * Lambda carries it with no file to find at run time.
 */
export const getDefaultRuleset = (): Ruleset => {
  if (!defaultRuleset) {
    const result = RulesetSchema.safeParse(defaultRulesetData);
    // Report it the way the CLI reports an area's own file, with paths, rather than a raw zod dump.
    if (!result.success)
      throw new RulesetError(
        'shared/rules/rulesets/default.json',
        issuesOf(result.error, () => undefined),
      );
    defaultRuleset = result.data!;
  }
  return defaultRuleset;
};

/** The working calendar of a ruleset (its office hours, England and Wales bank holidays). */
export const rulesetCalendar = (ruleset: Ruleset = getDefaultRuleset()): WorkingCalendar =>
  compileRuleset(ruleset).calendar;

/**
 * Recommend a level of need, route, priority and due time for a notification, with the reasons.
 * Without a calendar, the ruleset's office hours and England and Wales bank holidays apply.
 */
export const recommend = (
  input: TriageInput,
  options: { ruleset?: Ruleset; calendar?: WorkingCalendar } = {},
): Recommendation => {
  const compiled = compileRuleset(options.ruleset ?? getDefaultRuleset());
  return evaluate(compiled, input, options.calendar ?? compiled.calendar);
};
