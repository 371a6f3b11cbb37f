import { recommend } from '../../shared/rules';
import type { Level, Priority, Recommendation, Route } from '../../shared/triage/types';
import { inputFor, type Scenario } from './notifications';

/**
 * A third set of realistic synthetic notifications, none repeating guidance-, fresh- or
 * probe-scenarios: what a front-door manager would decide for each child, written from the
 * published guidance cited beside it BEFORE the engine ran. Where the engine disagreed and the
 * guidance stood, the ruleset changed (default ruleset 1.10.0), never the expectation.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 3: a strategy discussion where there is
 *   reasonable cause to suspect significant harm, considering the needs of other children who may
 *   be affected, such as siblings; assessment of a child in need under s17).
 * - DA Act: Domestic Abuse Act 2021 (s1 abuse between people aged 16 or over who are personally
 *   connected, so a 16-year-old's abusive boyfriend; s3 a child who sees, hears or experiences the
 *   effects of domestic abuse is a victim in their own right); SafeLives DASH.
 * - LoN: published Levels of Need (Wigan Thresholds of Need; Newcastle Multi-Agency Thresholds
 *   Guidance 2018): level 2 one agency (Operation Encompass tells the school), level 3 several
 *   agencies and a lead professional, level 4 children's social care.
 * - CSPR neglect: Child Safeguarding Practice Review Panel and NSPCC learning on neglect (cumulative
 *   harm: repeated low-level contacts are a pattern, and needs are not being met).
 * - FGM: Serious Crime Act 2015 s74 (FGM Act 2003 s5B: the mandatory reporting duty to the police
 *   for a known case in a girl under 18) and HM Government, Multi-agency statutory guidance on FGM
 *   (2020): sisters and other girls in the family are at risk.
 * - KCSIE: Keeping Children Safe in Education 2024 (part 5, child-on-child sexual violence; online
 *   abuse); UKCIS, Sharing nudes and semi-nudes (2024).
 * - NRPF: Children Act 1989 s17 and the NRPF Network, Assessing and supporting children and families
 *   who have no recourse to public funds (2021): a destitute family with no recourse to public funds
 *   is assessed by children's social care under s17, which may provide accommodation and support.
 * - NAS: Public Health England, Safeguarding and promoting the welfare of children affected by
 *   parental alcohol and drug use (2018); local pre-birth and newborn protocols: a baby with
 *   neonatal abstinence syndrome, or whose mother is using drugs, is assessed by children's social
 *   care before discharge.
 * - DA repeat: local domestic abuse pathways (for example the Wigan and Newcastle thresholds):
 *   repeat incidents within 12 months show the risk is escalating; a third is a social care matter.
 * - Missing: DfE statutory guidance on children who run away or go missing (2014), return home
 *   interview within 72 hours; Home Office county lines guidance (2023).
 */

type Expected = { level: Level; route: Route; priority: Priority };
const S47: Expected = { level: 4, route: 'csc-strategy-discussion', priority: 'red' };
const S17 = (priority: Priority = 'amber'): Expected => ({ level: 4, route: 'csc-assessment', priority });
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };

type Case = [name: string, scenario: Scenario, children: Expected[], extra?: { reasons?: string[]; clocks?: string[] }];

