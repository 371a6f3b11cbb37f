import { recommend } from '../../shared/rules';
import type { Level, Priority, Recommendation, Route } from '../../shared/triage/types';
import { FOSTER_CARER, inputFor, type Scenario } from './notifications';

/**
 * A fourth set of realistic synthetic notifications, on ground the guidance-, fresh-, probe- and
 * manager-scenarios do not cover, as a reviewer would probe: each child's level, route and
 * timescale (priority, and any statutory clock) written from the published guidance cited beside
 * it BEFORE the engine ran. The engine agreed on fifteen; where it disagreed (five) the guidance
 * stood and the ruleset or the engine changed (default ruleset 1.11.0, the condition adultSector),
 * never the expectation: see each "Engine before" note.
 *
 * Timescales, as the default ruleset words them: red (a strategy discussion or action today)
 * within 4 hours; amber (level 3 or 4) within 4 office hours; green within one working day.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 2 early help, and stepping up when a
 *   child's situation is not improving; ch. 3 assessment of a child in need under s17, a strategy
 *   discussion where there is reasonable cause to suspect significant harm, which considers the
 *   other children in the household; ch. 4 the LADO).
 * - KCSIE: Keeping Children Safe in Education 2024 (part 1 the DSL refers; part 4 allegations
 *   against staff and foster carers go to the LADO; part 5 child-on-child abuse).
 * - CIN census: DfE, Children in need census guide (assessment factor codes: 8E privately
 *   fostered UK child with family difficulties, 9A unaccompanied asylum-seeking child, 12A
 *   trafficking, 19C sexual abuse by an adult, 23A abuse linked to faith or belief).
 * - LoN: published Levels of Need documents (Wigan Safeguarding Children Board, Thresholds of Need;
 *   Newcastle Safeguarding Children Board, Multi-Agency Thresholds Guidance 2018): level 2 one
 *   agency, level 3 several agencies and a lead professional, level 4 children's social care.
 * - Fostering NMS: DfE, Fostering Services National Minimum Standards (2011), standard 22 (an
 *   allegation against a foster carer is managed under child protection procedures with the
 *   LADO); West Midlands procedures, Allegations against foster carers (Coventry): consider the
 *   other children the carers look after, including their own.
 * - PF: Children Act 1989 s66 and s105 (a great-aunt is not a close relative) and the Children
 *   (Private Arrangements for Fostering) Regulations 2005, regulations 4 and 7 (an officer visits
 *   the child, the carer and the household within seven working days of being told).
 * - Pre-birth: London Safeguarding Children Procedures, CP2(A) Pre-birth referral and assessment
 *   (refer to children's social care where prospective parents may need support to care for the
 *   baby, or it may be likely to suffer significant harm); Hull Safeguarding Children Partnership,
 *   Pre-birth assessment (must be considered where there are acute concerns about parenting
 *   capacity, particularly mental health, learning difficulties or domestic abuse, or a person who
 *   poses a risk joins the family); NICE CG192 Antenatal and postnatal mental health.
 * - Substances: Public Health England, Safeguarding and promoting the welfare of children affected
 *   by parental alcohol and drug use (2018); ACMD, Hidden Harm (2003): babies are the most
 *   vulnerable, and alcohol harms them as drugs do.
 * - UKCIS: Sharing nudes and semi-nudes, advice for education settings (2024): refer to the police
 *   and children's social care at once where an adult is involved, there is coercion or
 *   blackmail, the acts are extreme, a child under 13 is in sexual imagery or a child is at
 *   immediate risk; otherwise the DSL may manage it in school with the parents.
 * - SOA: Sexual Offences Act 2003 s15A (sexual communication with a child is an offence).
 * - FM: Marriage and Civil Partnership (Minimum Age) Act 2022 (from 27 February 2023 causing a child
 *   to marry, in any ceremony, is an offence without coercion) and HM Government, Multi-agency
 *   statutory guidance for dealing with forced marriage (2023): consider siblings.
 * - Trafficking: Modern Slavery Act 2015 and Home Office, Modern slavery statutory guidance (NRM:
 *   a child needs no consent to be referred); DfE, Care of unaccompanied migrant children and child
 *   victims of modern slavery (2017).
 * - DA Act: Domestic Abuse Act 2021 s3 (a child who sees, hears or experiences the effects of
 *   domestic abuse is a victim); SafeLives DASH (medium: a multi-agency plan).
 * - Young carers: Children and Families Act 2014 s96 (Children Act 1989 s17ZA: the local
 *   authority must assess a young carer's needs on request) and the Young Carers (Needs
 *   Assessments) Regulations 2015.
 * - Disabled: Children Act 1989 s17(10)(c) (a disabled child is a child in need) and s17ZD (a
 *   parent carer's needs assessment), Chronically Sick and Disabled Persons Act 1970 s2, the
 *   Breaks for Carers of Disabled Children Regulations 2011; published disabled children's
 *   thresholds (Reading: a high level of need with a high risk of family breakdown, or parents
 *   needing respite to relieve stress, goes to children's services; Bradford CCHDT, Merton and
 *   Bedford Borough Children with Disabilities Team criteria: an assessment by the team).
 * - CME: DfE, Children missing education (2016); KCSIE 2024 (a child absent from education can be
 *   a sign of forced marriage or FGM).
 * - Neglect: Ofsted, In the child's time: professional responses to neglect (2014): repeated
 *   contacts closed without assessment let neglect drift.
 * - Faith: National action plan to tackle child abuse linked to faith or belief (2012).
 * - Prevent: Prevent duty guidance (2023) and Channel duty guidance (2023): mixed, unclear or
 *   unstable ideologies are referred as any other.
 * - Southwark: R (G) v London Borough of Southwark [2009] UKHL 26 and MHCLG/DfE joint guidance on
 *   16 and 17 year olds who may be homeless (2018).
 * - FGM: HM Government, Multi-agency statutory guidance on female genital mutilation (2020): a girl
 *   at risk, born or unborn, is referred to children's social care; the mandatory reporting duty
 *   (FGM Act 2003 s5B) is for known cases in girls under 18, so not for the adult mother.
 * - Bruising: NICE CG89 Child maltreatment: when to suspect (bruising in a child who is not
 *   independently mobile, whatever the age); RCPCH Child Protection Evaluation; local protocols for
 *   bruising in children not independently mobile (Pan Cheshire and Merseyside 2021).
 */

