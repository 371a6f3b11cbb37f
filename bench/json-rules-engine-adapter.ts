import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { Condition, Ruleset } from '../shared/rules';
import type { Level, TriageInput } from '../shared/triage/types';

/**
 * The default ruleset expressed for json-rules-engine, for the benchmark only: the same
 * indicators, themes and ordered combination rules, with facts worked out per notification.
 * Rule order matters (a rule sees the level earlier rules set), so each rule gets its own
 * priority; json-rules-engine evaluates one priority at a time.
 */

interface RunState {
  fired: Set<string>;
  byLevel: number[];
  sideMax: Map<string, number>;
  flags: { immediateRisk: number; strategyDiscussion: number };
  level: number;
  themes: Set<string>;
}

const ageOn = (dob: string, on: string) =>
  Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);
const within = (v: number, r: { gte?: number; lte?: number; lt?: number }) =>
  (r.gte === undefined || v >= r.gte) && (r.lte === undefined || v <= r.lte) && (r.lt === undefined || v < r.lt);

const translate = (c: Condition): NestedCondition => {
  const op = (fact: string, operator: string, value: unknown): NestedCondition =>
    ({ fact, operator, value }) as NestedCondition;
  if (c.factor) return { any: c.factor.map((code) => op('factors', 'contains', code)) };
  if (c.dash) return op('dash', 'in', c.dash);
  if (c.cse) return op('cse', 'in', c.cse);
  if (c.missingEpisodes) return op('missingEpisodes', 'inRange', c.missingEpisodes);
  if (c.immediateDanger !== undefined) return op('immediateDanger', 'equal', c.immediateDanger);
  if (c.agency) return op('agency', 'in', c.agency);
  if (c.children) return op('childCount', 'inRange', c.children);
  if (c.childAge) return op('ages', 'anyInRange', c.childAge);
  if (c.unborn) return op('unborn', 'greaterThan', 0);
  if (c.childDisability) return op('childDisability', 'equal', true);
  if (c.indicator) return op('state', 'firedAny', c.indicator);
  if (c.chosen) return { any: c.chosen.map((id) => op('selected', 'contains', id)) };
  if (c.countAtLevel) return op('state', 'countAtLevel', c.countAtLevel);
  if (c.sides) return op('state', 'sides', c.sides);
  if (c.flag) return op('state', 'flag', c.flag);
  if (c.level) return op('state', 'levelInRange', c.level);
  if (c.theme) return op('state', 'theme', c.theme);
  if (c.earlierContacts) return op('history', 'earlierContacts', c.earlierContacts);
  if (c.all) return { all: c.all.map(translate) };
  if (c.any) return { any: c.any.map(translate) };
  return { not: translate(c.not!) };
};
const top = (c: Condition): TopLevelCondition => {
  const t = translate(c);
  return 'all' in t || 'any' in t || 'not' in t ? (t as TopLevelCondition) : { all: [t] };
};

