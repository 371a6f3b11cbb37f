import type { EmployerSector } from '../notification/adult-concern';
import { ASSESSMENT_FACTORS, AGENCY_TYPES, type AgencyType, type AssessmentFactor } from '../notification/codes';
import type { EarlierContact, Level } from '../triage/types';
import type { Condition, FlagName, Side } from './schema';

/**
 * Conditions are compiled once per ruleset into closures, so an evaluation is a walk over plain
 * functions with no interpretation of the ruleset left in the hot path.
 */

/** What the engine knows about the notification, worked out once per evaluation. */
export interface Facts {
  factors: ReadonlySet<string>;
  dash: string | undefined;
  cse: string | undefined;
  missingEpisodes: number | undefined;
  immediateDanger: boolean;
  /** The notification is about an adult who works with children (an allegation for the LADO). */
  adultWorkingWithChildren: boolean;
  /** The sector that adult works in, when the notification is about one. */
  adultSector: EmployerSector | undefined;
  agency: AgencyType;
  /** How many children the notification is about: a fact about the notification, not one child. */
  childCount: number;
  /**
   * The children being assessed (one per evaluation: each child is assessed on their own), as
   * numbered in the notification (1 for the first), for evidence.
   */
  childNumbers: number[];
  /** Completed years per child assessed; undefined for an unborn child. */
  ages: (number | undefined)[];
  disabilityRecorded: boolean[];
  /** The indicators the referrer chose for the child assessed: the notification's and the child's own. */
  chosen: ReadonlySet<string>;
  /** Earlier contacts per child assessed, newest first. */
  earlierByChild: EarlierContact[][];
  /**
   * The rules and indicators that fired, and the flags set, for each other child of the
   * notification on that child's own facts, by child number (flags keyed `flag:<name>`).
   */
  siblingsFired: ReadonlyMap<string, number[]>;
  receivedAt: number;
}

/** What has fired so far in this evaluation. */
export interface State {
  firedIds: Set<string>;
  /**
   * Needs per level, 1–4 (index 0 unused): each the ids of the fired indicators that are one
   * need. A risk assessment's result (DASH, the CSE tool, the missing-episode count) and the
   * concern it assesses are one need, not two: a police notification of domestic abuse with its
   * DASH level is one additional need, as Levels of Need guidance counts needs.
   */
  needsByLevel: string[][][];
  sideMaxLevel: Map<Side, Level>;
  flags: Record<FlagName, string[]>;
  level: Level;
  themes: Set<string>;
}

/** Evidence when the condition holds, undefined when it does not. */
export type Evaluator = (facts: Facts, state: State) => string[] | undefined;

const NONE: string[] = [];

const inRange = (value: number, r: { gte?: number; lte?: number; lt?: number }): boolean =>
  (r.gte === undefined || value >= r.gte) &&
  (r.lte === undefined || value <= r.lte) &&
  (r.lt === undefined || value < r.lt);

const SIDE_ORDER: Side[] = ['child-development', 'parenting-capacity', 'family-environment'];

/** "3 months before", on the calendar, so that a 12-month window means the same date a year ago. */
export const monthsBefore = (instant: number, months: number): number => {
  const d = new Date(instant);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
};

