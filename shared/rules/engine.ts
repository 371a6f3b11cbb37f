import type { Notification } from '../notification';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar';
import type { Clock, EarlierContact, Level, Priority, Reason, Recommendation, Route, TriageInput } from '../triage/types';
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

const CLOSED = /^(closed|case-closed|nfa)$/i;

/**
 * An open case, for routing: an earlier contact already routed to an open case, or one the front
 * door sent to children's social care that has not since been recorded as closed. The front door
 * does not see case closures from the case management system, so it errs towards the allocated
 * team, who know the family, rather than a fresh assessment.
 */
export const openCaseOf = (earlier: EarlierContact[]): EarlierContact | undefined =>
  earlier.find(
    (c) =>
      c.route === 'existing-open-case' ||
      ((c.route === 'csc-assessment' || c.route === 'csc-strategy-discussion') && !CLOSED.test(c.status)),
  );

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
  const openCase = openCaseOf(input.history.earlierContacts);
  if (openCase) {
    route = ruleset.history.openCaseRoute;
    reasons.push({
      kind: 'history',
      id: 'open-case',
      text: 'A child in this notification has an open case with children’s social care, so the contact goes to the allocated worker or team.',
      evidence: [`child ${openCase.childIndex + 1}: earlier contact ${openCase.reference} routed to ${openCase.route}, status ${openCase.status}`],
    });
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
    ruleset: { id: ruleset.id, version: ruleset.version },
  };
};