type Expected = { level: Level; route: Route; priority: Priority };
const S47: Expected = { level: 4, route: 'csc-strategy-discussion', priority: 'red' };
const S17: Expected = { level: 4, route: 'csc-assessment', priority: 'amber' };
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };

const allocated = (childIndex: number, kind: 'social-care' | 'early-help' = 'social-care') => ({
  childIndex,
  kind,
  holder: { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' },
});

type Case = [name: string, scenario: Scenario, children: Expected[], extra?: { reasons?: string[]; clocks?: string[] }];

const cases: Case[] = [
  // Fostering NMS, WT ch. 3 and ch. 4: a foster carer who slaps a foster child goes to the LADO and
  // the child needs a strategy discussion; the other foster child lives with the same carer, so is
  // considered in it too, unlike a teacher's pupil's brother. Both are looked after (open cases),
  // which never lowers protection. Engine before: the 11-year-old went to the allocated worker,
  // since a LADO matter never brought brothers and sisters in.
  [
    'school: 8-year-old foster child slapped by her foster carer; an 11-year-old in the same placement (form)',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: [], indicators: ['physical-abuse-by-adult'] }],
      ages: [8, 11],
      openCases: [allocated(0), allocated(1)],
      adultConcern: FOSTER_CARER,
      description:
        'Red mark on her cheek; says her foster carer slapped her for not going to bed. Another boy, 11, lives there.',
    },
    [S47, S47],
    { reasons: ['physical-abuse-by-adult', 'sibling-of-child-harmed-at-home', 'open-case'] },
  ],
  // PF: living with a great-aunt (not a close relative in s105) for two months is private
  // fostering; the council assesses it and visits within seven working days. Engine before: no
  // private fostering visit clock.
  [
    'school: 12-year-old living with her great-aunt for two months since her mother moved abroad (API, 8E)',
    {
      agency: 'school',
      factors: ['8E'],
      ages: [12],
      description: 'Mum moved to Spain for work in September; she lives with her great-aunt; nobody told the council.',
    },
    [S17],
    { reasons: ['private-fostering'], clocks: ['Private fostering visit'] },
  ],
  // Pre-birth (London CP2(A), Hull, NICE CG192): a mother whose mental illness will stop her caring
  // for the baby (bipolar disorder, psychosis after her first birth, medication stopped) needs a
  // pre-birth assessment by children's social care, as for drugs, drink or domestic abuse. Engine
  // before: level 3, early help.
  [
    'midwife: 30 weeks pregnant, bipolar disorder, psychosis after her first baby, stopped medication (form)',
    {
      agency: 'hospital-or-other-health',
      factors: [],
      indicators: ['parent-mental-health-affects-care'],
      ages: ['unborn'],
      description:
        'Postpartum psychosis after her first child, who lives with his father; stopped lithium; no support.',
    },
    [S17],
    { reasons: ['unborn-baby-parental-risk'] },
  ],
  // Substances: a 3-month-old whose mother's drinking stops her caring for him is a child in need
  // assessment, as a baby whose parent misuses drugs is. Engine before: level 3, early help.
  [
    'health visitor: 3-month-old, mother found drunk and asleep with him unfed for hours (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['parental-alcohol-misuse-impairs-care'],
      ages: [0],
      description: 'Mum drinking daily since the birth; found asleep at noon, baby soaked and unfed since the night.',
    },
    [S17],
  ],
  // UKCIS: two 14-year-olds in a relationship who swapped images, no adult, no coercion, not
  // shared on: the school manages it with the parents (one agency), not social care.
  [
    'school: two 14-year-olds in a relationship swapped nude images, no pressure, not shared on (API)',
    {
      agency: 'school',
      factors: ['20'],
      ages: [14],
      description: 'Both say it was mutual; images deleted in front of the DSL; parents told; no other worries.',
    },
    [EH2],
  ],
  // SOA s15A and WT ch. 3: a 24-year-old asking a 14-year-old for sexual images is sexual abuse by
  // an adult, a strategy discussion, even though the referrer's CSE tool scored low.
  [
    'police: 14-year-old sent sexual messages and images by a 24-year-old, CSE tool scored low (API)',
    {
      agency: 'police',
      factors: ['11A', '19C'],
      screening: { cseRisk: 'low' },
      ages: [14],
      description: 'Her mother found messages from a 24-year-old asking for pictures; he has sent explicit images.',
    },
    [S47],
    { reasons: ['sexual-abuse-by-adult'] },
  ],
  // FM: a religious ceremony planned for a 17-year-old who says she is happy is still an offence,
  // so a strategy discussion; her 14-year-old sister is considered in it.
  [
    'school: 17-year-old to have a religious marriage next month, says she agrees; her 14-year-old sister (form)',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: [], indicators: ['forced-marriage-or-honour-based-abuse'] }],
      ages: [17, 14],
      description:
        'Told her tutor her nikah to a 23-year-old is next month; says she wants it; her sister is in Year 9.',
    },
    [S47, S47],
    { reasons: ['forced-marriage-or-honour-based-abuse', 'sibling-of-child-harmed-at-home'] },
  ],
  // Trafficking: a boy found working in a cannabis farm is a trafficked child (NRM, no consent
  // needed), a strategy discussion today, and accommodated as an unaccompanied child.
  [
    'police: 15-year-old found locked in a house used as a cannabis farm, no family in the UK (API)',
    {
      agency: 'police',
      factors: ['12A', '9A'],
      ages: [15],
      description: 'Found in a locked house tending plants; speaks little English; says he owes money for his journey.',
    },
    [S47],
    { reasons: ['trafficking', 'unaccompanied-asylum-seeking-child'] },
  ],
  // DA Act s3 and LoN: post-separation abuse through child contact, DASH medium, makes both
  // children victims who need a multi-agency plan (level 3).
  [
    'police DA, DASH medium: father stalking the mother at handovers of the 4- and 9-year-old (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'medium' },
      ages: [4, 9],
      description: 'Separated father follows the mother after contact handovers and questions the children about her.',
    },
    [EH3, EH3],
  ],
  // Young carers: a 15-year-old asking for a young carer's needs assessment, caring for a mother
  // who drinks, coping at school: the assessment and support from one service (level 2).
  [
    'self-referral: 15-year-old asks for a young carer’s assessment, caring for his mother who drinks (form)',
    {
      agency: 'self',
      factors: [],
      indicators: ['young-carer', 'parental-alcohol-misuse'],
      ages: [15],
      description: 'I do the shopping and cooking because mum drinks. I am fine at school but would like some help.',
    },
    [EH2],
  ],
  // Disabled: a 7-year-old with severe autism whose care needs are not met, parents not sleeping,
  // mother depressed, asking for short breaks, is a disabled child in need: an assessment by the
  // disabled children's team (s17, with the parent carer's assessment). Engine before: level 3.
  [
    'GP: 7-year-old with severe autism and a learning disability, parents at breaking point (form)',
    {
      agency: 'gp',
      factors: [],
      indicators: ['child-learning-disability', 'child-care-needs-unmet', 'parent-mental-health'],
      ages: [7],
      disability: 'Severe autism and a learning disability; no speech; no sense of danger',
      description: 'Sleeps two hours a night, has run into the road twice; mum depressed; they are asking for respite.',
    },
    [S17],
  ],
  // CME and FM: a 14-year-old who has not come back from a family trip, whose sister was married
  // abroad at 16, is at risk of forced marriage: a strategy discussion.
  [
    'school: 14-year-old not back from a trip abroad after 8 weeks; her sister was married there at 16 (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['missing-education', 'forced-marriage-or-honour-based-abuse'],
      ages: [14],
      description: 'Went abroad in September for "a family wedding"; phones off; her older sister married there at 16.',
    },
    [S47],
  ],
  // Neglect (Ofsted 2014) and WT ch. 2: the third contact in a year about persistent neglect, the
  // family having dropped out of early help, steps up to a child in need assessment.
  [
    'school: persistent neglect of a 10-year-old, family stopped early help, third contact this year (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['neglect-persistent', 'early-help-not-engaged'],
      ages: [10],
      earlierContacts: [{ level: 2 }, { level: 3 }],
      description: 'Hungry and unwashed again; the family stopped seeing the family support worker in October.',
    },
    [S17],
    { reasons: ['third-contact-in-twelve-months'], clocks: ['Child in need assessment completed (s17)'] },
  ],
  // LoN and Hidden Harm: a father's cannabis use with the children well cared for is an additional
  // need for one agency, not more.
  [
    'school: father smokes cannabis daily, the 10- and 12-year-old well cared for (API)',
    {
      agency: 'school',
      factors: ['2B'],
      ages: [10, 12],
      description: 'The children smell of cannabis; they say dad smokes in the garden; attendance and care good.',
    },
    [EH2, EH2],
  ],
  // Faith and WT ch. 3: an 8-year-old called a witch and taken for "deliverance" is at risk of
  // significant harm; his 5-year-old sister lives with the same adults.
  [
    'school: 8-year-old told by his mother’s pastor he is a witch, taken for deliverance; his 5-year-old sister (API)',
    {
      agency: 'school',
      factors: [],
      childConcerns: [{ factors: ['23A'] }],
      ages: [8, 5],
      description: 'Says he was kept awake all night being prayed over and not fed because he has a bad spirit.',
    },
    [S47, S47],
    { reasons: ['abuse-linked-to-faith-or-belief', 'sibling-of-child-harmed-at-home'] },
  ],
  // Prevent and Channel: a 12-year-old with autism fixated on school shootings, no single ideology,
  // family supportive: a Prevent referral and a multi-agency plan (level 3).
  [
    'school: 12-year-old with autism fixated on school shootings, no ideology, parents supportive (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation', 'child-mental-health'],
      ages: [12],
      description:
        'Searches for mass shootings, draws them, says he admires the shooters; parents worried and helpful.',
    },
    [EH3],
  ],
  // Southwark: a homeless 17-year-old sent on by housing is a child in need assessment by
  // children's social care, stepping up from his open early help.
  [
    'housing: 17-year-old asked to leave home, open early help, wants only a flat (form)',
    {
      agency: 'housing',
      factors: [],
      indicators: ['young-person-homeless'],
      ages: [17],
      openCases: [allocated(0, 'early-help')],
      description:
        'Came to housing options after his stepfather told him to go; staying with friends; has a family worker.',
    },
    [S17],
    { reasons: ['young-person-homeless', 'open-early-help'] },
  ],
  // FGM: a girl not yet born whose father's family say she will be cut is at risk of significant
  // harm: a pre-birth strategy discussion (the adult mother's own FGM is not for the mandatory report).
  [
    'midwife: mother with FGM expecting a girl; the father’s family say the baby will be cut (form)',
    {
      agency: 'hospital-or-other-health',
      factors: [],
      indicators: ['female-genital-mutilation'],
      ages: ['unborn'],
      description: 'Type 3 FGM found at booking; she says his mother insists the baby girl will be cut as she was.',
    },
    [S47],
  ],
  // Bruising: a 13-month-old born at 26 weeks who cannot yet crawl is not independently mobile; a
  // bruise is a strategy discussion whatever the explanation, and the 3-year-old brother is
  // considered in it.
  [
    'health visitor: bruised cheek on a 13-month-old born at 26 weeks, not crawling, "his brother did it" (API)',
    {
      agency: 'health-visitor',
      factors: [],
      childConcerns: [{ factors: ['18B'], indicators: ['child-not-independently-mobile'] }],
      ages: [1, 3],
      description: 'Bruise on the left cheek; mum says his 3-year-old brother hit him with a toy car; he cannot crawl.',
    },
    [S47, S47],
    { reasons: ['non-mobile-child-with-injury', 'sibling-of-injured-baby'] },
  ],
  // Pre-birth and WT ch. 3: a man convicted of sexually assaulting a child is the father of an
  // unborn baby and moving in: a pre-birth strategy discussion.
  [
    'probation: a man convicted of a child sexual offence is moving in with his pregnant partner (API)',
    {
      agency: 'probation',
      factors: [],
      indicators: ['person-posing-risk'],
      ages: ['unborn'],
      description:
        'On the sex offender register for assaulting a 12-year-old; partner 20 weeks pregnant; moving in next week.',
    },
    [S47],
  ],
];