export const compileCondition = (condition: Condition): Evaluator => {
  const [key] = Object.keys(condition) as (keyof Condition)[];
  switch (key) {
    case 'factor': {
      const codes = condition.factor!;
      return (f) => {
        let evidence: string[] | undefined;
        for (const code of codes) {
          if (f.factors.has(code))
            (evidence ??= []).push(`factor ${code} (${ASSESSMENT_FACTORS[code as AssessmentFactor]})`);
        }
        return evidence;
      };
    }
    case 'dash': {
      const values: readonly string[] = condition.dash!;
      return (f) => (f.dash !== undefined && values.includes(f.dash) ? [`DASH risk: ${f.dash}`] : undefined);
    }
    case 'cse': {
      const values: readonly string[] = condition.cse!;
      return (f) => (f.cse !== undefined && values.includes(f.cse) ? [`CSE screening: ${f.cse}`] : undefined);
    }
    case 'missingEpisodes': {
      const r = condition.missingEpisodes!;
      return (f) =>
        f.missingEpisodes !== undefined && inRange(f.missingEpisodes, r)
          ? [`missing episodes in the last 90 days: ${f.missingEpisodes}`]
          : undefined;
    }
    case 'immediateDanger': {
      const expected = condition.immediateDanger!;
      const evidence = [
        expected ? 'referrer says a child is in immediate danger' : 'referrer says no child is in immediate danger',
      ];
      return (f) => (f.immediateDanger === expected ? evidence : undefined);
    }
    case 'agency': {
      const agencies: readonly string[] = condition.agency!;
      return (f) =>
        agencies.includes(f.agency) ? [`referrer agency: ${f.agency} (source ${AGENCY_TYPES[f.agency]})`] : undefined;
    }
    case 'children': {
      const r = condition.children!;
      return (f) => (inRange(f.childCount, r) ? [`children in the notification: ${f.childCount}`] : undefined);
    }
    case 'childAge': {
      const r = condition.childAge!;
      return (f) => {
        let evidence: string[] | undefined;
        f.ages.forEach((age, i) => {
          if (age !== undefined && inRange(age, r)) (evidence ??= []).push(`child ${f.childNumbers[i]} aged ${age}`);
        });
        return evidence;
      };
    }
    case 'unborn':
      return (f) => {
        let evidence: string[] | undefined;
        f.ages.forEach((age, i) => {
          if (age === undefined) (evidence ??= []).push(`child ${f.childNumbers[i]} unborn`);
        });
        return evidence;
      };
    case 'childDisability':
      return (f) => {
        let evidence: string[] | undefined;
        f.disabilityRecorded.forEach((recorded, i) => {
          if (recorded) (evidence ??= []).push(`child ${f.childNumbers[i]}: disability recorded`);
        });
        for (const code of ['5A', '6A'] as const) {
          if (f.factors.has(code)) (evidence ??= []).push(`factor ${code} (${ASSESSMENT_FACTORS[code]})`);
        }
        return evidence;
      };
    case 'adultWorkingWithChildren': {
      const evidence = ['the concern is about an adult who works with children'];
      return (f) => (f.adultWorkingWithChildren ? evidence : undefined);
    }
    case 'adultSector': {
      const sectors: readonly EmployerSector[] = condition.adultSector!;
      return (f) =>
        f.adultSector !== undefined && sectors.includes(f.adultSector)
          ? [`the adult the concern is about works in: ${f.adultSector}`]
          : undefined;
    }
    case 'indicator': {
      const ids = condition.indicator!;
      return (_f, s) => {
        let evidence: string[] | undefined;
        for (const id of ids) if (s.firedIds.has(id)) (evidence ??= []).push(`indicator ${id}`);
        return evidence;
      };
    }
    case 'chosen': {
      const ids = condition.chosen!;
      return (f) => {
        let evidence: string[] | undefined;
        for (const id of ids) if (f.chosen.has(id)) (evidence ??= []).push(`chosen by the referrer: ${id}`);
        return evidence;
      };
    }
    case 'countAtLevel': {
      const { level, gte } = condition.countAtLevel!;
      return (_f, s) => {
        const needs = s.needsByLevel[level]!;
        return needs.length >= gte
          ? [`${needs.length} level ${level} indicators: ${needs.map((n) => n.join(' with ')).join(', ')}`]
          : undefined;
      };
    }
    case 'sides': {
      const { minLevel, gte } = condition.sides!;
      return (_f, s) => {
        const sides = SIDE_ORDER.filter((side) => (s.sideMaxLevel.get(side) ?? 0) >= minLevel);
        return sides.length >= gte
          ? [`indicators at level ${minLevel} or above on ${sides.length} sides: ${sides.join(', ')}`]
          : undefined;
      };
    }
    case 'flag': {
      const flag = condition.flag!;
      const label = flag === 'immediateRisk' ? 'immediate risk' : 'strategy discussion required';
      return (_f, s) => (s.flags[flag].length > 0 ? [`${label} (${s.flags[flag].join(', ')})`] : undefined);
    }
    case 'level': {
      const r = condition.level!;
      return (_f, s) => (inRange(s.level, r) ? [`level ${s.level}`] : undefined);
    }
    case 'theme': {
      const theme = condition.theme!;
      const evidence = [`theme ${theme}`];
      return (_f, s) => (s.themes.has(theme) ? evidence : undefined);
    }
    case 'earlierContacts': {
      const { withinMonths, gte } = condition.earlierContacts!;
      return (f) => {
        const since = monthsBefore(f.receivedAt, withinMonths);
        let evidence: string[] | undefined;
        f.earlierByChild.forEach((contacts, i) => {
          const recent = contacts.filter((c) => {
            const at = Date.parse(c.receivedAt);
            return at >= since && at < f.receivedAt;
          });
          if (recent.length >= gte) {
            (evidence ??= []).push(
              `child ${f.childNumbers[i]}: ${recent.length} earlier contacts in ${withinMonths} months (${recent.map((c) => c.reference).join(', ')})`,
            );
          }
        });
        return evidence;
      };
    }
    case 'siblingRule': {
      const ids = condition.siblingRule!;
      return (f) => {
        let evidence: string[] | undefined;
        for (const id of ids)
          for (const n of f.siblingsFired.get(id) ?? []) (evidence ??= []).push(`child ${n}: ${id}`);
        return evidence;
      };
    }
    case 'siblingFlag': {
      const flag = condition.siblingFlag!;
      const label = flag === 'immediateRisk' ? 'immediate risk' : 'strategy discussion required';
      return (f) => f.siblingsFired.get(`flag:${flag}`)?.map((n) => `child ${n}: ${label}`);
    }
    case 'all': {
      const parts = condition.all!.map(compileCondition);
      return (f, s) => {
        const evidence: string[] = [];
        for (const part of parts) {
          const e = part(f, s);
          if (!e) return undefined;
          evidence.push(...e);
        }
        return evidence;
      };
    }
    case 'any': {
      const parts = condition.any!.map(compileCondition);
      return (f, s) => {
        let evidence: string[] | undefined;
        for (const part of parts) {
          const e = part(f, s);
          if (e) (evidence ??= []).push(...e);
        }
        return evidence;
      };
    }
    case 'not': {
      const inner = compileCondition(condition.not!);
      return (f, s) => (inner(f, s) ? undefined : NONE);
    }
    default:
      throw new Error(`Unknown condition ${String(key)}`);
  }
};

/** The rules, indicators and flags (`flag:<name>`) a condition asks about on the other children. */
export const siblingRuleIds = (condition: Condition, into = new Set<string>()): Set<string> => {
  condition.siblingRule?.forEach((id) => into.add(id));
  if (condition.siblingFlag) into.add(`flag:${condition.siblingFlag}`);
  condition.all?.forEach((c) => siblingRuleIds(c, into));
  condition.any?.forEach((c) => siblingRuleIds(c, into));
  if (condition.not) siblingRuleIds(condition.not, into);
  return into;
};

/** Which kinds of fact a condition reads, for labelling reasons and for the rules checker. */
export const conditionKeys = (condition: Condition, into = new Set<keyof Condition>()): Set<keyof Condition> => {
  for (const key of Object.keys(condition) as (keyof Condition)[]) into.add(key);
  condition.all?.forEach((c) => conditionKeys(c, into));
  condition.any?.forEach((c) => conditionKeys(c, into));
  if (condition.not) conditionKeys(condition.not, into);
  return into;
};
