import { createWorkingCalendar, type WorkingCalendar } from '../calendar';
import { instantOf } from '../calendar/zoned';
import type { OpenCase } from '../cases/open-case';
import { concernsFor } from '../notification/schema';
import {
  mostIntrusive,
  ROUTES,
  teamForRoute,
  type ChildRecommendation,
  type Clock,
  type Level,
  type Priority,
  type Reason,
  type Recommendation,
  type Route,
  type TriageInput,
} from '../triage/types';
import { compileCondition, conditionKeys, siblingRuleIds, type Evaluator, type Facts, type State } from './conditions';
import type { Condition, Duration, FlagName, Indicator, Rule, Ruleset } from './schema';

/**
 * The triage engine: a pure function of the notification, the matched history, the time it was
 * received and the ruleset. No I/O, no clock reads, so that a decision can be replayed later with
 * the rules that were in force.
 */

interface Compiled<T> {
  item: T;
  when: Evaluator | undefined;
  kind: Reason['kind'];
  /** An indicator's children: it fires for no other child (schema: appliesTo). */
  appliesTo?: Evaluator;
}

export interface CompiledRuleset {
  ruleset: Ruleset;
  indicators: Compiled<Indicator>[];
  rules: Compiled<Rule>[];
  themes: { id: string; when: Evaluator | undefined }[];
  red: Evaluator;
  amber: Evaluator;
  others: { id: string; name: string; when: Evaluator; within: Duration; from: 'received' | 'missing-return' }[];
  calendar: WorkingCalendar;
  /** Rules, indicators and flags asked about on the other children: when one fired, those children are assessed again. */
  siblingRules: ReadonlySet<string>;
}

const SCREENING_KEYS = new Set<keyof Condition>(['dash', 'cse', 'missingEpisodes']);

const reasonKind = (base: 'indicator' | 'rule', when: Condition | undefined): Reason['kind'] => {
  if (!when) return base;
  const keys = conditionKeys(when);
  if (keys.has('earlierContacts')) return 'history';
  for (const key of keys) if (SCREENING_KEYS.has(key)) return 'screening';
  return base;
};

const cache = new WeakMap<Ruleset, CompiledRuleset>();

export const compileRuleset = (ruleset: Ruleset): CompiledRuleset => {
  let compiled = cache.get(ruleset);
  if (compiled) return compiled;
  const compile = <T extends { when?: Condition }>(item: T, base: 'indicator' | 'rule'): Compiled<T> => ({
    item,
    when: item.when && compileCondition(item.when),
    kind: reasonKind(base, item.when),
  });
  compiled = {
    ruleset,
    indicators: ruleset.indicators.map((i) => ({
      ...compile(i, 'indicator'),
      ...(i.appliesTo && { appliesTo: compileCondition(i.appliesTo) }),
    })),
    rules: ruleset.rules.map((r) => compile(r, 'rule')),
    themes: ruleset.themes.map((t) => ({ id: t.id, when: t.when && compileCondition(t.when) })),
    red: compileCondition(ruleset.clocks.priorities.red.when),
    amber: compileCondition(ruleset.clocks.priorities.amber.when),
    others: ruleset.clocks.others.map((c) => ({
      id: c.id,
      name: c.name,
      when: compileCondition(c.when),
      within: c.within,
      from: c.from,
    })),
    calendar: createWorkingCalendar({ officeHours: ruleset.officeHours }),
    siblingRules: ruleset.rules.reduce((ids, r) => siblingRuleIds(r.when, ids), new Set<string>()),
  };
  cache.set(ruleset, compiled);
  return compiled;
};

/** Completed years on the receipt date, the way a worker would say a child's age. */
const ageOn = (dateOfBirth: string, on: string): number => {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
};

/** The facts for assessing one child: the notification's own facts, and this child's age and history. */
const NO_SIBLINGS: ReadonlyMap<string, number[]> = new Map();