const fosterCarerCase = cases[0]![1];
const privateFosteringCase = cases[1]![1];

const summary = (r: Recommendation) => r.children.map(({ level, route, priority }) => ({ level, route, priority }));

describe('notifications reviewers have not seen, decided from published guidance', () => {
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

  it('a teacher who slaps a pupil brings in no brother or sister: they do not live with the teacher (the LADO’s)', () => {
    // Prepare: the same slap, by a teacher, with the pupil's 11-year-old brother and no open cases.
    const input = inputFor({
      ...fosterCarerCase,
      openCases: undefined,
      adultConcern: { ...fosterCarerCase.adultConcern!, role: 'Class teacher', sector: 'education' },
    });
    // Act
    const [pupil, brother] = recommend(input).children;
    // Assess: her strategy discussion considers him (the note); his own level stands.
    expect(pupil!.route).toBe('csc-strategy-discussion');
    expect(brother!.route).toBe('information-advice');
    expect(brother!.reasons.map((r) => r.id)).toEqual(['sibling-in-strategy-discussion']);
  });

  it('the private fostering visit falls due seven working days after the notification', () => {
    // Prepare: received 10:00 on Wednesday 18 November 2026.
    const input = inputFor(privateFosteringCase);
    // Act
    const visit = recommend(input).clocks.find((c) => c.name === 'Private fostering visit')!;
    // Assess: Thursday 19 to Friday 27 November is seven working days.
    expect(visit.dueAt).toBe('2026-11-27T10:00:00.000Z');
  });
});
