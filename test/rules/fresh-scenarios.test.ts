import { createWorkingCalendar } from '../../shared/calendar';
import type { Contact } from '../../shared/contacts';
import { newAllegation } from '../../shared/lado/referral';
import { parseNotification, type NotificationInput } from '../../shared/notification';
import { recommend } from '../../shared/rules';
import type { Level, Priority, Recommendation, Route, TriageInput } from '../../shared/triage/types';
import { ladoSettings, matchKey } from '../lado/memory';
import { RECEIVED_AT, earlier, notificationFor, type Scenario } from './notifications';

/**
 * A second, independent set of realistic synthetic notifications: none repeats a scenario of
 * guidance-scenarios.test.ts. Each child's expected level, route and RAG was written from the
 * published guidance cited beside it BEFORE the engine was run on it; where the engine disagreed
 * and the guidance stood, the ruleset was changed (default rulesets 1.4.0 and 1.5.0), never the
 * expectation. Siblings with different needs waited for concerns about one child (a child's own
 * `concerns` in the notification), which now exist.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 2 early help; ch. 3 s17 assessment, a
 *   strategy discussion where there is reasonable cause to suspect significant harm, which
 *   considers the other children in the household; extra-familial harm; pre-birth assessment).
 * - KCSIE: Keeping Children Safe in Education 2024 (part 1 the DSL refers to children's social
 *   care; part 4 allegations against staff go to the LADO within one working day; part 5
 *   child-on-child sexual abuse).
 * - Bruising: NICE CG89 "Child maltreatment: when to suspect" (2009, updated 2017) and local
 *   safeguarding partnerships' protocols for bruising in babies who are not independently mobile
 *   (for example the Hampshire, Isle of Wight, Portsmouth and Southampton protocol, 2022): any
 *   bruise on a non-mobile baby is referred to children's social care for a strategy discussion
 *   whatever explanation is given, and siblings are considered in it.
 * - LoN: published Levels of Need documents (Wigan Thresholds of Need; Newcastle Multi-Agency
 *   Thresholds Guidance 2018): level 2 one agency, level 3 several agencies and a lead
 *   professional, level 4 social care.
 * - DA Act: Domestic Abuse Act 2021 (s1 abuse between people aged 16 or over who are personally
 *   connected; s3 a child who sees, hears or experiences its effects is a victim); SafeLives DASH
 *   (high risk: MARAC).
 * - Hidden Harm: ACMD, Hidden Harm (2003) and Children Act 1989 s17ZA (young carers' needs assessment).
 * - CME: DfE, Children missing education, statutory guidance for local authorities (2016).
 * - UKCIS: Sharing nudes and semi-nudes, advice for education settings (2020, updated 2024):
 *   refer to the police and children's social care at once where an adult is involved or there is
 *   coercion or blackmail.
 * - County lines: Home Office, Criminal exploitation of children and vulnerable adults: county
 *   lines (2023); DfE missing children guidance (2014): return home interview within 72 hours of the return.
 * - NICE NG225: Self-harm: assessment, management and preventing recurrence (2022).
 * - FM: HM Government, Multi-agency statutory guidance for dealing with forced marriage (2023):
 *   the "one chance" rule, never tell the family; honour-based abuse is child abuse.
 * - Prevent: Prevent duty guidance (2023); London Borough of Tower Hamlets v M [2015] EWHC 869
 *   (Fam) and Re X (Children) (No 3) [2015] EWHC 3651 (Fam): a child a parent plans to take to a
 *   conflict zone, or is radicalising, is at risk of significant harm.
 * - Attendance: DfE, Working together to improve school attendance (statutory from August 2024):
 *   severe absence (below 50%) needs the most intensive, multi-agency support.
 * - PF: Children Act 1989 s66 (a privately fostered child is under 16, or under 18 if disabled,
 *   cared for by someone not a close relative for 28 days or more) and the Children (Private
 *   Arrangements for Fostering) Regulations 2005 (a visit within 7 working days).
 * - Care leavers: Children (Leaving Care) Act 2000 and the Care Leavers (England) Regulations 2010:
 *   a relevant child has a personal adviser, who is told of any new concern.
 * - SOA: Sexual Offences Act 2003 s5–8 (a child under 13 cannot consent to sexual activity);
 *   local under-13 sexual activity protocols: always referred to children's social care.
 * - Info sharing: WT ch. 1 and HM Government, Information sharing advice for practitioners (2024):
 *   consent is not needed to share where a child is at risk of significant harm.
 */

