import { englandAndWalesCalendar } from '../shared/calendar';
import { getDefaultRuleset, recommend } from '../shared/rules';
import type { TriageInput } from '../shared/triage/types';
import { FOSTER_CARER, inputFor, type Scenario } from '../test/rules/notifications';
import { jsonRulesEngineFor } from './json-rules-engine-adapter';

/**
 * Evaluations per second of recommend() and of json-rules-engine running the same default
 * ruleset, side by side in one process over the same notifications. recommend() does the whole
 * job (reasons, evidence, priority, due times in Europe/London, clocks); json-rules-engine is
 * timed for level, route and themes only, for the contact and each child, which flatters it. Both
 * must reach the same answers for every child before anything is timed.
 */

const scenarios: Scenario[] = [
  { factors: ['16A'], description: 'Arrives hungry and in dirty clothes most days this term.' },
  {
    agency: 'police',
    factors: ['3B', '1B'],
    screening: { dashRisk: 'high' },
    ages: [1, 9],
    immediateDanger: true,
    description: 'Domestic incident overnight; DASH high.',
  },
  {
    agency: 'police',
    factors: ['10A', '11A'],
    screening: { missingEpisodes: 3, cseRisk: 'medium' },
    ages: [14],
    description: 'Third missing episode this quarter; CSE screening medium.',
  },
  {
    agency: 'health-visitor',
    factors: ['18B'],
    ages: [0],
    description: 'Bruise on a four-month-old; parents say the toddler did it.',
  },
  {
    factors: ['16A', '4B', '15A'],
    indicators: ['neglect-persistent', 'parent-mental-health-affects-care'],
    ages: [13],
    description: 'Cutting herself, often hungry, mother unwell.',
  },
  {
    agency: 'family-member',
    factors: ['21'],
    indicators: ['financial-hardship'],
    earlierContacts: [{}, {}, {}],
    description: 'Grandparent asking about help with money.',
  },
  {
    agency: 'gp',
    factors: ['2B', '3B', '4B'],
    ages: ['unborn', 3],
    description: 'Pregnant mother using heroin; partner violent.',
  },
  {
    agency: 'school',
    factors: ['7A', '6B', '20'],
    indicators: ['housing-unsuitable', 'school-attendance'],
    ages: [12],
    description: 'Young carer in damp, overcrowded housing.',
  },
  // What only a per-child assessment gets right: one child's own CSE score and missing count, a
  // brother brought into his sister's strategy discussion (siblingRule, siblingFlag), an open case.
  {
    agency: 'police',
    factors: ['3B'],
    screening: { dashRisk: 'standard' },
    childConcerns: [{ factors: ['11A', '10A'], screening: { cseRisk: 'medium', missingEpisodes: 2 } }, { factors: [] }],
    ages: [15, 8],
    openCases: [
      { childIndex: 1, kind: 'early-help', holder: { name: 'Lee Lead', email: 'lee.lead@exampleshire.example' } },
    ],
    description: 'Missing twice, found with an older man; CSE screening medium. Domestic abuse at home.',
  },
  {
    agency: 'emergency-department',
    factors: [],
    childConcerns: [{ factors: ['18C'] }],
    ages: [0, 3, 9],
    description: 'Unexplained fracture in a baby; two brothers at home.',
  },
  // A foster carer's allegation (adultSector) and a 16-year-old no census factor makes privately fostered (appliesTo).
  {
    factors: [],
    childConcerns: [{ factors: [], indicators: ['physical-abuse-by-adult'] }, { factors: ['8E'] }],
    ages: [8, 16],
    adultConcern: FOSTER_CARER,
    description: 'Foster carer slapped the 8-year-old; a 16-year-old also lives there.',
  },
];

const timeIt = async (label: string, run: () => unknown | Promise<unknown>, seconds: number) => {
  for (let i = 0; i < 2_000; i++) await run();
  let n = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < until) {
    for (let i = 0; i < 200; i++) await run();
    n += 200;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = n / elapsed;
  console.log(
    `${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-GB').padStart(12)} evaluations/s  (${n.toLocaleString('en-GB')} in ${elapsed.toFixed(2)} s)`,
  );
  return perSecond;
};

const main = async () => {
  const ruleset = getDefaultRuleset();
  const calendar = englandAndWalesCalendar();
  const inputs: TriageInput[] = scenarios.map((s) => inputFor(s));
  const localDates = inputs.map((i) => calendar.localDate(i.receivedAt));
  const jre = jsonRulesEngineFor(ruleset);

  // The comparison only means something if both engines reach the same answers.
  for (const [i, input] of inputs.entries()) {
    const ours = recommend(input);
    const theirs = await jre(input, localDates[i]!);
    const mine = {
      level: ours.level,
      route: ours.route,
      themes: ours.themes,
      children: ours.children.map(({ level, route }) => ({ level, route })),
    };
    if (JSON.stringify(mine) !== JSON.stringify(theirs))
      throw new Error(`Engines disagree on scenario ${i + 1}: ${JSON.stringify({ ours: mine, theirs })}`);
  }

  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  console.log(
    `Ruleset ${ruleset.id} ${ruleset.version}: ${ruleset.indicators.length} indicators, ${ruleset.rules.length} rules, ${ruleset.themes.length} themes; ${inputs.length} notifications in rotation; Node ${process.version}`,
  );
  let i = 0;
  const ours = await timeIt('front-door recommend()', () => recommend(inputs[i++ % inputs.length]!), seconds);
  let j = 0;
  const theirs = await timeIt(
    'json-rules-engine 7 (same ruleset)',
    () => {
      const k = j++ % inputs.length;
      return jre(inputs[k]!, localDates[k]!);
    },
    seconds,
  );
  console.log(`Ratio: recommend() is ${(ours / theirs).toFixed(1)}x the throughput of json-rules-engine (target: 20x)`);
};

void main();
