import { recommend } from '../../shared/rules';
import type { Level, Priority, Recommendation, Route } from '../../shared/triage/types';
import { inputFor, type Scenario } from './notifications';

/**
 * Realistic synthetic notifications from the fresh-eyes probe's findings and after, none a
 * repeat of guidance-scenarios or fresh-scenarios. Each child's expected level, route and RAG was
 * written from the published guidance cited beside it before the engine ran; where the engine
 * disagreed, the ruleset changed (default ruleset 1.6.0 on), never the expectation.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 3: a strategy discussion where there is
 *   reasonable cause to suspect significant harm; otherwise a child in need assessment or early help).
 * - CME: DfE, Children missing education, statutory guidance for local authorities (2016, 2024
 *   draft): the LA finds the child and makes sure they receive education; a safeguarding referral
 *   where there is also a concern of harm, otherwise multi-agency support.
 * - Prevent: Prevent duty guidance (2023) and Channel duty guidance (2023): a child at risk of
 *   radicalisation with no other harm is supported through Channel, a multi-agency panel, not s47.
 * - Carers: Children Act 1989 s17ZA (young carers' needs assessment); LoN (Wigan, Newcastle): a
 *   young carer whose caring stops them going to school needs multi-agency help, level 3.
 * - WTWPN: Working Together with Parents Network, Supporting parents with learning disabilities
 *   (2021 update): a newborn whose needs are not being met by a parent with a learning disability
 *   needs an early assessment of the child's needs with adult services (s17, child in need).
 * - UKCIS: Sharing nudes and semi-nudes (2024) and KCSIE 2024 part 5: coercion into sharing
 *   images, then sharing them on, is child-on-child sexual abuse: refer to police and children's
 *   social care at once.
 * - RSO: WT ch. 3 and the MAPPA guidance: a person convicted of sexual offences against children
 *   living with children is reasonable cause to suspect significant harm: a strategy discussion
 *   for every child in the household.
 * - Pre-birth: WT ch. 3 and local pre-birth protocols (Leeds, Newcastle): an expectant parent's
 *   drug misuse needs a pre-birth assessment by children's social care; a pregnant care leaver's
 *   personal adviser is involved (Care Leavers (England) Regulations 2010).
 * - Alone: Children and Young Persons Act 1933 s1 (neglect) and NSPCC guidance: a 4-year-old left
 *   alone at home for an evening is at risk of significant harm: a strategy discussion.
 * - Bereavement and bullying: LoN level 1 to 2: school support with a single service (bereavement
 *   charity, school counsellor), no statutory assessment.
 * - CSE guide: DfE, Child sexual exploitation: definition and guide for practitioners (2017);
 *   published CSE screening pathways (low, "at risk": early help and preventative work; medium and
 *   high: children's social care), and no child under 13 graded low (Gateshead MSET; Sexual
 *   Offences Act 2003 s5-8).
 */

type Expected = { level: Level; route: Route; priority: Priority };
type Case = [
  name: string,
  scenario: Scenario,
  children: Expected[],
  extra?: { reasons?: string[]; notReasons?: string[] },
];

const S47: Expected = { level: 4, route: 'csc-strategy-discussion', priority: 'red' };
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };

const summary = (r: Recommendation) => r.children.map(({ level, route, priority }) => ({ level, route, priority }));

// CSE guide: a screening tool scoring the risk low is still a concern about exploitation (the
// CSE daily meeting keeps it), met by a multi-agency early help assessment with preventative work,
// not a strategy discussion on the factor alone; a child under 13 is never graded low.
const screenedLow: Case[] = [
  [
    'school: 14-year-old with a new older boyfriend, CSE screening tool low (API)',
    {
      agency: 'school',
      factors: ['11A'],
      screening: { cseRisk: 'low' },
      ages: [14],
      description:
        'She talks about a 19-year-old boyfriend she met online; no missing episodes, attending well; the screening tool scored low.',
    },
    [EH3],
    { reasons: ['cse-concern-screened-low'], notReasons: ['cse-reported'] },
  ],
  [
    'youth worker: 15-year-old given lifts and gifts by older men, screened low, chosen on the form',
    {
      agency: 'voluntary-or-community',
      factors: [],
      indicators: ['cse-reported'],
      screening: { cseRisk: 'low' },
      ages: [15],
      description:
        'Has been seen getting into cars with older lads after youth club; says they are friends; the screening tool scored low.',
    },
    [EH3],
    { reasons: ['cse-concern-screened-low'], notReasons: ['cse-reported'] },
  ],
  [
    '12-year-old with the same signs, screened low by the referrer: under 13, still a strategy discussion (API)',
    {
      agency: 'school',
      factors: ['11A'],
      screening: { cseRisk: 'low' },
      ages: [12],
      description:
        'Given a new phone and vapes by a 20-year-old who waits outside school; the screening tool scored low.',
    },
    [S47],
    { reasons: ['cse-reported'] },
  ],
];

// Bruising: NICE CG89 and the protocols for bruising in children who are not independently mobile
// (Pan Cheshire and Merseyside 2021; Hampshire, Isle of Wight, Portsmouth and Southampton 2022)
// apply to a disabled child of any age who cannot move about alone: a strategy discussion
// whatever the explanation. A disabled child who can move about keeps the ordinary response.
const notMobile: Case[] = [
  [
    'special school: 8-year-old with cerebral palsy who cannot move independently, bruised arms "from her brother" (API)',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: ['6A', '18B'], indicators: ['child-not-independently-mobile'] }],
      ages: [8],
      disability: 'Cerebral palsy; cannot crawl, stand or walk; uses a wheelchair and a hoist',
      description:
        'Fingertip bruises on both upper arms at drop-off; mum says her 10-year-old brother was rough when they played.',
    },
    [S47],
    { reasons: ['non-mobile-child-with-injury'] },
  ],
  [
    'health: 13-year-old with a severe learning disability who cannot walk, bruise explained by a carer as a fall (form)',
    {
      agency: 'hospital-or-other-health',
      factors: [],
      indicators: ['child-learning-disability', 'child-not-independently-mobile', 'physical-abuse-by-child'],
      ages: [13],
      disability: 'Severe learning disability; not independently mobile',
      description:
        'A bruise on the cheek; the respite carer says another young person at the unit pushed her chair over.',
    },
    [S47],
    { reasons: ['non-mobile-child-with-injury'] },
  ],
];