type Expected = { level: Level; route: Route; priority: Priority };

/** What the shared scenario shape cannot say: consent, a rough age, an adult who works with children. */
interface Fresh extends Scenario {
  patch?: (n: NotificationInput) => NotificationInput;
}

const inputOf = (s: Fresh): TriageInput => {
  const notification = (s.patch ?? ((n) => n))(notificationFor(s));
  const parsed = parseNotification(notification);
  if (!parsed.ok) throw new Error(`Scenario notification is invalid: ${JSON.stringify(parsed.errors)}`);
  return {
    notification: parsed.notification,
    history: {
      earlierContacts: (s.earlierContacts ?? []).map((c, i) => earlier(c, 30 * (i + 1), i)),
      ...(s.openCases && { openCases: s.openCases }),
    },
    receivedAt: RECEIVED_AT,
  };
};

const S47: Expected = { level: 4, route: 'csc-strategy-discussion', priority: 'red' };
const S17 = (priority: Priority = 'amber'): Expected => ({ level: 4, route: 'csc-assessment', priority });
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };
const IAG: Expected = { level: 1, route: 'information-advice', priority: 'green' };

const personalAdviser = {
  childIndex: 0,
  kind: 'social-care' as const,
  holder: { name: 'Sam Adviser', email: 'sam.adviser@exampleshire.example' },
  team: 'Leaving care',
};

type Case = [
  name: string,
  scenario: Fresh,
  children: Expected[],
  extra?: { themes?: string[]; reasons?: string[]; notReasons?: string[]; clocks?: string[] },
];

// Concerns about one child only (a notification's own concerns are about every child): WT ch. 3,
// each child is assessed as an individual.
const siblingsWithDifferentNeeds: Case[] = [
  // LoN: a 15-year-old who self-harms needs level 3 (NICE NG225: a multi-agency response); her
  // 6-year-old brother, living with their mother's depression, has an additional need (level 2)
  // and does not self-harm. Mum's depression is about both children; the self-harm is hers alone.
  [
    'two siblings with different needs: a self-harming 15-year-old and her 6-year-old brother (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['parent-mental-health'],
      childConcerns: [{ indicators: ['self-harm'] }],
      ages: [15, 6],
      description:
        'The 15-year-old has cut her arms; mum has depression and stays in bed; her little brother is doing well in Year 2.',
    },
    [EH3, EH2],
  ],
  // WT ch. 3 (extra-familial harm: CSE is child sexual abuse, a strategy discussion) for the
  // 15-year-old; domestic abuse at home with a DASH standard risk is a household concern, an
  // additional need for each child (LoN, Wigan and Newcastle: level 2, single agency with
  // Operation Encompass to school), so it applies to both, and her exploitation does not raise
  // her 8-year-old brother, whose abuser is not at home.
  [
    'police: a 15-year-old sexually exploited by an adult outside the family; DA at home, DASH standard; her 8-year-old brother (API)',
    {
      agency: 'police',
      factors: ['3B'],
      childConcerns: [{ factors: ['11A'] }],
      screening: { dashRisk: 'standard' },
      ages: [15, 8],
      description:
        'Found in a car with a 32-year-old man who gave her vodka and a phone; at home police attended a verbal argument between the parents last month.',
    },
    [S47, EH2],
    { themes: ['cse', 'domestic-abuse'] },
  ],
];