const factsOf = (
  input: TriageInput,
  childIndex: number,
  calendar: WorkingCalendar,
  siblingsFired: ReadonlyMap<string, number[]>,
): Facts => {
  const { notification, receivedAt } = input;
  const { concerns } = notification;
  const forChild = concernsFor(notification, childIndex);
  const child = notification.children[childIndex]!;
  const today = calendar.localDate(receivedAt);
  // A CSE score and a missing count are the child's own; the notification's are the only child's
  // (or, in a notification stored before children had their own, every child's, as it was triaged then).
  const own = child.concerns?.screening;
  return {
    // The notification's concerns are about every child; a child's own are about that child alone.
    factors: new Set(forChild.factors),
    // DASH assesses the risk to the household's adult victim, so it concerns every child living there.
    dash: concerns.screening.dashRisk,
    cse: own?.cseRisk ?? concerns.screening.cseRisk,
    missingEpisodes: own?.missingEpisodes ?? concerns.screening.missingEpisodes,
    immediateDanger: notification.immediateDanger,
    adultWorkingWithChildren: notification.adultConcern !== undefined,
    adultSector: notification.adultConcern?.sector,
    agency: notification.referrer.agencyType,
    childCount: notification.children.length,
    childNumbers: [childIndex + 1],
    // A referrer's rough age is the best there is when the date of birth is not known.
    ages: [child.dateOfBirth ? Math.max(0, ageOn(child.dateOfBirth, today)) : child.approximateAge],
    disabilityRecorded: [child.disability !== undefined],
    chosen: new Set(forChild.indicators),
    earlierByChild: [input.history.earlierContacts.filter((c) => c.childIndex === childIndex)],
    siblingsFired,
    receivedAt: receivedAt.getTime(),
  };
};

/**
 * Where a contact goes when one child has an open case, which the case registry knows (never a
 * guess from earlier contacts). An open case never lowers the route: a concern needing a strategy
 * discussion stays one, with the allocated worker told; any other contact about a child with an
 * open social care case goes to the allocated worker. With open early help, a concern for social
 * care steps up, and anything less goes to the lead professional's early help. Takes one child's
 * case, so that it applies per child as readily as per notification.
 */
export const routeWithOpenCase = (
  route: Route,
  openCase: OpenCase,
  history: Ruleset['history'],
): { route: Route; reason: Reason } => {
  const child = `child ${openCase.childIndex + 1}`;
  const team = openCase.team ? ` (${openCase.team})` : '';
  if (openCase.kind === 'social-care') {
    const protect = route === 'csc-strategy-discussion';
    return {
      route: protect ? route : history.openCaseRoute,
      reason: {
        kind: 'history',
        id: 'open-case',
        text: protect
          ? 'A child in this notification has an open social care case. The concern still needs a strategy discussion; the allocated worker is told and takes part.'
          : 'A child in this notification has an open social care case, so the contact goes to the allocated worker.',
        evidence: [`${child}: open social care case in the case registry${team}`],
      },
    };
  }
  const stepUp = teamForRoute(route) === 'social-care';
  const order = Object.keys(ROUTES) as Route[];
  const atLeast = history.openEarlyHelpRoute;
  return {
    route: stepUp || order.indexOf(route) >= order.indexOf(atLeast) ? route : atLeast,
    reason: {
      kind: 'history',
      id: 'open-early-help',
      text: stepUp
        ? 'A child in this notification has an open early help case. The concern steps up to children’s social care; the lead professional is told.'
        : 'A child in this notification has an open early help case, so the contact goes to the lead professional.',
      evidence: [`${child}: open early help case in the case registry${team}`],
    },
  };
};

/** Social care outranks early help: its allocated worker is the one the contact goes to. */
const openCasesFirst = (cases: readonly OpenCase[]): OpenCase[] =>
  [...cases].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'social-care' ? -1 : 1));

export const dueAfter = (from: Date, within: Duration, calendar: WorkingCalendar): Date => {
  if (within.hours !== undefined) return new Date(from.getTime() + within.hours * 3_600_000);
  if (within.officeHours !== undefined) return calendar.addOfficeHours(from, within.officeHours);
  return calendar.addWorkingDays(from, within.workingDays!);
};

/** One counted need: the census factors of its indicators, and whether a screening result is among them. */
interface Need {
  factors: Set<string>;
  screening: boolean;
}
/** "Other" and "no factors" say nothing about which need an indicator is. */
const SPECIFIC = (factor: string) => factor !== '20' && factor !== '21';

/**
 * When the missing child came back, as the referrer said (England's local time; without a time,
 * the start of that day, so the clock is never later than the guidance allows). A return after
 * the notification arrived is a typing error, so the clock starts no later than receipt.
 */