export const jsonRulesEngineFor = (ruleset: Ruleset) => {
  const engine = new Engine([], { allowUndefinedFacts: true });
  let state!: RunState;
  engine.addOperator(
    'inRange',
    (v: number | undefined, r: { gte?: number; lte?: number; lt?: number }) => v !== undefined && within(v, r),
  );
  engine.addOperator('anyInRange', (ages: (number | undefined)[], r: { gte?: number; lte?: number; lt?: number }) =>
    ages.some((a) => a !== undefined && within(a, r)),
  );
  engine.addOperator('firedAny', (s: RunState, ids: string[]) => ids.some((id) => s.fired.has(id)));
  engine.addOperator('countAtLevel', (s: RunState, c: { level: number; gte: number }) => s.byLevel[c.level]! >= c.gte);
  engine.addOperator(
    'sides',
    (s: RunState, c: { minLevel: number; gte: number }) =>
      [...s.sideMax.values()].filter((l) => l >= c.minLevel).length >= c.gte,
  );
  engine.addOperator('flag', (s: RunState, flag: 'immediateRisk' | 'strategyDiscussion') => s.flags[flag] > 0);
  engine.addOperator('levelInRange', (s: RunState, r: { gte?: number; lte?: number; lt?: number }) =>
    within(s.level, r),
  );
  engine.addOperator('theme', (s: RunState, theme: string) => s.themes.has(theme));
  engine.addOperator(
    'earlierContacts',
    (h: { receivedAt: number; byChild: number[][] }, c: { withinMonths: number; gte: number }) => {
      const since = new Date(h.receivedAt);
      since.setUTCMonth(since.getUTCMonth() - c.withinMonths);
      return h.byChild.some((times) => times.filter((t) => t >= since.getTime() && t < h.receivedAt).length >= c.gte);
    },
  );

  const n = ruleset.rules.length;
  const setFlags = (item: { immediateRisk: boolean; strategyDiscussion: boolean; themes: string[] }) => {
    if (item.immediateRisk) state.flags.immediateRisk++;
    if (item.strategyDiscussion) state.flags.strategyDiscussion++;
    item.themes.forEach((t) => state.themes.add(t));
  };
  for (const indicator of ruleset.indicators) {
    const when = indicator.when
      ? { any: [translate(indicator.when), { fact: 'selected', operator: 'contains', value: indicator.id }] }
      : { all: [{ fact: 'selected', operator: 'contains', value: indicator.id }] };
    engine.addRule({
      name: indicator.id,
      priority: n + 2,
      conditions: when as TopLevelCondition,
      event: { type: 'indicator' },
      onSuccess: () => {
        state.fired.add(indicator.id);
        state.byLevel[indicator.level]!++;
        state.sideMax.set(indicator.side, Math.max(state.sideMax.get(indicator.side) ?? 0, indicator.level));
        state.level = Math.max(state.level, indicator.level);
        setFlags(indicator);
      },
    });
  }
  for (const theme of ruleset.themes) {
    if (!theme.when) continue;
    engine.addRule({
      name: `theme:${theme.id}`,
      priority: n + 1,
      conditions: top(theme.when),
      event: { type: 'theme' },
      onSuccess: () => void state.themes.add(theme.id),
    });
  }
  ruleset.rules.forEach((rule, i) => {
    engine.addRule({
      name: rule.id,
      priority: n - i,
      conditions: top(rule.when),
      event: { type: 'rule' },
      onSuccess: () => {
        if (rule.then.level !== undefined) state.level = Math.max(state.level, rule.then.level);
        if (rule.then.raiseBy !== undefined) state.level = Math.min(4, state.level + rule.then.raiseBy);
        setFlags(rule.then);
      },
    });
  });

  /** Level, route and themes, as recommend() works them out (clocks are left out, in its favour). */
  return async (input: TriageInput, localDate: string) => {
    const { notification: nfn, history, receivedAt } = input;
    state = {
      fired: new Set(),
      byLevel: [0, 0, 0, 0, 0],
      sideMax: new Map(),
      flags: { immediateRisk: 0, strategyDiscussion: 0 },
      level: 1,
      themes: new Set(),
    };
    const byChild: number[][] = nfn.children.map(() => []);
    for (const c of history.earlierContacts) byChild[c.childIndex]?.push(Date.parse(c.receivedAt));
    await engine.run({
      factors: nfn.concerns.factors,
      selected: nfn.concerns.indicators,
      dash: nfn.concerns.screening.dashRisk,
      cse: nfn.concerns.screening.cseRisk,
      missingEpisodes: nfn.concerns.screening.missingEpisodes,
      immediateDanger: nfn.immediateDanger,
      agency: nfn.referrer.agencyType,
      childCount: nfn.children.length,
      ages: nfn.children.map((c) => (c.dateOfBirth ? Math.max(0, ageOn(c.dateOfBirth, localDate)) : undefined)),
      unborn: nfn.children.filter((c) => !c.dateOfBirth).length,
      childDisability:
        nfn.children.some((c) => c.disability !== undefined) ||
        nfn.concerns.factors.some((f) => f === '5A' || f === '6A'),
      state,
      history: { receivedAt: receivedAt.getTime(), byChild },
    });
    const level = (state.flags.strategyDiscussion > 0 ? 4 : state.level) as Level;
    const route =
      state.flags.strategyDiscussion > 0 ? 'csc-strategy-discussion' : ruleset.levels[String(level) as '1'].route;
    return { level, route, themes: ruleset.themes.map((t) => t.id).filter((t) => state.themes.has(t)) };
  };
};