// Bruising protocols: a bruise on a non-mobile baby is a strategy discussion however it is
// explained (here, a toddler's toy), and WT ch. 3: the strategy discussion considers the other
// children in the household, so the toddler is in it too (default ruleset 1.5.0).
const bruisedBaby: Case = [
  '4-month-old with a bruise to the ear, explained as a toddler’s toy; the toddler too (API)',
  {
    agency: 'gp',
    factors: ['18B'],
    ages: [0, 2],
    description:
      'Four-month-old brought in with a bruise behind the left ear; mother says the two-year-old hit him with a toy.',
  },
  [S47, S47],
  { reasons: ['baby-with-injury', 'sibling-of-injured-baby'] },
];

const cases: Case[] = [
  bruisedBaby,
  ...siblingsWithDifferentNeeds,
  // KCSIE part 5 and WT ch. 3: sexual abuse within the family by an older sibling; one strategy
  // discussion about both children, the child who harmed assessed as a child too.
  [
    'school disclosure: 9-year-old sexually abused by her 15-year-old brother (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['disclosure-of-abuse', 'harmful-sexual-behaviour-by-child'],
      ages: [9, 15],
      description:
        'Told her teacher her big brother makes her do sexual things when mum is at work and says she will get in trouble if she tells.',
    },
    [S47, S47],
  ],
  // WT ch. 3 (pre-birth assessment) and LoN (domestic abuse in pregnancy): the unborn baby needs
  // a pre-birth assessment; the toddler, with DASH medium, a multi-agency plan (level 3).
  [
    'police DA: pregnant victim, DASH medium, toddler present',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'medium' },
      ages: ['unborn', 2],
      description:
        'Partner pushed her into a door frame; she is 26 weeks pregnant; the two-year-old was in the room crying.',
    },
    [S17(), EH3],
    { themes: ['domestic-abuse'], reasons: ['unborn-baby-parental-risk'] },
  ],
  // Hidden Harm and LoN level 3: a parent's drug use affecting care and a substantial caring role
  // need several agencies and a lead professional, for the young carer and his little sister.
  [
    'mother’s heroin use, 11-year-old caring for his 4-year-old sister, late to school (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['parental-drug-misuse-impairs-care', 'young-carer-substantial', 'school-attendance'],
      ages: [11, 4],
      description:
        'He gets his sister up, fed and to nursery most days because mum is often asleep; late three times a week.',
    },
    [EH3, EH3],
  ],
  // CME: the local authority's children missing education officer traces a child who is on no
  // roll; with no sign of harm that is a multi-agency response (level 3), not social care.
  [
    'child missing education: not seen for four weeks, family not contactable (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['missing-education'],
      ages: [9],
      description:
        'Not in school for 20 days; phone disconnected; a neighbour thinks the family moved away; no safeguarding worries before.',
    },
    [EH3],
  ],
  // UKCIS and WT: an adult coercing a child for images and blackmailing him is sexual exploitation
  // online, child sexual abuse: a strategy discussion today.
  [
    '13-year-old boy blackmailed after sharing images online (API, CSE tool medium)',
    {
      agency: 'school',
      factors: ['11A'],
      screening: { cseRisk: 'medium' },
      ages: [13],
      description:
        'Sent pictures to someone he thought was a girl his age; now threatened with sharing them unless he pays £200 and sends more.',
    },
    [S47],
    { themes: ['cse'] },
  ],
  // County lines and WT (extra-familial harm): a 14-year-old found far from home dealing for others
  // is a strategy discussion; missing guidance: the return home interview 72 hours from his return.
  [
    'county lines: 14-year-old (age only roughly known) found by another force 100 miles away (API)',
    {
      agency: 'police',
      factors: ['24A', '10A'],
      screening: { missingEpisodes: 1, returnedOn: '2026-11-17', returnedTime: '21:30' },
      description:
        'Found by a coastal force in a flat with wraps of crack cocaine and two phones; reported missing by his mother three days ago; returned home last night.',
      patch: (n) => ({
        ...n,
        children: n.children.map(({ dateOfBirth: _d, ...c }) => ({ ...c, approximateAge: 14 })),
      }),
    },
    [S47],
    { themes: ['exploitation', 'missing'], clocks: ['Return home interview'] },
  ],
  // NICE NG225 and LoN level 3: self-harm in a 13-year-old whose parents are supportive needs
  // health (CAMHS) and school together, with a lead professional; not social care.
  [
    '13-year-old cutting her arms, parents supportive (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['self-harm'],
      ages: [13],
      description:
        'Showed a friend cuts on her forearms; says she does it when stressed about exams; parents know and have booked the GP.',
    },
    [EH3],
  ],
  // NICE NG225 and LoN level 4: an attempted suicide needs an urgent specialist response today;
  // no one has harmed her, so a child in need assessment, not a strategy discussion.
  [
    '13-year-old overdose last night, still says she wants to die (form)',
    {
      agency: 'emergency-department',
      factors: [],
      indicators: ['self-harm-serious', 'child-mental-health-severe'],
      ages: [13],
      description:
        'Took 20 paracetamol last night; medically fit for discharge today; says she still wants to die and will try again.',
    },
    [S17('red')],
  ],
  // FM: forced marriage is child abuse; the family must not be told (consent not sought), and
  // the "one chance" rule means a strategy discussion today.
  [
    '16-year-old fears being taken abroad to marry a cousin; consent not sought (form)',
    {
      agency: 'school-nurse',
      factors: [],
      indicators: ['forced-marriage-or-honour-based-abuse'],
      ages: [16],
      description:
        'Told the school nurse her parents have bought tickets for the summer and she is to marry her cousin there; she is terrified.',
      patch: (n) => ({
        ...n,
        consent: {
          status: 'not-sought',
          reason: 'Telling the family would put her at greater risk (one chance rule).',
        },
      }),
    },
    [S47],
  ],
  // FM and WT: a girl beaten by her adult brother to punish "dishonour" is physical abuse by an adult.
  [
    '15-year-old beaten by her adult brother for having a boyfriend (API)',
    {
      agency: 'police',
      factors: ['18C'],
      indicators: ['forced-marriage-or-honour-based-abuse'],
      ages: [15],
      description:
        'Bruised face; says her 22-year-old brother hit her because the family found out about her boyfriend and she has shamed them.',
    },
    [S47],
  ],
  // Prevent and Tower Hamlets v M: a father showing his child extremist propaganda and planning to
  // take him to a conflict zone puts the child at risk of significant harm: a strategy discussion,
  // not the Channel panel alone.
  [
    'radicalisation by a parent planning travel to a conflict zone (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation'],
      ages: [11],
      description:
        'Says his dad shows him videos of fighters and that they are flying to Turkey in three weeks to join them over the border.',
      patch: (n) => ({
        ...n,
        concerns: { ...n.concerns!, indicators: ['radicalisation', 'radicalised-by-family-or-taken-to-conflict-zone'] },
      }),
    },
    [S47],
  ],
  [
    'radicalisation by a parent, as a referrer who also ticks "someone who may be a danger" (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation', 'person-posing-risk'],
      ages: [11],
      description: 'Says his dad shows him videos of fighters and that they will go to join them over the border soon.',
    },
    [S47],
  ],
  // Attendance and LoN level 3: severe absence with a family that has declined the school's
  // support needs multi-agency early help with a lead professional.
  [
    'severe absence (46%), family declined the school’s support twice (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['school-attendance', 'early-help-not-engaged'],
      ages: [12],
      description:
        'Attendance 46% this term; two attendance meetings missed; parents say she is anxious and refuse the offer of support.',
    },
    [EH3],
  ],
  // PF: a 14-year-old from abroad with a host family for over 28 days is privately fostered; the
  // local authority must visit within 7 working days and assess.
  [
    'private fostering: 14-year-old from abroad with a host family for two months (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['private-fostering'],
      ages: [14],
      description:
        'Came from abroad to study; lives with a host family arranged by an agent; parents overseas; no one told the council.',
    },
    [S17()],
  ],
  // PF (s66): a non-disabled 16-year-old cannot be privately fostered; staying with a friend’s
  // family with her mother’s agreement, and no other worry, is information and advice.
  [
    'not private fostering: 16-year-old staying with a friend’s family (API sends 8B)',
    {
      agency: 'school',
      factors: ['8B'],
      ages: [16],
      description:
        'Staying with a friend’s family for the last six weeks while her mother works away; mother agreed; doing well at school.',
    },
    [IAG],
    { notReasons: ['private-fostering'] },
  ],
  [
    'not private fostering: the same 16-year-old, chosen as private fostering on the form',
    {
      agency: 'school',
      factors: [],
      indicators: ['private-fostering'],
      ages: [16],
      description:
        'Staying with a friend’s family for the last six weeks while her mother works away; mother agreed; doing well at school.',
    },
    [IAG],
    { notReasons: ['private-fostering'] },
  ],
  // PF (s66(4)): a disabled young person is privately fostered up to 18.
  [
    'private fostering: disabled 17-year-old with a family friend (API)',
    {
      agency: 'school',
      factors: ['8B'],
      ages: [17],
      disability: 'Cerebral palsy; uses a wheelchair',
      description:
        'Has lived with a family friend for three months since his father moved abroad; the friend is not a relative.',
    },
    [S17()],
  ],
  // KCSIE part 4 and WT: a teacher alleged to have sexually touched a pupil goes to the LADO; the
  // child, sexually abused by an adult, needs a strategy discussion too (the LADO takes part).
  [
    'PE teacher touched a 13-year-old in the changing room; the child needs a contact too (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['sexual-abuse-by-adult'],
      ages: [13],
      description: 'Told her head of year the PE teacher touched her breasts in the changing room after netball.',
      patch: (n) => ({ ...n, adultConcern: teacher(true) }),
    },
    [S47],
  ],
  // Info sharing and WT: the mother refused consent, but consent is not needed where there is
  // reasonable cause to suspect significant harm: refusal does not lower the route.
  [
    '6-year-old with circular burns, mother refused consent (API)',
    {
      agency: 'gp',
      factors: ['18C'],
      ages: [6],
      description:
        'Three small circular burns on the forearm consistent with cigarette burns; mother says he fell against the heater and refused a referral.',
      patch: (n) => ({
        ...n,
        consent: { status: 'refused', reason: 'Mother said she does not want social services involved.' },
      }),
    },
    [S47],
  ],
  // LoN, each child on their own (WT ch. 3): neglect in one home; the baby (young-child neglect) and
  // the disabled 7-year-old (disabled children more vulnerable) need level 3; the 14-year-old’s
  // own needs are additional (level 2).
  [
    'three siblings in a neglectful home: a baby, a disabled 7-year-old and a 14-year-old (API)',
    {
      agency: 'health-visitor',
      factors: ['16A'],
      ages: [0, 7, 14],
      description:
        'Home dirty, little food; baby’s immunisations missed; the 7-year-old’s wheelchair broken for months; the 14-year-old says he is fine.',
      patch: (n) => ({
        ...n,
        children: n.children.map((c, i) => (i === 1 ? { ...c, disability: 'Cerebral palsy' } : c)),
      }),
    },
    [EH3, EH3, EH2],
    { reasons: ['young-child-neglect', 'disabled-child-abuse-or-neglect'] },
  ],
  // Care leavers and WT: an open case never lowers protection; cuckooing of a 17-year-old care
  // leaver’s flat is criminal exploitation, a strategy discussion with her personal adviser.
  [
    '17-year-old care leaver, older men dealing from her flat (form)',
    {
      agency: 'housing',
      factors: [],
      indicators: ['criminal-exploitation'],
      ages: [17],
      openCases: [personalAdviser],
      description:
        'Men in their twenties are staying at her supported flat and selling drugs from it; she says she cannot make them leave.',
    },
    [S47],
    { reasons: ['open-case'] },
  ],
  // Care leavers: a lower-level worry about a relevant child goes to her personal adviser.
  [
    '17-year-old care leaver, rent arrears and low mood (form)',
    {
      agency: 'housing',
      factors: [],
      indicators: ['financial-hardship', 'child-mental-health'],
      ages: [17],
      openCases: [personalAdviser],
      description: 'Two months behind with rent after losing her job; says she feels low and stays in bed.',
    },
    [{ level: 2, route: 'existing-open-case', priority: 'green' }],
    { reasons: ['open-case'] },
  ],
  // SOA and under-13 protocols: a 12-year-old who is sexually active cannot consent; always a strategy discussion.
  [
    '12-year-old asking a sexual health clinic for emergency contraception (API)',
    {
      agency: 'hospital-or-other-health',
      factors: ['19B'],
      ages: [12],
      description: 'Asked for emergency contraception; says her boyfriend is 14 and they have had sex twice.',
    },
    [S47],
  ],
  // WT ch. 3: a child in immediate danger needs protective action now (police) and a strategy discussion.
  [
    'anonymous: screaming and smashing glass next door now, toddler inside',
    {
      agency: 'anonymous',
      factors: [],
      indicators: ['parental-domestic-abuse'],
      ages: [2],
      immediateDanger: true,
      description:
        'A man is shouting and smashing things next door and the woman is screaming; the toddler is in there.',
    },
    [S47],
  ],
  // NICE CG89 (faltering growth, missed appointments) and WT: severe neglect of a baby is
  // reasonable cause to suspect significant harm.
  [
    '7-month-old with faltering growth and missed paediatric appointments (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['neglect-severe', 'development-delay-unaddressed'],
      ages: [0],
      description:
        'Weight dropped from the 50th to below the 2nd centile; three paediatric appointments missed; bottles made up too weak.',
    },
    [S47],
  ],
  // DA Act s1 (16 and over) and SafeLives: a 16-year-old at high risk from her 19-year-old
  // boyfriend goes to MARAC and is at risk of significant harm.
  [
    '16-year-old assaulted by her 19-year-old boyfriend, DASH high (API)',
    {
      agency: 'police',
      factors: ['3A'],
      screening: { dashRisk: 'high' },
      ages: [16],
      description: 'Strangled until she nearly passed out; he has threatened to kill her if she leaves him.',
    },
    [S47],
    { themes: ['domestic-abuse'] },
  ],
  // s17ZA and LoN level 2: a young carer of a parent with MS, managing well, needs a young carers’
  // needs assessment and support from one service.
  [
    '10-year-old young carer of a mother with MS, doing well at school (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['young-carer', 'parent-physical-disability-or-illness'],
      ages: [10],
      description: 'Helps his mum dress and makes tea most days; attendance good; sometimes tired; mum asked for help.',
    },
    [EH2],
  ],
];

