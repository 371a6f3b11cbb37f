import type { Notification } from '../notification';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar';
import type { OpenCase } from '../cases/case';
import { ROUTES, teamForRoute, type Clock, type EarlierContact, type Level, type Priority, type Reason, type Recommendation, type Route, type TriageInput } from '../triage/types';
import { compileCondition, conditionKeys, type Evaluator, type Facts, type State } from './conditions';
import type { Condition, Duration, Indicator, Rule, Ruleset } from './schema';

/**
 * The triage engine: a pure function of the notification, the matched history, the time it was
 * received and the ruleset. No I/O, no clock reads, so that a decision can be replayed later with
 * the rules that were in force.
 */

interface Compiled<T> {
  item: T;
  when: Evaluator | undefined;
  kind: Reason['kind'];
}

export interface CompiledRuleset {
  ruleset: Ruleset;
  indicators: Compiled<Indicator>[];
  rules: Compiled<Rule>[];
  themes: { id: string; when: Evaluator | undefined }[];
  red: Evaluator;
  amber: Evaluator;
  others: { id: string; name: string; when: Evaluator; within: Duration }[];
  calendar: WorkingCalendar;
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
    indicators: ruleset.indicators.map((i) => compile(i, 'indicator')),
    rules: ruleset.rules.map((r) => compile(r, 'rule')),
    themes: ruleset.themes.map((t) => ({ id: t.id, when: t.when && compileCondition(t.when) })),
    red: compileCondition(ruleset.clocks.priorities.red.when),
    amber: compileCondition(ruleset.clocks.priorities.amber.when),
    others: ruleset.clocks.others.map((c) => ({ id: c.id, name: c.name, when: compileCondition(c.when), within: c.within })),
    calendar: createWorkingCalendar({ officeHours: ruleset.officeHours }),
  };
  cache.set(ruleset, compiled);
  return compiled;
};

/** Completed years on the receipt date, the way a worker would say a child's age. */
const ageOn = (dateOfBirth: string, on: string): number => {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
};

const factsOf = (notification: Notification, earlier: EarlierContact[], receivedAt: Date, calendar: WorkingCalendar): Facts => {
  const today = calendar.localDate(receivedAt);
  const { children, concerns } = notification;
  const earlierByChild: EarlierContact[][] = children.map(() => []);
  for (const contact of earlier) earlierByChild[contact.childIndex]?.push(contact);
  return {
    factors: new Set(concerns.factors),
    dash: concerns.screening.dashRisk,
    cse: concerns.screening.cseRisk,
    missingEpisodes: concerns.screening.missingEpisodes,
    immediateDanger: notification.immediateDanger,
    agency: notification.referrer.agencyType,
    ages: children.map((c) => (c.dateOfBirth ? Math.max(0, ageOn(c.dateOfBirth, today)) : undefined)),
    disabilityRecorded: children.map((c) => c.disability !== undefined),
    earlierByChild,
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

export const dueAfter = (from: Date, within: Duration, calendar: WorkingCalendar): Date => {
  if (within.hours !== undefined) return new Date(from.getTime() + within.hours * 3_600_000);
  if (within.officeHours !== undefined) return calendar.addOfficeHours(from, within.officeHours);
  return calendar.addWorkingDays(from, within.workingDays!);
};

const raise = (level: Level, to: number): Level => Math.min(4, Math.max(level, to)) as Level;

export const evaluate = (compiled: CompiledRuleset, input: TriageInput, calendar: WorkingCalendar): Recommendation => {
  const { ruleset } = compiled;
  const facts = factsOf(input.notification, input.history.earlierContacts, input.receivedAt, calendar);
  const selected = new Set(input.notification.concerns.indicators);
  const state: State = {
    firedIds: new Set(),
    firedByLevel: [[], [], [], [], []],
    sideMaxLevel: new Map(),
    flags: { immediateRisk: [], strategyDiscussion: [] },
    level: 1,
    themes: new Set(),
  };
  const reasons: Reason[] = [];
  const fire = (id: string, item: { immediateRisk: boolean; strategyDiscussion: boolean; themes: string[] }) => {
    if (item.immediateRisk) state.flags.immediateRisk.push(id);
    if (item.strategyDiscussion) state.flags.strategyDiscussion.push(id);
    for (const theme of item.themes) state.themes.add(theme);
  };

  for (const { item, when, kind } of compiled.indicators) {
    const evidence = when?.(facts, state) ?? (selected.has(item.id) ? [`chosen by the referrer: ${item.id}`] : undefined);
    if (!evidence) continue;
    state.firedIds.add(item.id);
    state.firedByLevel[item.level]!.push(item.id);
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
  let route: Route = state.flags.strategyDiscussion.length > 0 ? 'csc-strategy-discussion' : ruleset.levels[state.level].route;
  // Social care outranks early help: its allocated worker is the one the contact goes to.
  const openCases = [...(input.history.openCases ?? [])].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'social-care' ? -1 : 1));
  const deciding = openCases[0];
  if (deciding) {
    const applied = routeWithOpenCase(route, deciding, ruleset.history);
    route = applied.route;
    reasons.push(applied.reason);
  }

  const priority: Priority = compiled.red(facts, state) ? 'red' : compiled.amber(facts, state) ? 'amber' : 'green';
  const { decision, priorities } = ruleset.clocks;
  const decisionDue = dueAfter(input.receivedAt, decision.within, calendar);
  const priorityDue = dueAfter(input.receivedAt, priorities[priority].within, calendar);
  const dueAt = priorityDue < decisionDue ? priorityDue : decisionDue;

  const clocks: Clock[] = [];
  for (const clock of compiled.others) {
    if (clock.when(facts, state)) clocks.push({ name: clock.name, dueAt: dueAfter(input.receivedAt, clock.within, calendar).toISOString() });
  }

  return {
    level: state.level,
    route,
    priority,
    dueAt: dueAt.toISOString(),
    themes: ruleset.themes.map((t) => t.id).filter((id) => state.themes.has(id)),
    reasons,
    clocks,
    ...(openCases.length > 0 && { caseHolders: openCases }),
    ruleset: { id: ruleset.id, version: ruleset.version },
  };
};
