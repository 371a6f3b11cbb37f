import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { concernsFor } from '../shared/notification';
import { routeWithOpenCase, type Condition, type Indicator, type Ruleset } from '../shared/rules';
import { conditionKeys, siblingRuleIds } from '../shared/rules/conditions';
import { mostIntrusive, type Level, type Route, type TriageInput } from '../shared/triage/types';

/**
 * The default ruleset expressed for json-rules-engine, for the benchmark only: the same
 * indicators, themes and ordered combination rules. Like recommend(), it assesses each child on
 * their own facts (the notification's concerns and the child's own, the child's own CSE score and
 * missing count, age, disability and history), then assesses again a child whose brother or sister
 * fired a rule another rule asks about (siblingRule, siblingFlag), and applies the case registry's
 * open cases. Rule order matters (a rule sees the level earlier rules set), so each rule gets its
 * own priority; json-rules-engine evaluates one priority at a time. A condition it cannot translate
 * stops the benchmark rather than comparing a different ruleset.
 */

/** One counted need, as the engine counts them: a screening result and the concern it assesses are one. */
interface Need {
  factors: Set<string>;
  screening: boolean;
}

interface RunState {
  fired: Set<string>;
  needs: Need[][];
  sideMax: Map<string, number>;
  flags: { immediateRisk: number; strategyDiscussion: number };
  level: number;
  themes: Set<string>;
}

type Range = { gte?: number; lte?: number; lt?: number };

interface ChildOutcome {
  level: Level;
  route: Route;
  themes: Set<string>;
  /** Every indicator and rule that fired, and the flags set (`flag:<name>`), for the other children's rules. */
  fired: Set<string>;
}

const ageOn = (dob: string, on: string) =>
  Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);
const within = (v: number, r: Range) =>
  (r.gte === undefined || v >= r.gte) && (r.lte === undefined || v <= r.lte) && (r.lt === undefined || v < r.lt);

const op = (fact: string, operator: string, value: unknown): NestedCondition =>
  ({ fact, operator, value }) as NestedCondition;

const translate = (c: Condition): NestedCondition => {
  const keys = Object.keys(c) as (keyof Condition)[];
  if (keys.length !== 1) throw new Error(`A condition has exactly one key, not ${keys.join(', ') || 'none'}`);
  const key = keys[0]!;
  switch (key) {
    case 'factor':
      return { any: c.factor!.map((code) => op('factors', 'contains', code)) };
    case 'dash':
      return op('dash', 'in', c.dash);
    case 'cse':
      return op('cse', 'in', c.cse);
    case 'missingEpisodes':
      return op('missingEpisodes', 'inRange', c.missingEpisodes);
    case 'immediateDanger':
      return op('immediateDanger', 'equal', c.immediateDanger);
    case 'agency':
      return op('agency', 'in', c.agency);
    case 'children':
      return op('childCount', 'inRange', c.children);
    case 'childAge':
      return op('age', 'inRange', c.childAge);
    case 'unborn':
      return op('unborn', 'equal', true);
    case 'childDisability':
      return op('childDisability', 'equal', true);
    case 'adultWorkingWithChildren':
      return op('adultWorkingWithChildren', 'equal', true);
    case 'adultSector':
      return op('adultSector', 'in', c.adultSector);
    case 'indicator':
      return op('state', 'firedAny', c.indicator);
    case 'chosen':
      return { any: c.chosen!.map((id) => op('selected', 'contains', id)) };
    case 'countAtLevel':
      return op('state', 'countAtLevel', c.countAtLevel);
    case 'sides':
      return op('state', 'sides', c.sides);
    case 'flag':
      return op('state', 'flag', c.flag);
    case 'level':
      return op('state', 'levelInRange', c.level);
    case 'theme':
      return op('state', 'theme', c.theme);
    case 'earlierContacts':
      return op('history', 'earlierContacts', c.earlierContacts);
    case 'siblingRule':
      return op('siblings', 'hasAny', c.siblingRule);
    case 'siblingFlag':
      return op('siblings', 'hasAny', [`flag:${c.siblingFlag}`]);
    case 'all':
      return { all: c.all!.map(translate) };
    case 'any':
      return { any: c.any!.map(translate) };
    case 'not':
      return { not: translate(c.not!) };
    default: {
      // A new condition fails to compile here, and a ruleset from elsewhere fails at run time.
      const untranslated: never = key;
      throw new Error(
        `bench/json-rules-engine-adapter.ts cannot translate the condition "${String(untranslated)}": translate it there, or the benchmark would compare a different ruleset`,
      );
    }
  }
};
const top = (c: Condition): TopLevelCondition => {
  const t = translate(c);
  return 'all' in t || 'any' in t || 'not' in t ? (t as TopLevelCondition) : { all: [t] };
};