function teacher(childNeedsContact: boolean): NonNullable<NotificationInput['adultConcern']> {
  return {
    name: 'Drew Exampleperson',
    role: 'PE teacher',
    employer: 'Example Academy',
    sector: 'education',
    stillWorkingWithChildren: 'yes',
    employerContact: { name: 'Head Teacher', email: 'head@example-academy.sch.example' },
    childNeedsContact,
  };
}

const summary = (r: Recommendation) => r.children.map(({ level, route, priority }) => ({ level, route, priority }));

describe('fresh realistic notifications, as published guidance would decide them', () => {
  it.each(cases)('%s', (_name, scenario, expected, extra = {}) => {
    // Prepare
    const input = inputOf(scenario);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)).toEqual(expected);
    for (const theme of extra.themes ?? []) expect(r.themes).toContain(theme);
    for (const clock of extra.clocks ?? []) expect(r.clocks.map((c) => c.name)).toContain(clock);
    for (const reason of extra.reasons ?? []) expect(r.reasons.map((x) => x.id)).toContain(reason);
    for (const reason of extra.notReasons ?? []) expect(r.reasons.map((x) => x.id)).not.toContain(reason);
  });

  it("a household concern applies to every child; one child's own concern to that child alone", () => {
    // Prepare: the exploited 15-year-old and her brother, domestic abuse at home.
    const input = inputOf(siblingsWithDifferentNeeds[1]![1]);
    // Act
    const [sister, brother] = recommend(input).children.map((c) => c.reasons.map((r) => r.id));
    // Assess
    expect(sister).toEqual(expect.arrayContaining(['cse-reported', 'parental-domestic-abuse']));
    expect(brother).toContain('parental-domestic-abuse');
    expect(brother).not.toContain('cse-reported');
  });

  it('the non-mobile baby with a bruise is a strategy discussion, red, whatever the explanation', () => {
    // Prepare
    const input = inputOf(bruisedBaby[1]);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)[0]).toEqual(S47);
    expect(r.reasons.map((x) => x.id)).toContain('baby-with-injury');
  });

  it('a red child is due within 4 hours; a child in need assessment starts a 45 working day clock', () => {
    // Prepare
    const baby = inputOf(bruisedBaby[1]);
    const fostered = inputOf(cases.find(([n]) => n.startsWith('private fostering: 14'))![1]);
    // Act
    const red = recommend(baby);
    const s17 = recommend(fostered);
    // Assess
    expect(Date.parse(red.dueAt) - RECEIVED_AT.getTime()).toBeLessThanOrEqual(4 * 3_600_000);
    expect(s17.clocks.map((c) => c.name)).toContain('Child in need assessment completed (s17)');
  });

  it('county lines: the return home interview is due 72 hours after the return, not after receipt', () => {
    // Prepare
    const input = inputOf(cases.find(([n]) => n.startsWith('county lines'))![1]);
    // Act
    const rhi = recommend(input).clocks.find((c) => c.name === 'Return home interview')!;
    // Assess: returned 21:30 on Tuesday 17 November 2026 (GMT)
    expect(rhi.dueAt).toBe('2026-11-20T21:30:00.000Z');
  });

  it('an allegation about a teacher goes to the LADO: considered within one working day, met within five', () => {
    // Prepare (KCSIE part 4: the LADO considers the allegation within one working day; a
    // meeting within 5 working days, or 72 hours where there is immediate risk)
    const [, scenario] = cases.find(([n]) => n.startsWith('PE teacher'))!;
    const { notification } = inputOf(scenario);
    const contact: Contact = {
      contactId: 'fresh-lado-1',
      reference: 'CFC-FRESH-LADO',
      status: 'triaging',
      channel: 'api',
      receivedAt: RECEIVED_AT.toISOString(),
      updatedAt: RECEIVED_AT.toISOString(),
      notification,
    };
    // Act
    const allegation = newAllegation(contact, {
      settings: ladoSettings,
      calendar: createWorkingCalendar(),
      matchKey,
    });
    // Assess: received 10:00 on Wednesday 18 November 2026
    expect(allegation.status).toBe('awaiting-consideration');
    expect(allegation.childContact).toEqual({ contactId: 'fresh-lado-1', reference: 'CFC-FRESH-LADO' });
    expect(allegation.considerationDueAt).toBe('2026-11-19T10:00:00.000Z');
    expect(allegation.meetingDueAt).toBe('2026-11-25T10:00:00.000Z');
  });
});