const S17: Expected = { level: 4, route: 'csc-assessment', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };

/** Ten more realistic notifications, none a repeat of the other scenario files. */
const more: Case[] = [
  [
    'CME: an 11-year-old taken off roll "to be home educated", no contact since, not seen (form)',
    {
      agency: 'education-service',
      factors: [],
      indicators: ['missing-education'],
      ages: [11],
      description:
        'Removed from roll in September for elective home education; three visits, no answer; neighbours say the family are still there.',
    },
    [EH3],
  ],
  [
    'Prevent: a 15-year-old sharing extreme right-wing material online, family supportive (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation'],
      ages: [15],
      description:
        'Posting videos praising a terrorist attack in a class group chat; parents shocked and keen to work with the school.',
    },
    [EH3],
  ],
  [
    'young carer: a 13-year-old caring for a disabled brother, attendance down to 75% (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['young-carer-substantial'],
      ages: [13],
      description:
        'Misses school when mum works nights to look after his brother, who has epilepsy; tired and withdrawn.',
    },
    [EH3],
  ],
  [
    'health visitor: a mother with a learning disability, her 3-week-old losing weight, feeds missed (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['parent-learning-disability', 'neglect-reported'],
      ages: [0],
      description:
        'Baby below birth weight at three weeks; mum does not understand how to make up feeds; no family support; dad works away.',
    },
    [S17],
  ],
  [
    'school: a 14-year-old coerced by a 15-year-old boy into sending a nude image, which he shared (API)',
    {
      agency: 'school',
      factors: ['19B'],
      ages: [14],
      description:
        'He threatened to end their relationship unless she sent it; the image went round Year 10 yesterday.',
    },
    [S47],
  ],
  [
    'probation: mother’s new partner, a registered sex offender against children, has moved in with her 7- and 9-year-old (API)',
    {
      agency: 'probation',
      factors: [],
      indicators: ['person-posing-risk'],
      ages: [7, 9],
      description:
        'Convicted in 2019 of sexual assault of a child under 13; on the sex offender register; did not tell probation he had moved in.',
    },
    [S47, S47],
  ],
  [
    'midwife: a 17-year-old care leaver, 24 weeks pregnant, using cannabis and cocaine (API)',
    {
      agency: 'hospital-or-other-health',
      factors: ['2B'],
      ages: ['unborn'],
      description: 'Booked late; says she uses cannabis daily and cocaine at weekends; her personal adviser is aware.',
    },
    [S17],
  ],
  [
    'police: a 4-year-old found home alone at 9pm, mother at the pub (API)',
    {
      agency: 'police',
      factors: [],
      indicators: ['young-child-left-alone'],
      ages: [4],
      description: 'Neighbour heard crying; officers found the child alone; mother returned at 11pm, intoxicated.',
    },
    [S47],
  ],
  [
    'school: a 10-year-old whose father died in the summer, tearful and withdrawn (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['bereavement', 'child-mental-health'],
      ages: [10],
      description:
        'Dad died suddenly in August; she cries in class and has stopped playing with friends; mum asked for help.',
    },
    [EH2],
  ],
  [
    'self-referral: a 15-year-old bullied at school and feeling low, no risk to himself (form)',
    {
      agency: 'self',
      factors: [],
      indicators: ['child-mental-health'],
      ages: [15],
      description:
        'People at school call me names and post about me; I feel down most days but I would not hurt myself.',
    },
    [EH2],
  ],
];

describe('probe scenarios, as published guidance would decide them', () => {
  it.each(more)('%s', (_name, scenario, expected) => {
    expect(summary(recommend(inputFor(scenario)))).toEqual(expected);
  });

  it.each(notMobile)('%s', (_name, scenario, expected, extra = {}) => {
    // Prepare
    const input = inputFor(scenario);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)).toEqual(expected);
    for (const reason of extra.reasons ?? []) expect(r.reasons.map((x) => x.id)).toContain(reason);
  });

  it('a disabled child who can move about, bruised by another child, is assessed, not a strategy discussion on mobility grounds', () => {
    // Prepare: the same bruises, but the 8-year-old walks (NICE CG89 concerns children not independently mobile).
    const input = inputFor({
      agency: 'school',
      factors: ['6A', '18B'],
      ages: [8],
      disability: 'Autism; walks and runs',
      description: 'A bruise on her shin; she says a boy kicked her in the playground at lunchtime.',
    });
    // Act
    const r = recommend(input);
    // Assess
    expect(r.reasons.map((x) => x.id)).not.toContain('non-mobile-child-with-injury');
    expect(r.children[0]!.route).not.toBe('csc-strategy-discussion');
  });

  it.each(screenedLow)('%s', (_name, scenario, expected, extra = {}) => {
    // Prepare
    const input = inputFor(scenario);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)).toEqual(expected);
    expect(r.themes).toContain('cse');
    for (const reason of extra.reasons ?? []) expect(r.reasons.map((x) => x.id)).toContain(reason);
    for (const reason of extra.notReasons ?? []) expect(r.reasons.map((x) => x.id)).not.toContain(reason);
  });
});