/** As the engine labels a reason: a screening indicator's need merges with the concern it assesses. */
const isScreening = (indicator: Indicator) => {
  if (!indicator.when) return false;
  const keys = conditionKeys(indicator.when);
  return !keys.has('earlierContacts') && (keys.has('dash') || keys.has('cse') || keys.has('missingEpisodes'));
};
const SPECIFIC = (factor: string) => factor !== '20' && factor !== '21';

const countNeed = (state: RunState, indicator: Indicator, screening: boolean) => {
  const atLevel = state.needs[indicator.level]!;
  const same = atLevel.find(
    (n) => (screening || n.screening) && indicator.factors.some((f) => SPECIFIC(f) && n.factors.has(f)),
  );
  if (!same) return void atLevel.push({ factors: new Set(indicator.factors), screening });
  same.screening ||= screening;
  for (const f of indicator.factors) same.factors.add(f);
};

export const jsonRulesEngineFor = (ruleset: Ruleset) => {
  const engine = new Engine([], { allowUndefinedFacts: true });
  let state!: RunState;
  engine.addOperator('inRange', (v: number | undefined, r: Range) => v !== undefined && within(v, r));
  engine.addOperator('firedAny', (s: RunState, ids: string[]) => ids.some((id) => s.fired.has(id)));
  engine.addOperator(
    'countAtLevel',
    (s: RunState, c: { level: number; gte: number }) => s.needs[c.level]!.length >= c.gte,
  );
  engine.addOperator(
    'sides',
    (s: RunState, c: { minLevel: number; gte: number }) =>
      [...s.sideMax.values()].filter((l) => l >= c.minLevel).length >= c.gte,
  );
  engine.addOperator('flag', (s: RunState, flag: 'immediateRisk' | 'strategyDiscussion') => s.flags[flag] > 0);
  engine.addOperator('levelInRange', (s: RunState, r: Range) => within(s.level, r));
  engine.addOperator('theme', (s: RunState, theme: string) => s.themes.has(theme));
  engine.addOperator('hasAny', (siblings: ReadonlySet<string>, ids: string[]) => ids.some((id) => siblings.has(id)));
  engine.addOperator(
    'earlierContacts',
    (h: { receivedAt: number; times: number[] }, c: { withinMonths: number; gte: number }) => {
      const since = new Date(h.receivedAt);
      since.setUTCMonth(since.getUTCMonth() - c.withinMonths);
      return h.times.filter((t) => t >= since.getTime() && t < h.receivedAt).length >= c.gte;
    },
  );

  const n = ruleset.rules.length;
  const setFlags = (id: string, item: { immediateRisk: boolean; strategyDiscussion: boolean; themes: string[] }) => {
    state.fired.add(id);
    if (item.immediateRisk) state.flags.immediateRisk++;
    if (item.strategyDiscussion) state.flags.strategyDiscussion++;
    item.themes.forEach((t) => state.themes.add(t));
  };
  for (const indicator of ruleset.indicators) {
    const selected = op('selected', 'contains', indicator.id);
    const describes = indicator.when ? { any: [translate(indicator.when), selected] } : selected;
    const screening = isScreening(indicator);
    engine.addRule({
      name: indicator.id,
      priority: n + 2,
      // An indicator fires for no child it cannot describe (appliesTo), however it was chosen.
      conditions: { all: indicator.appliesTo ? [translate(indicator.appliesTo), describes] : [describes] },
      event: { type: 'indicator' },
      onSuccess: () => {
        countNeed(state, indicator, screening);
        state.sideMax.set(indicator.side, Math.max(state.sideMax.get(indicator.side) ?? 0, indicator.level));
        state.level = Math.max(state.level, indicator.level);
        setFlags(indicator.id, indicator);
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
        setFlags(rule.id, rule.then);
      },
    });
  });
  /** What the rules ask of the other children: only these bring a second assessment. */
  const askedOfSiblings = ruleset.rules.reduce((ids, r) => siblingRuleIds(r.when, ids), new Set<string>());

  /** One child's facts, as the engine works them out. */
  const factsFor = (input: TriageInput, childIndex: number, localDate: string) => {
    const { notification: nfn, history, receivedAt } = input;
    const child = nfn.children[childIndex]!;
    const { factors, indicators } = concernsFor(nfn, childIndex);
    const own = child.concerns?.screening;
    return {
      factors,
      selected: indicators,
      dash: nfn.concerns.screening.dashRisk,
      cse: own?.cseRisk ?? nfn.concerns.screening.cseRisk,
      missingEpisodes: own?.missingEpisodes ?? nfn.concerns.screening.missingEpisodes,
      immediateDanger: nfn.immediateDanger,
      adultWorkingWithChildren: nfn.adultConcern !== undefined,
      adultSector: nfn.adultConcern?.sector,
      agency: nfn.referrer.agencyType,
      childCount: nfn.children.length,
      age: child.dateOfBirth ? Math.max(0, ageOn(child.dateOfBirth, localDate)) : child.approximateAge,
      unborn: !child.dateOfBirth && child.approximateAge === undefined,
      childDisability: child.disability !== undefined || factors.some((f) => f === '5A' || f === '6A'),
      history: {
        receivedAt: receivedAt.getTime(),
        times: history.earlierContacts.filter((c) => c.childIndex === childIndex).map((c) => Date.parse(c.receivedAt)),
      },
    };
  };

  const assess = async (facts: ReturnType<typeof factsFor>, siblings: ReadonlySet<string>): Promise<ChildOutcome> => {
    state = {
      fired: new Set(),
      needs: [[], [], [], [], []],
      sideMax: new Map(),
      flags: { immediateRisk: 0, strategyDiscussion: 0 },
      level: 1,
      themes: new Set(),
    };
    await engine.run({ ...facts, siblings, state });
    const protect = state.flags.strategyDiscussion > 0;
    const level = (protect ? 4 : state.level) as Level;
    const fired = new Set(state.fired);
    if (state.flags.immediateRisk > 0) fired.add('flag:immediateRisk');
    if (protect) fired.add('flag:strategyDiscussion');
    return {
      level,
      route: protect ? 'csc-strategy-discussion' : ruleset.levels[String(level) as '1'].route,
      themes: state.themes,
      fired,
    };
  };

  /** Level, route and themes for the contact and each child, as recommend() works them out (priority and clocks are left out, in its favour). */
  return async (input: TriageInput, localDate: string) => {
    const facts = input.notification.children.map((_, i) => factsFor(input, i, localDate));
    const alone: ChildOutcome[] = [];
    for (const f of facts) alone.push(await assess(f, new Set()));
    const children: { level: Level; route: Route; themes: Set<string> }[] = [];
    for (const [i, f] of facts.entries()) {
      const siblings = new Set(
        alone.flatMap((other, j) => (j === i ? [] : [...other.fired].filter((id) => askedOfSiblings.has(id)))),
      );
      const outcome = siblings.size > 0 ? await assess(f, siblings) : alone[i]!;
      const openCase = (input.history.openCases ?? [])
        .filter((c) => c.childIndex === i)
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'social-care' ? -1 : 1))[0];
      const route = openCase ? routeWithOpenCase(outcome.route, openCase, ruleset.history).route : outcome.route;
      children.push({ level: outcome.level, route, themes: outcome.themes });
    }
    return {
      level: Math.max(...children.map((c) => c.level)) as Level,
      route: mostIntrusive(children).route,
      themes: ruleset.themes.map((t) => t.id).filter((t) => children.some((c) => c.themes.has(t))),
      children: children.map(({ level, route }) => ({ level, route })),
    };
  };
};