export const missingReturnOf = (input: TriageInput, calendar: WorkingCalendar): Date | undefined => {
  const { returnedOn, returnedTime } = input.notification.concerns.screening;
  if (!returnedOn) return undefined;
  const [year, month, day] = returnedOn.split('-').map(Number) as [number, number, number];
  const [hour, minute] = (returnedTime ?? '00:00').split(':').map(Number) as [number, number];
  const at = instantOf({ year, month, day, hour, minute }, calendar.timeZone);
  return new Date(Math.min(at, input.receivedAt.getTime()));
};

const raise = (level: Level, to: number): Level => Math.min(4, Math.max(level, to)) as Level;

/** What one child's assessment yields: the child's recommendation and what it adds to the contact's. */
interface ChildAssessment {
  recommendation: ChildRecommendation;
  themes: Set<string>;
  clocks: string[];
  /** The flags the child's own facts set (a strategy discussion), for the other children's rules. */
  flags: FlagName[];
}

const assessChild = (
  compiled: CompiledRuleset,
  input: TriageInput,
  childIndex: number,
  calendar: WorkingCalendar,
  siblingsFired: ReadonlyMap<string, number[]> = NO_SIBLINGS,
): ChildAssessment => {
  const { ruleset } = compiled;
  const facts = factsOf(input, childIndex, calendar, siblingsFired);
  const everyChild = new Set(input.notification.concerns.indicators);
  const thisChild = new Set(input.notification.children[childIndex]!.concerns?.indicators);
  const chosen = (id: string): string[] | undefined =>
    everyChild.has(id)
      ? [`chosen by the referrer: ${id}`]
      : thisChild.has(id)
        ? [`chosen by the referrer for child ${childIndex + 1}: ${id}`]
        : undefined;
  const state: State = {
    firedIds: new Set(),
    needsByLevel: [[], [], [], [], []],
    sideMaxLevel: new Map(),
    flags: { immediateRisk: [], strategyDiscussion: [] },
    level: 1,
    themes: new Set(),
  };
  const reasons: Reason[] = [];
  const needs: Need[][] = [[], [], [], [], []];
  const countNeed = (item: Indicator, screening: boolean) => {
    const atLevel = needs[item.level]!;
    const same = atLevel.find(
      (n) => (screening || n.screening) && item.factors.some((f) => SPECIFIC(f) && n.factors.has(f)),
    );
    if (same) {
      same.screening ||= screening;
      for (const f of item.factors) same.factors.add(f);
      state.needsByLevel[item.level]![atLevel.indexOf(same)]!.push(item.id);
    } else {
      atLevel.push({ factors: new Set(item.factors), screening });
      state.needsByLevel[item.level]!.push([item.id]);
    }
  };
  const fire = (id: string, item: { immediateRisk: boolean; strategyDiscussion: boolean; themes: string[] }) => {
    if (item.immediateRisk) state.flags.immediateRisk.push(id);
    if (item.strategyDiscussion) state.flags.strategyDiscussion.push(id);
    for (const theme of item.themes) state.themes.add(theme);
  };

  for (const { item, when, kind, appliesTo } of compiled.indicators) {
    if (appliesTo && !appliesTo(facts, state)) continue;
    const evidence = when?.(facts, state) ?? chosen(item.id);
    if (!evidence) continue;
    state.firedIds.add(item.id);
    countNeed(item, kind === 'screening');
    if ((state.sideMaxLevel.get(item.side) ?? 0) < item.level) state.sideMaxLevel.set(item.side, item.level);
    state.level = raise(state.level, item.level);
    fire(item.id, item);
    reasons.push({ kind, id: item.id, text: `Level ${item.level}: ${item.text}`, evidence });
  }

  // Themes come before the rules so that a rule can combine them ("missing" with CSE signs).
  for (const theme of compiled.themes) if (theme.when?.(facts, state)) state.themes.add(theme.id);

  for (const { item, when, kind } of compiled.rules) {
    const evidence = when!(facts, state);
    if (!evidence) continue;
    const { then } = item;
    if (then.level !== undefined) state.level = raise(state.level, then.level);
    if (then.raiseBy !== undefined) state.level = raise(state.level, state.level + then.raiseBy);
    fire(item.id, then);
    reasons.push({ kind, id: item.id, text: item.text, evidence });
  }

  if (state.flags.strategyDiscussion.length > 0) state.level = 4;
  let route: Route =
    state.flags.strategyDiscussion.length > 0 ? 'csc-strategy-discussion' : ruleset.levels[state.level].route;
  const deciding = openCasesFirst((input.history.openCases ?? []).filter((c) => c.childIndex === childIndex))[0];
  if (deciding) {
    const applied = routeWithOpenCase(route, deciding, ruleset.history);
    route = applied.route;
    reasons.push(applied.reason);
  }

  const priority: Priority = compiled.red(facts, state) ? 'red' : compiled.amber(facts, state) ? 'amber' : 'green';
  const clocks = compiled.others.filter((clock) => clock.when(facts, state)).map((clock) => clock.id);
  return {
    recommendation: { childIndex, level: state.level, route, priority, reasons },
    themes: state.themes,
    clocks,
    flags: (Object.keys(state.flags) as FlagName[]).filter((flag) => state.flags[flag].length > 0),
  };
};