const cases: Case[] = [
  // DA Act s3 and LoN level 2: a first standard-risk incident the child heard is an additional
  // need (the school told through Operation Encompass), the child a victim in their own right.
  [
    'police DA, DASH standard, first incident, the 7-year-old heard it from her bedroom (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      ages: [7],
      description: 'Verbal argument between the parents late at night; the 7-year-old heard it and was upset.',
    },
    [EH2],
  ],
  // DA Act s3 and WT ch. 3: the 13-year-old was assaulted by his stepfather stepping in (physical
  // abuse by an adult: a strategy discussion); his 5-year-old sister lives with the same man and is
  // considered in it (WT ch. 3).
  [
    'police DA, DASH medium: 13-year-old thrown against a wall by his stepfather when he stepped in; his 5-year-old sister (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'medium' },
      childConcerns: [{ factors: ['18C'] }],
      ages: [13, 5],
      description:
        'Stepfather hit the mother; the 13-year-old stepped in and was thrown against the wall, bruising his back.',
    },
    [S47, S47],
    { reasons: ['physical-abuse-by-adult', 'sibling-of-child-harmed-at-home'] },
  ],
  // DA Act s1 (both 16 or over) and SafeLives young people's guidance: a 16-year-old abused by her
  // 17-year-old boyfriend, DASH medium, needs a multi-agency plan (LoN level 3).
  [
    '16-year-old controlled and slapped by her 17-year-old boyfriend, DASH medium (API)',
    {
      agency: 'police',
      factors: ['3A'],
      screening: { dashRisk: 'medium' },
      ages: [16],
      description: 'Boyfriend checks her phone, stops her seeing friends and slapped her at a bus stop.',
    },
    [EH3],
  ],
  // CSPR neglect and LoN: the fourth contact in 12 months about a 6-year-old's hygiene and hunger,
  // each closed with advice, is cumulative harm: at least a multi-agency early help assessment.
  [
    'fourth contact in a year about a 6-year-old arriving hungry and unwashed, each closed with advice (API)',
    {
      agency: 'school',
      factors: ['16A'],
      ages: [6],
      earlierContacts: [{ level: 1 }, { level: 1 }, { level: 2 }],
      description: 'Again hungry and in the same clothes all week; head lice untreated since September.',
    },
    [EH3],
    { reasons: ['third-contact-in-twelve-months'] },
  ],
  // CSPR neglect, LoN and WT ch. 3: persistent neglect of a 2-year-old, who depends entirely on
  // her carers, after two earlier contacts: a child in need assessment by social care.
  [
    'health visitor: persistent neglect of a 2-year-old, third contact this year (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['neglect-persistent'],
      ages: [2],
      earlierContacts: [{ level: 2 }, { level: 3 }],
      description: 'Missed development checks again, severe nappy rash, flat cold and no food in the fridge.',
    },
    [S17()],
  ],
  // FGM: a known case in a girl under 18 is reported to the police by the professional (mandatory
  // duty) and is significant harm (WT ch. 3); her 9-year-old sister is at risk and is considered too.
  [
    'school nurse: 14-year-old says she was cut on a visit abroad aged 8; her 9-year-old sister (API)',
    {
      agency: 'school-nurse',
      factors: [],
      childConcerns: [{ factors: ['22A'] }],
      ages: [14, 9],
      description: 'Told the school nurse she was "cut" during a family visit abroad when she was 8; her sister is 9.',
    },
    [S47, S47],
    { reasons: ['female-genital-mutilation', 'sibling-of-child-harmed-at-home'] },
  ],
  // KCSIE (online abuse) and WT: an adult grooming an 11-year-old online for sexual images is
  // child sexual abuse: a strategy discussion today.
  [
    'parent: 11-year-old asked for naked pictures by an adult on a gaming platform (form)',
    {
      agency: 'family-member',
      factors: [],
      indicators: ['sexual-abuse-by-adult'],
      ages: [11],
      description: 'A man he met in an online game has been asking him to send naked pictures and to meet.',
    },
    [S47],
  ],
  // KCSIE part 5: rape by another child is a strategy discussion with the police.
  [
    '15-year-old raped by a 16-year-old boy at a party (API)',
    {
      agency: 'school',
      factors: ['19B'],
      ages: [15],
      description: 'Told her tutor a boy in Year 12 raped her at a party on Saturday.',
    },
    [S47],
  ],
  // NRPF: a destitute family with no recourse to public funds is assessed by children's social
  // care under s17 (which may accommodate and support them); not early help alone.
  [
    'no recourse to public funds: mother evicted, 3- and 6-year-old sleeping on a friend’s floor (form)',
    {
      agency: 'voluntary-or-community',
      factors: [],
      indicators: ['family-destitute-no-recourse-to-public-funds'],
      ages: [3, 6],
      description:
        'Mother has no recourse to public funds, was evicted last week, no money for food; friend says they must leave.',
    },
    [S17(), S17()],
  ],
  // NAS: a newborn with neonatal abstinence syndrome, mother using heroin on top of methadone, is
  // assessed by social care before discharge (s17), not left to one agency.
  [
    'midwife: 5-day-old with neonatal abstinence syndrome, mother using heroin on top of methadone (API)',
    {
      agency: 'hospital-or-other-health',
      factors: ['2B'],
      ages: [0],
      description:
        'Baby on the neonatal unit with withdrawal; mother tested positive for heroin; discharge planned next week.',
    },
    [S17()],
    { reasons: ['baby-parental-drug-misuse'] },
  ],
  // DA repeat: a third standard-risk incident in 12 months is escalating (raised twice): social care.
  [
    'police DA, DASH standard, third incident in 12 months, an 8-year-old at home (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      ages: [8],
      earlierContacts: [{ level: 2 }, { level: 2 }],
      description: 'Third call-out this year for shouting and a smashed door; the child was in the house.',
    },
    [S17()],
    { reasons: ['repeat-domestic-abuse', 'third-contact-in-twelve-months'] },
  ],
  // WT ch. 3: a 14-year-old beaten with a belt by his father is significant harm; his 10-year-old
  // sister lives with the same father and is considered in the same strategy discussion.
  [
    'self-referral: 14-year-old says his dad beats him with a belt; his 10-year-old sister (form)',
    {
      agency: 'self',
      factors: [],
      childConcerns: [{ indicators: ['physical-abuse-by-adult'] }],
      ages: [14, 10],
      description: 'Dad hits me with his belt when he has been drinking, last night on my legs. My sister is scared.',
    },
    [S47, S47],
    { reasons: ['sibling-of-child-harmed-at-home'] },
  ],
  // WT ch. 3 and NICE CG89: an unexplained fracture in a 3-month-old; the 6-year-old brother, living
  // with the same carers, is considered in the same strategy discussion.
  [
    'A&E: 3-month-old with an unexplained fracture; his 6-year-old brother (API)',
    {
      agency: 'emergency-department',
      factors: [],
      childConcerns: [{ factors: ['18C'] }],
      ages: [0, 6],
      description: 'Spiral fracture of the femur in a 3-month-old; parents cannot say how it happened.',
    },
    [S47, S47],
    { reasons: ['baby-with-injury', 'sibling-of-child-harmed-at-home'] },
  ],
  // Missing and county lines (WT extra-familial harm): the 15-year-old's own three missing episodes
  // and criminal exploitation are a strategy discussion with a return home interview; his
  // 11-year-old brother has no concern of his own and keeps his level, considered in the discussion.
  [
    'police: 15-year-old missing three times, found in a trap house with cash; his 11-year-old brother (API)',
    {
      agency: 'police',
      factors: [],
      childConcerns: [{ factors: ['24A', '10A'], screening: { missingEpisodes: 3 } }, { factors: ['14A'] }],
      screening: { returnedOn: '2026-11-17', returnedTime: '06:00' },
      ages: [15, 11],
      description: 'Found in a flat used for dealing with £400 and two phones after his third missing episode.',
    },
    [S47, EH2],
    { reasons: ['missing-repeated', 'sibling-in-strategy-discussion'], clocks: ['Return home interview'] },
  ],
  // Published CSE pathways cited by the ruleset (medium and high risk go to children's social care)
  // with the child's own score: the 14-year-old screened medium is a social care matter; her
  // 16-year-old brother's level is his own.
  [
    'school: 14-year-old screened medium on the CSE tool, older brother with behaviour concerns (API)',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: ['11A'], screening: { cseRisk: 'medium' } }, { factors: ['14A'] }],
      ages: [14, 16],
      description:
        'Seen being collected by older men in cars; CSE screening scored medium. Her brother is often excluded.',
    },
    [S47, EH2],
  ],
  // Hidden Harm, Children Act 1989 s17ZA and LoN level 3: an 8-year-old giving her mother intimate
  // care and missing school has an inappropriate caring role: a young carers' needs assessment
  // and several agencies with a lead professional.
  [
    'school: 8-year-old washing and dressing her mother, who has MS, and often late or absent (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['young-carer-substantial', 'school-attendance'],
      ages: [8],
      description: 'Helps her mum wash and dress every morning and gives her tablets; attendance 84%, often tired.',
    },
    [EH3],
  ],
  // LoN level 2: a mother's postnatal depression, treated and supported, with a thriving baby is an
  // additional need one agency (the health visitor) can meet.
  [
    'health visitor: mother with postnatal depression on treatment, 3-month-old thriving (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['parent-mental-health'],
      ages: [0],
      description:
        'Mum has postnatal depression, seeing her GP and taking medication; baby gaining weight, well cared for.',
    },
    [EH2],
  ],
  // WT ch. 3 (pre-birth) and SafeLives (high risk: MARAC): an unborn baby in a high-risk domestic
  // abuse household is at risk of significant harm: a strategy discussion.
  [
    'police DA, DASH high: a 19-year-old, 30 weeks pregnant, strangled by her partner (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'high' },
      ages: ['unborn'],
      description: 'Partner strangled her until she nearly passed out; she is 30 weeks pregnant; MARAC referral made.',
    },
    [S47],
  ],
];

const summary = (r: Recommendation) => r.children.map(({ level, route, priority }) => ({ level, route, priority }));

describe('notifications a front-door manager would decide from published guidance', () => {
  it.each(cases)('%s', (_name, scenario, expected, extra = {}) => {
    // Prepare
    const input = inputFor(scenario);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)).toEqual(expected);
    for (const reason of extra.reasons ?? []) expect(r.reasons.map((x) => x.id)).toContain(reason);
    for (const clock of extra.clocks ?? []) expect(r.clocks.map((c) => c.name)).toContain(clock);
  });
});
