import { readFileSync } from 'node:fs';
import { parseNotification } from '../../shared/notification';
import { getDefaultRuleset, recommend } from '../../shared/rules';
import type { Level, Priority, Route } from '../../shared/triage/types';
import { RECEIVED_AT, inputFor, type Scenario } from './notifications';

type Row = [
  id: string,
  scenario: Scenario,
  expected: { level: Level; route: Route; priority?: Priority; themes?: string[] },
];

const rows: Row[] = [
  [
    'several-level-3-indicators',
    {
      factors: ['16A', '4B', '15A'],
      indicators: ['neglect-persistent', 'parent-mental-health-affects-care'],
      ages: [13],
      description: 'Cutting herself, often hungry, and mother has stopped her medication.',
    },
    { level: 4, route: 'csc-assessment', priority: 'amber' },
  ],
  [
    'needs-on-every-side',
    {
      factors: ['7A', '6B'],
      indicators: ['housing-unsuitable'],
      ages: [12],
      description: 'Cares for a disabled mother in an overcrowded, damp flat.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  // Issue 9's example, from published Levels of Need guidance (Wigan Thresholds of Need, level 3): several additional needs together are complex needs.
  [
    'several-additional-needs',
    {
      agency: 'gp',
      factors: ['1B', '4B', '7A'],
      ages: [13],
      description: 'Father drinks daily; mother has depression; the girl does most of the caring.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'toxic-trio',
    {
      agency: 'police',
      factors: ['3B', '2B', '4B'],
      description: 'Domestic incident; both parents using cocaine; mother recently sectioned.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'baby-with-injury',
    {
      agency: 'health-visitor',
      factors: ['18B'],
      ages: [0],
      description: 'Four-month-old has a bruise on the cheek; parents say the toddler hit him.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red' },
  ],
  // Working Together with Parents Network (2021): a baby's needs unmet by a parent with a learning disability, s17 with adult services.
  [
    'baby-neglected-parent-learning-disability',
    {
      agency: 'health-visitor',
      factors: ['16A', '5B'],
      ages: [0],
      description: 'Six-week-old not gaining weight; dad has a learning disability and is caring for her alone.',
    },
    { level: 4, route: 'csc-assessment', priority: 'amber' },
  ],
  // NICE CG89 and the bruising protocols for children not independently mobile, disabled children included.
  [
    'non-mobile-child-with-injury',
    {
      agency: 'school',
      factors: ['18B'],
      indicators: ['child-not-independently-mobile'],
      ages: [11],
      disability: 'Spinal muscular atrophy; cannot move about independently',
      description: 'A bruise on the forearm; the escort on the school bus says another pupil grabbed her.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red' },
  ],
  [
    'sibling-of-injured-baby',
    {
      agency: 'health-visitor',
      factors: ['18B'],
      ages: [0, 3],
      description: 'Four-month-old has a bruise on the cheek; his three-year-old sister is at home.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red' },
  ],
  [
    'sibling-of-child-harmed-at-home',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: [], indicators: ['unexplained-injury'] }],
      ages: [8, 11],
      description:
        'The 8-year-old has finger-mark bruises on her upper arm and will not say how; her brother is in Year 6.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red' },
  ],
  [
    'sibling-in-strategy-discussion',
    {
      agency: 'health-visitor',
      factors: ['18B'],
      ages: [0, 9],
      description: 'Four-month-old has a bruise on the cheek; his nine-year-old brother is at school.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red' },
  ],
  [
    'repeat-domestic-abuse',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      earlierContacts: [{ level: 2, route: 'early-help-single-agency' }],
      description: 'Second call-out to the family in three months; DASH standard.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'missing-and-sexually-exploited',
    {
      agency: 'police',
      factors: ['10A', '11A'],
      ages: [14],
      description: 'Missing for two nights; returned with alcohol and a new phone from an adult.',
    },
    { level: 4, route: 'csc-strategy-discussion', priority: 'red', themes: ['cse', 'missing'] },
  ],
  [
    'missing-and-criminally-exploited',
    {
      agency: 'police',
      factors: ['10A', '13A'],
      ages: [15],
      description: 'Missing overnight, found with gang members in another town.',
    },
    { level: 4, route: 'csc-assessment', themes: ['missing', 'exploitation'] },
  ],
  [
    'young-child-neglect',
    {
      agency: 'health-visitor',
      factors: ['16A'],
      ages: [3],
      description: 'Toddler in a soiled nappy with severe nappy rash at two home visits.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'disabled-child-abuse-or-neglect',
    {
      factors: ['16A'],
      disability: 'Autistic and non-verbal',
      description: 'Often arrives unwashed and hungry; cannot tell staff what happens at home.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'unborn-baby-parental-risk',
    {
      agency: 'hospital-or-other-health',
      factors: ['2B'],
      ages: ['unborn'],
      description: 'Midwife: mother 28 weeks pregnant and using heroin daily.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'baby-parental-drug-misuse',
    {
      agency: 'health-visitor',
      factors: ['2B'],
      ages: [0],
      description: 'Health visitor: father of the 3-month-old using crack cocaine at home most days.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'baby-parental-alcohol-misuse-impairs-care',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['parental-alcohol-misuse-impairs-care'],
      ages: [0],
      description: 'Health visitor: mother of the 2-month-old drunk at every visit; feeds missed.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'disabled-child-family-at-breaking-point',
    {
      agency: 'gp',
      factors: ['4B'],
      indicators: ['child-care-needs-unmet'],
      ages: [11],
      disability: 'Cerebral palsy; needs help with every care task',
      description: 'GP: father, her only carer, is depressed and no longer managing her care; asking for respite.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'teenage-self-harm-with-substance-use',
    {
      agency: 'emergency-department',
      factors: ['15A', '2A'],
      ages: [15],
      description: 'Cut himself while high on ketamine; third attendance this year.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'third-contact-in-twelve-months',
    {
      factors: ['16A'],
      earlierContacts: [{ level: 2 }, { level: 2 }],
      description: 'Hungry and unkempt again this term; third time we have contacted you.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'persistent-re-contact',
    {
      agency: 'family-member',
      factors: ['21'],
      earlierContacts: [{}, {}, {}, {}],
      description: 'Grandparent calling again about the family; fifth call this year.',
    },
    { level: 3, route: 'early-help-targeted' },
  ],
  [
    'repeated-neglect-contacts',
    {
      factors: ['16A'],
      earlierContacts: [{ level: 2 }, { level: 2 }, { level: 3 }, { level: 2 }],
      description: 'Hungry and unwashed again; the fifth time this year we have told you.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
  [
    'self-harm-with-neglect',
    {
      factors: ['15A', '16A'],
      ages: [14],
      description: 'Cuts on her arms going septic; her parents have not taken her to the GP or to CAMHS.',
    },
    { level: 4, route: 'csc-assessment' },
  ],
];

describe('every combination rule in the default ruleset', () => {
  it('has a scenario', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(
      getDefaultRuleset()
        .rules.map((r) => r.id)
        .sort(),
    );
  });

  it.each(rows)('%s', (id, scenario, expected) => {
    const recommendation = recommend(inputFor(scenario));
    expect(recommendation.reasons.map((r) => r.id)).toContain(id);
    expect(recommendation.level).toBe(expected.level);
    expect(recommendation.route).toBe(expected.route);
    if (expected.priority) expect(recommendation.priority).toBe(expected.priority);
    for (const theme of expected.themes ?? []) expect(recommendation.themes).toContain(theme);
  });

  it("a baby's parent who drinks, without it affecting the baby's care, stays an additional need", () => {
    const recommendation = recommend(
      inputFor({ agency: 'health-visitor', factors: ['1B'], ages: [0], description: 'Dad drinks most evenings.' }),
    );
    expect(recommendation.reasons.map((r) => r.id)).not.toContain('baby-parental-alcohol-misuse-impairs-care');
    expect(recommendation.level).toBe(2);
  });

  it("a disabled child's unmet care needs, with no parent carer struggling, stay a multi-agency response", () => {
    const recommendation = recommend(
      inputFor({
        factors: ['6A'],
        indicators: ['child-care-needs-unmet'],
        ages: [7],
        description: 'Missed four clinic appointments; feeding pump not used as prescribed.',
      }),
    );
    expect(recommendation.reasons.map((r) => r.id)).not.toContain('disabled-child-family-at-breaking-point');
    expect(recommendation.level).toBe(3);
  });

  it('does not escalate neglect for a child of five or over', () => {
    const recommendation = recommend(
      inputFor({ factors: ['16A'], ages: [5], description: 'Arrives hungry most days this term.' }),
    );
    expect(recommendation.reasons.map((r) => r.id)).not.toContain('young-child-neglect');
    expect(recommendation.level).toBe(2);
  });
});

describe('history', () => {
  it('counts contacts in the last 12 months only, and names them by reference', () => {
    const old = { receivedAt: new Date(RECEIVED_AT.getTime() - 400 * 86_400_000).toISOString() };
    const quiet = recommend(
      inputFor({ factors: ['16A'], earlierContacts: [{}, old], description: 'Arrives hungry most days this term.' }),
    );
    expect(quiet.level).toBe(2);
    const repeat = recommend(
      inputFor({ factors: ['16A'], earlierContacts: [{}, {}], description: 'Arrives hungry most days this term.' }),
    );
    const reason = repeat.reasons.find((r) => r.id === 'third-contact-in-twelve-months')!;
    expect(reason.kind).toBe('history');
    expect(reason.evidence).toEqual(['child 1: 2 earlier contacts in 12 months (FD-TEST-0030, FD-TEST-0060)']);
  });

  it('never guesses an open case from earlier contacts: unknown means not open (issue 9)', () => {
    const base = { factors: ['16A'] as const, description: 'Arrives hungry most days this term.' };
    for (const earlierContact of [
      { route: 'csc-assessment' as const, level: 4 as const },
      { route: 'existing-open-case' as const },
      { route: 'csc-strategy-discussion' as const, status: 'decided' },
    ]) {
      const recommendation = recommend(
        inputFor({ ...base, factors: [...base.factors], earlierContacts: [earlierContact] }),
      );
      expect(recommendation.route).toBe('early-help-single-agency');
      expect(recommendation.reasons.map((r) => r.id)).not.toContain('open-case');
    }
  });
});

describe('recommendations', () => {
  const sample = (name: string) => {
    const parsed = parseNotification(JSON.parse(readFileSync(`events/notifications/${name}.json`, 'utf8')));
    if (!parsed.ok) throw new Error('sample is invalid');
    return { notification: parsed.notification, history: { earlierContacts: [] }, receivedAt: RECEIVED_AT };
  };

  it('records the ruleset id and version, so a decision can be explained later', () => {
    const { ruleset } = recommend(sample('school-neglect'));
    expect(ruleset).toEqual({ id: getDefaultRuleset().id, version: getDefaultRuleset().version });
  });

  it('is deterministic and does not change its input', () => {
    const input = sample('police-domestic-abuse-high');
    const before = JSON.stringify(input);
    expect(recommend(input)).toEqual(recommend(input));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('gives evidence from codes and screening values, never the referrer’s words', () => {
    const input = sample('police-domestic-abuse-high');
    const recommendation = recommend(input);
    const evidence = recommendation.reasons.flatMap((r) => r.evidence).join(' ');
    expect(evidence).toContain('DASH risk: high');
    for (const words of [input.notification.concerns.description, 'Madeup', 'Noah', 'ZZ2'])
      expect(evidence).not.toContain(words);
  });

  it('starts a return home interview clock, 72 hours from receipt when the return is not given (from the return: return-home-interview.test.ts)', () => {
    const recommendation = recommend(
      inputFor({
        agency: 'police',
        factors: ['10A'],
        ages: [14],
        description: 'Reported missing overnight, found the next morning.',
      }),
    );
    expect(recommendation.clocks).toContainEqual(
      expect.objectContaining({ name: 'Return home interview', dueAt: '2026-11-21T10:00:00.000Z' }),
    );
    expect(recommendation.clocks).toContainEqual(
      expect.objectContaining({
        name: 'Partner agency information requests answered',
        dueAt: '2026-11-20T10:00:00.000Z',
      }),
    );
  });

  it('is due within 4 hours when red, half a working day when amber, one working day when green', () => {
    const red = recommend(
      inputFor({ factors: ['18C'], ages: [6], description: 'Slap mark on his face; says his stepdad did it.' }),
    );
    const amber = recommend(
      inputFor({ factors: ['15A'], ages: [14], description: 'Superficial cuts found during PE this morning.' }),
    );
    const green = recommend(inputFor({ factors: ['16A'], description: 'Arrives hungry most days this term.' }));
    expect([red.priority, red.dueAt]).toEqual(['red', '2026-11-18T14:00:00.000Z']);
    expect([amber.priority, amber.dueAt]).toEqual(['amber', '2026-11-18T14:00:00.000Z']);
    expect([green.priority, green.dueAt]).toEqual(['green', '2026-11-19T10:00:00.000Z']);
  });
});
