import { ASSESSMENT_FACTORS } from '../notification/codes';
import { ROUTES, type Route } from '../triage/types';
import { conditionKeys } from './conditions';
import type { Condition, Ruleset } from './schema';
import { SIDES } from './schema';

/**
 * Static checks an area runs before putting a ruleset in force: things that validate but can
 * never fire, rules that contradict each other, and gaps in coverage of the national codes.
 */

export interface Finding {
  severity: 'error' | 'warning';
  /** Dotted path of the item, like rules.3. */
  path: string;
  message: string;
}

type Range = { gte?: number; lte?: number; lt?: number };
const bounds = (r: Range): [number, number] => [
  r.gte ?? -Infinity,
  Math.min(r.lte ?? Infinity, r.lt !== undefined ? r.lt - 1 : Infinity),
];
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

export const checkRuleset = (ruleset: Ruleset): Finding[] => {
  const findings: Finding[] = [];
  const warn = (path: string, message: string) => findings.push({ severity: 'warning', path, message });
  const error = (path: string, message: string) => findings.push({ severity: 'error', path, message });

  // What the ruleset can ever produce, for deciding whether a condition can hold.
  const flagSetters = { immediateRisk: 0, strategyDiscussion: 0 };
  const themeSources = new Set<string>();
  for (const item of [...ruleset.indicators, ...ruleset.rules.map((r) => r.then)]) {
    if (item.immediateRisk) flagSetters.immediateRisk++;
    if (item.strategyDiscussion) flagSetters.strategyDiscussion++;
    item.themes.forEach((t) => themeSources.add(t));
  }
  ruleset.themes.forEach((t) => t.when && themeSources.add(t.id));
  const unreachableIndicators = new Set<string>();
  const ruleIds = new Set(ruleset.rules.map((r) => r.id));

  /** Why the condition can never hold, or undefined when it might. */
  const impossible = (c: Condition): string | undefined => {
    if (c.countAtLevel) {
      const available = ruleset.indicators.filter(
        (i) => i.level === c.countAtLevel!.level && !unreachableIndicators.has(i.id),
      ).length;
      if (available < c.countAtLevel.gte)
        return `it needs ${c.countAtLevel.gte} level ${c.countAtLevel.level} indicators but the ruleset has ${available}`;
    }
    if (c.sides) {
      const sides = new Set(ruleset.indicators.filter((i) => i.level >= c.sides!.minLevel).map((i) => i.side));
      if (sides.size < c.sides.gte)
        return `it needs ${c.sides.gte} sides at level ${c.sides.minLevel}+ but only ${sides.size} have such indicators`;
    }
    if (c.indicator && c.indicator.every((id) => unreachableIndicators.has(id)))
      return `indicators ${c.indicator.join(', ')} can never fire`;
    if (c.flag && flagSetters[c.flag] === 0) return `nothing in the ruleset sets the ${c.flag} flag`;
    if (c.siblingRule && !c.siblingRule.some((id) => ruleIds.has(id) || ruleset.indicators.some((i) => i.id === id)))
      return `no rule or indicator of the ruleset is called ${c.siblingRule.join(' or ')}`;
    if (c.siblingFlag && flagSetters[c.siblingFlag] === 0)
      return `nothing in the ruleset sets the ${c.siblingFlag} flag`;
    if (c.theme && !themeSources.has(c.theme)) return `nothing in the ruleset puts a contact on the ${c.theme} theme`;
    for (const key of ['missingEpisodes', 'children', 'childAge', 'level'] as const) {
      const r = c[key];
      if (!r) continue;
      const [lo, hi] = bounds(r);
      if (lo > hi) return `its ${key} range is empty`;
      if (key === 'level' && (lo > 4 || hi < 1)) return 'it asks for a level outside 1–4';
      if (key === 'children' && (lo > 20 || hi < 1)) return 'a notification has 1 to 20 children';
    }
    if (c.any) {
      const reasons = c.any.map(impossible);
      if (reasons.every(Boolean)) return `none of its alternatives can hold (${reasons.join('; ')})`;
    }
    if (c.all) {
      for (const part of c.all) {
        const reason = impossible(part);
        if (reason) return reason;
      }
      return contradiction(c.all);
    }
    return undefined;
  };

  /** Facts that hold one value per notification cannot take two disjoint values at once. */
  const contradiction = (parts: Condition[]): string | undefined => {
    for (const key of ['dash', 'cse'] as const) {
      const sets = parts.flatMap((p) => (p[key] ? [new Set<string>(p[key])] : []));
      if (sets.length > 1 && ![...sets[0]!].some((v) => sets.every((s) => s.has(v))))
        return `it needs two different ${key} values at once`;
    }
    for (const key of ['missingEpisodes', 'children', 'level'] as const) {
      const ranges = parts.flatMap((p) => (p[key] ? [bounds(p[key]!)] : []));
      if (ranges.length > 1 && Math.max(...ranges.map((r) => r[0])) > Math.min(...ranges.map((r) => r[1])))
        return `its ${key} conditions cannot all hold`;
    }
    const dangers = new Set(parts.flatMap((p) => (p.immediateDanger === undefined ? [] : [p.immediateDanger])));
    if (dangers.size > 1) return 'it needs immediate danger to be both true and false';
    const positives = new Set(parts.filter((p) => !p.not).map(canonical));
    if (parts.some((p) => p.not && positives.has(canonical(p.not)))) return 'it needs a condition and its opposite';
    return undefined;
  };

  /** The lowest level a contact can be at when the condition holds. */
  const impliedLevel = (c: Condition): number => {
    if (c.indicator) {
      return Math.min(...c.indicator.map((id) => ruleset.indicators.find((i) => i.id === id)?.level ?? 1));
    }
    if (c.countAtLevel) return c.countAtLevel.level;
    if (c.sides) return c.sides.minLevel;
    if (c.level) return c.level.gte ?? 1;
    if (c.all) return Math.max(...c.all.map(impliedLevel));
    if (c.any) return Math.min(...c.any.map(impliedLevel));
    return 1;
  };

  ruleset.indicators.forEach((indicator, i) => {
    const reason = indicator.when && impossible(indicator.when);
    // Chosen on the form, an indicator can always fire; only a "when" can be unreachable.
    if (reason) warn(`indicators.${i}`, `"${indicator.id}" can never fire automatically: ${reason}`);
  });
  // Immediate risk is action today; a strategy discussion is reasonable cause to suspect
  // significant harm (Working Together 2023). One without the other is usually a slip: a red
  // contact routed to a 45-day assessment, or a strategy discussion left without a same-day clock.
  ruleset.indicators.forEach((indicator, i) => {
    if (indicator.immediateRisk && !indicator.strategyDiscussion && !indicator.noStrategyDiscussionBecause)
      warn(
        `indicators.${i}`,
        `"${indicator.id}" is marked immediate risk but not strategy discussion; add the strategy discussion, or say why not in noStrategyDiscussionBecause`,
      );
    if (indicator.strategyDiscussion && !indicator.immediateRisk)
      warn(
        `indicators.${i}`,
        `"${indicator.id}" needs a strategy discussion but is not marked immediate risk, so it gets no same-day clock`,
      );
    if (indicator.noStrategyDiscussionBecause && (indicator.strategyDiscussion || !indicator.immediateRisk))
      warn(
        `indicators.${i}`,
        `"${indicator.id}" explains why it has no strategy discussion, but it is not an immediate risk without one`,
      );
  });
  const autoByCanonical = new Map<string, number>();
  ruleset.indicators.forEach((indicator, i) => {
    if (!indicator.when) return;
    const key = canonical(indicator.when);
    const first = autoByCanonical.get(key);
    if (first === undefined) autoByCanonical.set(key, i);
    else if (ruleset.indicators[first]!.level !== indicator.level)
      warn(
        `indicators.${i}`,
        `"${indicator.id}" fires on exactly the same condition as "${ruleset.indicators[first]!.id}" but at a different level; the lower one never decides the outcome`,
      );
  });

  const ruleByCanonical = new Map<string, number>();
  ruleset.rules.forEach((rule, i) => {
    const path = `rules.${i}`;
    const reason = impossible(rule.when);
    if (reason) {
      error(path, `"${rule.id}" can never fire: ${reason}`);
      return;
    }
    const { then } = rule;
    const onlyLevel =
      then.raiseBy === undefined && then.themes.length === 0 && !then.immediateRisk && !then.strategyDiscussion;
    if (onlyLevel && then.level !== undefined && then.level <= impliedLevel(rule.when))
      warn(
        path,
        `"${rule.id}" never changes the outcome: whenever it fires the level is already ${impliedLevel(rule.when)} or more`,
      );
    if (then.strategyDiscussion && then.level !== undefined && then.level < 4)
      error(
        path,
        `"${rule.id}" asks for a strategy discussion but sets level ${then.level}; a strategy discussion is level 4`,
      );
    const keys = conditionKeys(rule.when);
    if (keys.has('level') && keys.size <= 2 && then.raiseBy !== undefined)
      warn(path, `"${rule.id}" raises the level on a condition about the level; its effect depends on rule order`);
    const key = canonical(rule.when);
    const first = ruleByCanonical.get(key);
    if (first === undefined) ruleByCanonical.set(key, i);
    else if (canonical(ruleset.rules[first]!.then) !== canonical(then))
      error(path, `"${rule.id}" has the same condition as "${ruleset.rules[first]!.id}" but a different outcome`);
    else warn(path, `"${rule.id}" repeats "${ruleset.rules[first]!.id}"`);
  });

  ruleset.themes.forEach((theme, i) => {
    if (!themeSources.has(theme.id)) warn(`themes.${i}`, `theme "${theme.id}" has no condition and nothing adds it`);
    const reason = theme.when && impossible(theme.when);
    if (reason) warn(`themes.${i}`, `theme "${theme.id}" can never apply: ${reason}`);
  });
  const clocks = ruleset.clocks;
  for (const [path, when] of [
    ['clocks.priorities.red', clocks.priorities.red.when],
    ['clocks.priorities.amber', clocks.priorities.amber.when],
    ...clocks.others.map((c, i) => [`clocks.others.${i}`, c.when] as const),
  ] as const) {
    const reason = impossible(when);
    if (reason) warn(path, `can never apply: ${reason}`);
  }

  // Routes should become more intrusive as the level rises, or thresholds read upside down.
  const order = Object.keys(ROUTES) as Route[];
  for (const level of [2, 3, 4] as const) {
    const lower = ruleset.levels[String(level - 1) as '1'].route;
    const route = ruleset.levels[String(level) as '1'].route;
    if (order.indexOf(route) < order.indexOf(lower))
      error(
        `levels.${level}.route`,
        `level ${level} routes to ${route}, which is less intrusive than level ${level - 1} (${lower})`,
      );
  }

  const related = new Set<string>(ruleset.indicators.flatMap((i) => i.factors));
  const automatic = new Set(ruleset.indicators.flatMap((i) => (i.when ? collectFactors(i.when) : [])));
  for (const code of Object.keys(ASSESSMENT_FACTORS)) {
    if (!related.has(code)) warn('indicators', `no indicator relates to assessment factor ${code}`);
    else if (!automatic.has(code))
      warn('indicators', `factor ${code} on its own fires no indicator, so a contact with only that factor is level 1`);
  }
  for (const side of Object.keys(SIDES)) {
    if (!ruleset.indicators.some((i) => i.side === side)) warn('indicators', `no indicators on the ${side} side`);
  }
  return findings;
};

const collectFactors = (c: Condition): string[] => [
  ...(c.factor ?? []),
  ...(c.all ?? []).flatMap(collectFactors),
  ...(c.any ?? []).flatMap(collectFactors),
];
