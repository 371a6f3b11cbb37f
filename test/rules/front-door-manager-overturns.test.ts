import { recommend } from '../../shared/rules';
import type { Level, Priority, Recommendation, Route } from '../../shared/triage/types';
import { inputFor, type Scenario } from './notifications';

/**
 * A fifth set of synthetic notifications, written as the front-door manager who would overturn the
 * engine: ground the guidance-, fresh-, probe-, manager- and unseen-scenarios do not cover, each
 * child's level, route and priority written from the published guidance cited beside it BEFORE the
 * engine ran. Where the engine disagreed, the guidance stood and the ruleset changed (default
 * ruleset 1.12.0), never the expectation: see each "Engine before" note.
 *
 * Timescales, as the default ruleset words them: red (a strategy discussion or action today)
 * within 4 hours; amber (level 3 or 4) within 4 office hours; green within one working day.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 2 early help; ch. 3 "Assessment of
 *   children in need" under s17 and "Strategy discussion", which considers the needs of other
 *   children who may be affected, for example siblings and other children living in the same
 *   household; ch. 4 "Managing allegations against people who work with children" and the LADO).
 * - KCSIE: Keeping Children Safe in Education 2024, part 1 (the DSL refers; Operation Encompass),
 *   part 4 (allegations that may meet the harm threshold go to the LADO, including volunteers).
 * - CHR: the Children's Homes (England) Regulations 2015, regulation 12 (the protection of
 *   children standard) and regulation 34 (policies for the protection of children, including
 *   allegations), and the Guide to the Children's Homes Regulations including the quality
 *   standards (DfE 2015), chapter 9: staff care for every child living in the home.
 * - Neglect: Ofsted, In the child's time: professional responses to neglect (2014): repeated
 *   contacts closed or stepped down without assessment let neglect drift; the cumulative impact
 *   on the child is missed; WT ch. 3 (assessment under s17 where a child's health or development
 *   is likely to be impaired without services, Children Act 1989 s17(10)(b)).
 * - Bruising: NICE CG89 Child maltreatment: when to suspect, section 1.2 (bruising in any child
 *   not independently mobile); Pan Cheshire and Merseyside, Bruising in children who are not
 *   independently mobile (2021): any bruise is a strategy discussion, whatever the explanation.
 * - Southwark: R (G) v London Borough of Southwark [2009] UKHL 26; MHCLG and DfE, Prevention of
 *   homelessness and provision of accommodation for 16 and 17 year old young people who may be
 *   homeless and/or require accommodation (2018), chapter 3: children's services accommodate
 *   under s20 at once where the young person has nowhere safe to stay that night.
 * - PF: Children Act 1989 s66(4) (a disabled child is privately fostered up to 18) and the Children
 *   (Private Arrangements for Fostering) Regulations 2005, regulation 7 (visit within seven
 *   working days).
 * - CCE: Home Office, Criminal exploitation of children and vulnerable adults: county lines
 *   guidance (2023); WT ch. 3 (extra-familial harm: a strategy discussion).
 * - FGM: Serious Crime Act 2015 s74 (FGM Act 2003 s5B: a teacher, health or social care
 *   professional who sees FGM on a girl under 18 reports it to the police themselves); HM
 *   Government, Multi-agency statutory guidance on FGM (2020): consider sisters.
 * - DA: Domestic Abuse Act 2021 s3 (a child who sees or hears domestic abuse is a victim);
 *   Operation Encompass (KCSIE 2024 part 1): the school is told before the next school day;
 *   SafeLives DASH standard risk: single-agency support.
 * - Pre-birth: Working Together with Parents Network, Supporting parents with learning
 *   disabilities and difficulties (2021 update of the DoH/DfES good practice guidance 2007):
 *   refer before birth so that assessment and support are in place; London Safeguarding Children
 *   Procedures, CP2(A) Pre-birth referral and assessment (refer where prospective parents may need
 *   support to care for their baby); Hull Safeguarding Children Partnership, Pre-birth assessment
 *   (acute concerns about parenting capacity, particularly mental health, learning difficulties).
 * - Disclosure: WT ch. 3 and KCSIE part 5 (child-on-child sexual abuse: a strategy discussion).
 * - Online: DfE, Child sexual exploitation: definition and guide for practitioners (2017): CSE can
 *   happen online without physical contact; no child under 13 is graded low risk (default
 *   ruleset 1.6.0).
 * - Self-harm: NICE NG225 Self-harm: assessment, management and preventing recurrence (2022),
 *   safeguarding recommendations (for a child, follow local safeguarding procedures); Children
 *   Act 1989 s17(10)(b) and WT ch. 3 (a child whose health is likely to be significantly impaired
 *   without services is a child in need, assessed by children's social care).
 * - Substances: Public Health England, Safeguarding and promoting the welfare of children affected
 *   by parental alcohol and drug use (2018); WT ch. 3 (a young child left unsupervised: a
 *   strategy discussion).
 * - Prevent: Prevent duty guidance (2023) and Channel duty guidance (2023): a child drawn to
 *   extremism by people outside the family is referred to Prevent and supported by a multi-agency
 *   panel (Channel), not a strategy discussion on that alone.
 * - LoN: published Levels of Need documents (Wigan Safeguarding Children Board, Thresholds of Need;
 *   Newcastle Safeguarding Children Board, Multi-Agency Thresholds Guidance 2018): level 1
 *   universal, level 2 one agency, level 3 several agencies, level 4 children's social care.
 * - CME: DfE, Children missing education, statutory guidance for local authorities (2024): the
 *   child's whereabouts known, no harm suspected: the local authority's CME officer and the
 *   school work with the family with support (early help).
 */