const PRIORITY_ORDER: Priority[] = ['green', 'amber', 'red'];

/** A reason that fired for several children is listed once, with every child's evidence. */
const mergeReasons = (all: Reason[]): Reason[] => {
  const byId = new Map<string, Reason>();
  for (const reason of all) {
    const seen = byId.get(reason.id);
    if (!seen) byId.set(reason.id, { ...reason, evidence: [...reason.evidence] });
    else for (const e of reason.evidence) if (!seen.evidence.includes(e)) seen.evidence.push(e);
  }
  return [...byId.values()];
};

/**
 * The rules asked about on other children (siblingRule) that fired for the children other than
 * this one, each assessed on their own facts: one pass, so a rule about siblings never feeds another.
 */
const firedForSiblings = (
  compiled: CompiledRuleset,
  alone: ChildAssessment[],
  childIndex: number,
): Map<string, number[]> => {
  const fired = new Map<string, number[]>();
  if (compiled.siblingRules.size === 0) return fired;
  alone.forEach((other, i) => {
    if (i === childIndex) return;
    const ids = [...other.recommendation.reasons.map((r) => r.id), ...other.flags.map((flag) => `flag:${flag}`)];
    for (const id of ids) if (compiled.siblingRules.has(id)) fired.set(id, [...(fired.get(id) ?? []), i + 1]);
  });
  return fired;
};

/**
 * Each child is assessed on their own (Working Together 2023: every child is assessed as an
 * individual); the contact's headline is the most intrusive child's route with the highest
 * level and priority, and the decision falls due by the most urgent child's clock.
 */
export const evaluate = (compiled: CompiledRuleset, input: TriageInput, calendar: WorkingCalendar): Recommendation => {
  const { ruleset } = compiled;
  const alone = input.notification.children.map((_, childIndex) => assessChild(compiled, input, childIndex, calendar));
  const assessed = alone.map((a, childIndex) => {
    const fired = firedForSiblings(compiled, alone, childIndex);
    return fired.size > 0 ? assessChild(compiled, input, childIndex, calendar, fired) : a;
  });
  const children = assessed.map((a) => a.recommendation);
  const priority = PRIORITY_ORDER[Math.max(...children.map((c) => PRIORITY_ORDER.indexOf(c.priority)))]!;
  const { decision, priorities } = ruleset.clocks;
  const decisionDue = dueAfter(input.receivedAt, decision.within, calendar);
  const priorityDue = dueAfter(input.receivedAt, priorities[priority].within, calendar);
  const dueAt = priorityDue < decisionDue ? priorityDue : decisionDue;
  const openCases = openCasesFirst(input.history.openCases ?? []);
  const clockIds = new Set(assessed.flatMap((a) => a.clocks));
  const returned = missingReturnOf(input, calendar);
  const clocks: Clock[] = compiled.others
    .filter((clock) => clockIds.has(clock.id))
    .map((clock) => {
      const startsAt = clock.from === 'missing-return' && returned ? returned : input.receivedAt;
      return {
        name: clock.name,
        dueAt: dueAfter(startsAt, clock.within, calendar).toISOString(),
        startsAt: startsAt.toISOString(),
        from: clock.from,
        ...(clock.from === 'missing-return' && !returned && { returnNotGiven: true as const }),
      };
    });

  return {
    children,
    level: Math.max(...children.map((c) => c.level)) as Level,
    route: mostIntrusive(children).route,
    priority,
    dueAt: dueAt.toISOString(),
    themes: ruleset.themes.map((t) => t.id).filter((id) => assessed.some((a) => a.themes.has(id))),
    reasons: mergeReasons(children.flatMap((c) => c.reasons)),
    clocks,
    ...(openCases.length > 0 && { caseHolders: openCases }),
    ruleset: { id: ruleset.id, version: ruleset.version },
  };
};