type Expected = { level: Level; route: Route; priority: Priority };
const S47: Expected = { level: 4, route: 'csc-strategy-discussion', priority: 'red' };
const S17: Expected = { level: 4, route: 'csc-assessment', priority: 'amber' };
const S17_TODAY: Expected = { level: 4, route: 'csc-assessment', priority: 'red' };
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };
const UNIVERSAL: Expected = { level: 1, route: 'information-advice', priority: 'green' };

const lookedAfter = (childIndex: number) => ({
  childIndex,
  kind: 'social-care' as const,
  holder: { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' },
});

type Case = [name: string, scenario: Scenario, children: Expected[], extra?: { reasons?: string[]; clocks?: string[] }];

const cases: Case[] = [
  // CHR, WT ch. 3 and ch. 4: a residential support worker who hits a child goes to the LADO and the
  // child needs a strategy discussion. The other children living in the home are cared for by the
  // same staff day and night, as foster children are by their foster carer, so they are considered
  // in the same strategy discussion. All three are looked after (open cases), which never lowers
  // protection. Engine before: the other two went to their allocated workers (existing open case),
  // since only a foster carer's allegation brought other children in.
  [
    'children’s home: residential worker punched a 13-year-old during a restraint; two other children live there',
    {
      agency: 'la-social-care',
      factors: [],
      childConcerns: [{ factors: [], indicators: ['physical-abuse-by-adult'] }],
      ages: [13, 12, 15],
      openCases: [lookedAfter(0), lookedAfter(1), lookedAfter(2)],
      adultConcern: {
        name: 'Sam Examplestaff',
        role: 'Residential support worker',
        employer: 'Exampleshire Children’s Homes Ltd',
        sector: 'social-care',
        stillWorkingWithChildren: 'no',
        childNeedsContact: true,
      },
      description:
        'Split lip; says the night worker punched him while holding him down. A 12- and a 15-year-old also live in the home.',
    },
    [S47, S47, S47],
    { reasons: ['physical-abuse-by-adult', 'sibling-of-child-harmed-at-home', 'open-case'] },
  ],
  // Neglect and WT ch. 3: the fifth contact in a year about the same 6-year-old's neglect (each
  // closed or stepped down) is cumulative harm: the pattern, not this incident, decides, and it
  // needs a child in need assessment. Engine before: level 3 (five or more contacts: targeted
  // early help), the route that has not worked four times.
  [
    'school: fifth neglect contact in a year about a 6-year-old, hungry and unwashed again (API, 16A)',
    {
      agency: 'school',
      factors: ['16A'],
      ages: [6],
      earlierContacts: [{ level: 2 }, { level: 2 }, { level: 3 }, { level: 2 }],
      description: 'Came in hungry with the same clothes all week; head lice untreated; fifth time we have told you.',
    },
    [S17],
    { reasons: ['repeated-neglect-contacts'], clocks: ['Child in need assessment completed (s17)'] },
  ],
  // Bruising: a 4-month-old cannot move about on her own; a bruise is a strategy discussion
  // whatever the explanation, and her 2-year-old sister is considered in it.
  [
    'health visitor: bruise on a 4-month-old’s ear, mother says her 2-year-old sister hit her (form)',
    {
      agency: 'health-visitor',
      factors: [],
      childConcerns: [{ factors: [], indicators: ['child-not-independently-mobile', 'physical-abuse-by-child'] }],
      ages: [0, 2],
      description: 'Fingertip-sized bruise behind the left ear at the 16-week check; mum says the toddler hit her.',
    },
    [S47, S47],
    { reasons: ['baby-with-injury', 'sibling-of-injured-baby'] },
  ],
  // Southwark: a 16-year-old thrown out tonight, with nowhere safe to sleep, is accommodated today
  // while children's social care assesses him (s17 and s20), not sent to housing alone.
  [
    'housing: 16-year-old thrown out by his mother this afternoon, nowhere to sleep tonight (form)',
    {
      agency: 'housing',
      factors: [],
      indicators: ['young-person-homeless', 'young-person-nowhere-safe-tonight'],
      ages: [16],
      description: 'Mum changed the locks after an argument; no friends or family who can take him; it is 3pm.',
    },
    [S17_TODAY],
    { reasons: ['young-person-nowhere-safe-tonight'] },
  ],
  // CCE: a 14-year-old found in another county with drugs and cash is criminally exploited: a
  // strategy discussion. His 11-year-old sister is not harmed by the adults at home, so keeps her
  // own level, with the note that the discussion considers her (exploiters target siblings).
  [
    'police: 14-year-old found 80 miles away with crack cocaine and £600, missing two days; his 11-year-old sister (API)',
    {
      agency: 'police',
      factors: [],
      childConcerns: [{ factors: ['24A', '10A'], screening: { missingEpisodes: 2 } }, undefined],
      ages: [14, 11],
      description: 'Found in a flat in another county with wraps and cash and a burner phone; says he owes a debt.',
    },
    [S47, UNIVERSAL],
    { reasons: ['criminal-exploitation', 'missing-and-criminally-exploited', 'sibling-in-strategy-discussion'] },
  ],
  // FGM: a school nurse who sees that a 9-year-old has been cut reports it to the police herself
  // (mandatory duty) and to children's social care: a strategy discussion, her 6-year-old sister
  // considered in it.
  [
    'school nurse: 9-year-old says she was cut on holiday, the nurse saw the FGM; her 6-year-old sister (API, 22A)',
    {
      agency: 'school-nurse',
      factors: [],
      childConcerns: [{ factors: ['22A'] }, undefined],
      ages: [9, 6],
      description: 'Pain passing urine since the summer; told the nurse a lady cut her at grandma’s house abroad.',
    },
    [S47, S47],
    { reasons: ['female-genital-mutilation', 'sibling-of-child-harmed-at-home'] },
  ],
  // PF: a disabled 16-year-old living with a family friend for three months is privately fostered
  // (under 18 if disabled): an assessment, with the visit within seven working days.
  [
    'college: 16-year-old with cerebral palsy living with a family friend since his father went to prison (form)',
    {
      agency: 'school',
      factors: ['8E'],
      indicators: ['child-physical-disability-or-illness'],
      ages: [16],
      disability: 'Cerebral palsy; uses a wheelchair',
      description:
        'Staying with his dad’s friend since August; she is struggling with his care; nobody told the council.',
    },
    [S17],
    { reasons: ['private-fostering'], clocks: ['Private fostering visit'] },
  ],
  // DA and LoN: a 7-year-old who was in the house during a first, standard-risk incident (verbal
  // argument, no injury): the school is told (Operation Encompass) and supports him; one agency.
  [
    'police DA, DASH standard: argument between the parents, the 7-year-old upstairs, first incident (API)',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      ages: [7],
      description: 'Neighbours called about shouting; no injuries, no weapons; the boy was upstairs and heard it.',
    },
    [EH2],
  ],
  // Pre-birth: a first-time mother with a learning disability, no family support, who the midwife
  // fears will not manage the baby's care, is referred before birth for a pre-birth assessment
  // with adult services, so support is in place by the birth. Engine before: level 2, one agency.
  [
    'midwife: 24 weeks pregnant, mother with a learning disability, no family support, partner left (form)',
    {
      agency: 'hospital-or-other-health',
      factors: [],
      indicators: ['parent-learning-disability', 'social-isolation'],
      ages: ['unborn'],
      description:
        'Cannot read the booking letters; did not understand feeding or safe sleep advice; no family nearby.',
    },
    [S17],
    { reasons: ['unborn-baby-parental-risk'] },
  ],
  // Disclosure and KCSIE part 5: an 8-year-old who tells her teacher her 15-year-old cousin made
  // her do sexual things at sleepovers is sexually abused by a child: a strategy discussion.
  [
    'school: 8-year-old discloses her 15-year-old cousin made her do sexual things at sleepovers (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['disclosure-of-abuse', 'harmful-sexual-behaviour-by-child'],
      ages: [8],
      description: 'Told her teacher after a lesson on private parts; the cousin still stays at weekends.',
    },
    [S47],
    { reasons: ['harmful-sexual-behaviour-by-child'] },
  ],
  // Online: a 12-year-old live-streaming sexual acts for a "boy" who sends her gift cards is
  // sexually exploited online; under 13, whatever the tool scored.
  [
    'parent: 12-year-old live-streaming for an online "boyfriend" who sends gift cards, CSE tool low (API)',
    {
      agency: 'family-member',
      factors: ['11A'],
      screening: { cseRisk: 'low' },
      ages: [12],
      description: 'Found her on a video app at 2am undressing for someone who sends her £20 vouchers.',
    },
    [S47],
    { reasons: ['cse-reported'] },
  ],
  // Self-harm: a 14-year-old cutting, whose parents do not take her to CAMHS or treat her wounds,
  // has her health impaired by the care she is not getting: a child in need assessment. Engine
  // before: level 3, targeted early help.
  [
    'school: 14-year-old cutting her arms; parents missed three CAMHS appointments, wounds infected (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['self-harm', 'neglect-persistent'],
      ages: [14],
      description: 'Infected cuts the school nurse dressed; parents say it is a phase and will not take her to CAMHS.',
    },
    [S17],
    { reasons: ['self-harm-with-neglect'] },
  ],
  // Substances and WT ch. 3: a 2-year-old found alone in the street at night while his mother was
  // unconscious from heroin: a strategy discussion.
  [
    'police: 2-year-old found in the street at 11pm, mother unconscious from heroin at home (form)',
    {
      agency: 'police',
      factors: [],
      indicators: ['young-child-left-alone', 'parental-drug-misuse-impairs-care'],
      ages: [2],
      description: 'A passer-by found him in his nappy by the road; mother unrousable, needles on the table.',
    },
    [S47],
    { reasons: ['young-child-left-alone'] },
  ],
  // Prevent: a 15-year-old sharing extreme right-wing material from online groups, parents
  // supportive: a Prevent referral and multi-agency support (Channel), level 3.
  [
    'school: 15-year-old sharing extreme right-wing videos in class group chats, parents worried (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation'],
      ages: [15],
      description:
        'Posts from an online group; says certain people should be removed from the country; no plans found.',
    },
    [EH3],
  ],
  // KCSIE part 4 and WT ch. 4: a volunteer football coach messaging a 13-year-old privately,
  // buying him boots and asking to meet alone is grooming: the LADO, and a strategy discussion for
  // the boy. His 9-year-old brother does not live with the coach: his own level, with the note.
  [
    'parent: volunteer football coach messaging a 13-year-old at night, gifts, asks to meet alone; his 9-year-old brother',
    {
      agency: 'family-member',
      factors: [],
      childConcerns: [{ factors: ['19C'] }, undefined],
      ages: [13, 9],
      adultConcern: {
        name: 'Ashley Examplecoach',
        role: 'Volunteer football coach',
        employer: 'Exampleton Juniors FC',
        sector: 'sport-and-leisure',
        stillWorkingWithChildren: 'yes',
        childNeedsContact: true,
      },
      description:
        'Messages after midnight telling him to delete them; bought him boots; asked him to come round alone.',
    },
    [S47, UNIVERSAL],
    { reasons: ['sexual-abuse-by-adult', 'sibling-in-strategy-discussion'] },
  ],
  // LoN level 2: a school's worry about falling attendance after the parents separated, the
  // family engaging: the school's own support, one agency.
  [
    'school: 8-year-old’s attendance down to 88% since the parents separated, mum asking for help (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['school-attendance'],
      ages: [8],
      description: 'Late most mornings since dad left in the summer; mum is open and wants ideas; no other worries.',
    },
    [EH2],
  ],
  // LoN level 1: a GP's worry that a mother is anxious about her 3-year-old's sleep, no other
  // needs: universal services (health visitor, children's centre) and advice.
  [
    'GP: mother anxious about her 3-year-old’s sleep and tantrums, asks for parenting advice (API, 21)',
    {
      agency: 'gp',
      factors: ['21'],
      ages: [3],
      description: 'Thriving, immunised, nursery going well; mum wants advice on bedtimes; no other concerns.',
    },
    [UNIVERSAL],
  ],
  // WT ch. 3 and LoN: an anonymous caller's low-detail worry (shouting, a child crying, no
  // injury, no danger now) cannot be graded on its face: screened by a qualified worker with
  // checks, at the level of an additional need, never closed unread.
  [
    'anonymous: hears shouting and a child crying next door most evenings, no other detail (API, 20)',
    {
      agency: 'anonymous',
      factors: ['20'],
      ages: [5],
      description: 'Flat 2; a man shouting and a little girl crying most evenings. Don’t know their names.',
    },
    [EH2],
    { reasons: ['other-concern'] },
  ],
  // CME: a 13-year-old not in school for six weeks after moving into the area, whereabouts known,
  // mother looking for a place, no harm suspected: the CME officer and early help (level 3, since
  // education and the family's move need several agencies).
  [
    'education service: 13-year-old with no school place for six weeks after moving in, mother engaged (form)',
    {
      agency: 'education-service',
      factors: [],
      indicators: ['missing-education', 'housing-unsuitable'],
      ages: [13],
      description: 'Moved from another city into temporary housing; mum applied for schools but none has a place.',
    },
    [EH3],
  ],
];

const summary = (r: Recommendation) => r.children.map(({ level, route, priority }) => ({ level, route, priority }));

describe('notifications a front-door manager would overturn the engine on, decided from published guidance', () => {
  it.each(cases)('%s', (_name, scenario, expected, extra = {}) => {
    // Prepare
    const input = inputFor(scenario);
    // Act
    const r = recommend(input);
    // Assess
    expect(summary(r)).toEqual(expected);
    const reasons = [...r.reasons.map((x) => x.id), ...r.children.flatMap((c) => c.reasons.map((x) => x.id))];
    for (const reason of extra.reasons ?? []) expect(reasons).toContain(reason);
    for (const clock of extra.clocks ?? []) expect(r.clocks.map((c) => c.name)).toContain(clock);
  });
});
