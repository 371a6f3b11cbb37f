import { recommend } from '../../shared/rules';
import type { Level, Priority, Route } from '../../shared/triage/types';
import { RECEIVED_AT, inputFor, type Scenario } from './notifications';

/**
 * Realistic synthetic notifications, each with the level, route and RAG a front-door manager
 * would give each child, and the published guidance that says so. The expectations were written
 * from the guidance before the engine was run; where the engine disagreed, the ruleset was fixed.
 *
 * Sources:
 * - WT: Working Together to Safeguard Children 2023 (ch. 2 early help and a lead practitioner;
 *   ch. 3 s17 assessment, and a strategy discussion where there is reasonable cause to suspect
 *   significant harm, with immediate protective action for a child in immediate danger).
 * - LoN: published Levels of Need / thresholds documents (Wigan Safeguarding Children Board,
 *   Thresholds of Need; Newcastle Safeguarding Children Board, Multi-Agency Thresholds Guidance
 *   2018): level 2 one agency, level 3 several agencies with a lead professional, level 4 social care.
 * - KCSIE: Keeping Children Safe in Education 2024 (part 1: the DSL refers to children's social
 *   care where a child is suffering or likely to suffer harm; part 5: child-on-child sexual violence).
 * - Missing: DfE statutory guidance on children who run away or go missing from home or care
 *   (2014): a return home interview within 72 hours of the child's return; screening for exploitation.
 * - FGM: Multi-agency statutory guidance on female genital mutilation (2020).
 * - Southwark: R (G) v Southwark [2009] UKHL 26 and the 2018 MHCLG/DfE joint guidance on homeless
 *   16 and 17 year olds.
 * - UASC: DfE, Care of unaccompanied migrant children and child victims of modern slavery (2017).
 * - PF: Children Act 1989 s66–67 and the Children (Private Arrangements for Fostering) Regulations 2005.
 *
 * "form" scenarios carry only what the guided form records when the referrer declines the
 * suggested census factors (indicators only): the answer must not depend on accepting them.
 */

type Expected = { level: Level; route: Route; priority: Priority };
type Case = [
  name: string,
  scenario: Scenario,
  children: Expected[],
  extra?: { themes?: string[]; clocks?: string[]; reasons?: string[] },
];

const S47 = (priority: Priority = 'red'): Expected => ({ level: 4, route: 'csc-strategy-discussion', priority });
const S17 = (priority: Priority = 'amber'): Expected => ({ level: 4, route: 'csc-assessment', priority });
const EH3: Expected = { level: 3, route: 'early-help-targeted', priority: 'amber' };
const EH2: Expected = { level: 2, route: 'early-help-single-agency', priority: 'green' };
const IAG: Expected = { level: 1, route: 'information-advice', priority: 'green' };

const cases: Case[] = [
  // LoN: domestic abuse assessed as medium risk needs a multi-agency plan (level 3); the Domestic
  // Abuse Act 2021 s3 makes each child who sees or hears it a victim, so both children, baby and teenager.
  [
    'police DA notification, DASH medium, a baby and a teenager',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'medium' },
      ages: [0, 14],
      description: 'Father punched mother in the kitchen while holding the baby; the 14-year-old called 999.',
    },
    [EH3, EH3],
    { themes: ['domestic-abuse'] },
  ],
  // LoN level 2 and Operation Encompass: a first standard-risk incident is shared with the school, one agency.
  [
    'police DA notification, DASH standard, first incident',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      ages: [8],
      description: 'Verbal argument between parents overheard by neighbours; no injuries; child asleep upstairs.',
    },
    [EH2],
    { themes: ['domestic-abuse'] },
  ],
  // LoN: repeat domestic abuse within 12 months escalates; a police system sends the DASH level without a census factor.
  [
    'police DA notification, DASH standard, second incident in 12 months, no factor sent',
    {
      agency: 'police',
      factors: [],
      indicators: ['parental-domestic-abuse'],
      screening: { dashRisk: 'standard' },
      earlierContacts: [{ level: 2, route: 'early-help-single-agency' }],
      ages: [6],
      description: 'Second call-out this year; mother has a cut lip; child was in the room.',
    },
    [EH3],
    { reasons: ['repeat-domestic-abuse'] },
  ],
  // KCSIE part 1 and WT ch. 3: a disclosure of sexual abuse by an adult is reasonable cause to suspect significant harm.
  [
    'school disclosure of sexual abuse (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['disclosure-of-abuse', 'sexual-abuse-by-adult'],
      ages: [12],
      description: 'Told her form tutor that her mother’s boyfriend comes into her room at night and touches her.',
    },
    [S47()],
  ],
  [
    'school disclosure of sexual abuse (API, census factor only)',
    {
      agency: 'school',
      factors: ['19C'],
      ages: [12],
      description: 'Told her form tutor that her mother’s boyfriend comes into her room at night and touches her.',
    },
    [S47()],
  ],
  // LoN level 3 (Wigan, Newcastle): several additional needs together are complex needs; WT ch. 2 lead practitioner.
  [
    'GP: parental mental health, young carer and alcohol (form)',
    {
      agency: 'gp',
      factors: [],
      indicators: ['parent-mental-health', 'young-carer', 'parental-alcohol-misuse'],
      ages: [13],
      description: 'Mother has depression, father drinks most evenings, and the girl does the shopping and cooking.',
    },
    [EH3],
    { reasons: ['several-additional-needs'] },
  ],
  // Missing guidance: screen every missing child for exploitation, RHI in 72 hours; WT 2023: sexual
  // exploitation is child sexual abuse, so missing with signs of it is a strategy discussion today.
  [
    'missing 15-year-old with CSE indicators (form)',
    {
      agency: 'police',
      factors: [],
      indicators: ['missing-reported', 'cse-reported'],
      screening: { missingEpisodes: 2 },
      ages: [15],
      description:
        'Missing two nights; returned in a taxi paid by an older man, with a new phone and smelling of alcohol.',
    },
    [S47()],
    { themes: ['missing', 'cse'], clocks: ['Return home interview'] },
  ],
  [
    'missing 15-year-old with CSE indicators (API, CSE tool medium)',
    {
      agency: 'police',
      factors: ['10A', '11A'],
      screening: { missingEpisodes: 2, cseRisk: 'medium' },
      ages: [15],
      description:
        'Missing two nights; returned in a taxi paid by an older man, with a new phone and smelling of alcohol.',
    },
    [S47()],
    { themes: ['missing', 'cse'], clocks: ['Return home interview'] },
  ],
  // WT 2023: sexual exploitation is child sexual abuse (as criminal exploitation is abuse), so a concern of it is a strategy discussion.
  [
    '14-year-old picked up by older men, sexual exploitation feared (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['cse-reported'],
      ages: [14],
      description:
        'Picked up from school by different men in their twenties; new phone and clothes; says they are her boyfriends.',
    },
    [S47()],
    { themes: ['cse'] },
  ],
  // WT ch. 3 (pre-birth assessment) and LoN level 4: parents whose earlier children were removed need a pre-birth assessment.
  [
    'unborn baby, previous children removed (form)',
    {
      agency: 'hospital-or-other-health',
      factors: [],
      indicators: ['previous-children-removed'],
      ages: ['unborn'],
      description: 'Booked at 30 weeks; mother’s two older children were adopted in 2022 after care proceedings.',
    },
    [S17()],
  ],
  // Southwark: a homeless 16-year-old is a child in need assessment by children’s social care, not housing advice.
  [
    'homeless 16-year-old (form)',
    {
      agency: 'housing',
      factors: [],
      indicators: ['young-person-homeless'],
      ages: [16],
      description:
        'Asked to leave by his mother after arguments; sofa-surfing, his friend’s family want him gone by the weekend.',
    },
    [S17()],
  ],
  // MHCLG/DfE 2018 joint guidance: a 16 or 17 year old with nowhere safe to stay that night is
  // given emergency accommodation the same day, so the assessment starts red, not in 4 office hours.
  [
    'homeless 17-year-old with nowhere safe to stay tonight (form)',
    {
      agency: 'member-of-public',
      factors: [],
      indicators: ['young-person-homeless', 'young-person-nowhere-safe-tonight'],
      ages: [17],
      description: 'My neighbour’s son was thrown out this evening and is sitting on the stairs with nowhere to go.',
    },
    [S17('red')],
  ],
  // WT ch. 3: an open case never lowers protection; the s47 goes ahead with the allocated worker.
  [
    'child with an open CIN case, new disclosure of physical abuse; her brother has no open case',
    {
      agency: 'school',
      factors: ['18C'],
      ages: [10, 7],
      openCases: [
        {
          childIndex: 0,
          kind: 'social-care',
          holder: { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' },
        },
      ],
      description: 'Came in with a handprint bruise on her arm; says dad grabbed her; her brother was there.',
    },
    [S47(), S47()],
    { reasons: ['open-case'] },
  ],
  // Brief §2: a child with an open social care case and a lower-level concern goes to the allocated worker.
  [
    'child with an open CIN case, attendance falling',
    {
      agency: 'school',
      factors: [],
      indicators: ['school-attendance'],
      ages: [11],
      openCases: [
        {
          childIndex: 0,
          kind: 'social-care',
          holder: { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' },
        },
      ],
      description: 'Attendance 84% this half term, mostly Mondays.',
    },
    [{ level: 2, route: 'existing-open-case', priority: 'green' }],
  ],
  // Issue 9 point 1: an assessment that ended is not an open case; a new disclosure is a strategy discussion.
  [
    'child whose earlier assessment closed, new disclosure',
    {
      agency: 'school',
      factors: [],
      indicators: ['disclosure-of-abuse', 'physical-abuse-by-adult'],
      ages: [9],
      earlierContacts: [{ level: 4, route: 'csc-assessment', status: 'decided' }],
      description: 'Says her stepfather hit her with a belt last night; red marks on the backs of her legs.',
    },
    [S47()],
  ],
  // PF: the local authority must be notified of, and assess, a private fostering arrangement.
  [
    'private fostering (API)',
    {
      agency: 'school',
      factors: ['8B'],
      ages: [14],
      description:
        'Living with a family friend for three months while her mother works abroad; the school was not told.',
    },
    [S17()],
  ],
  // FGM and WT ch. 3: a girl at risk of FGM is at risk of significant harm; protective action and a strategy discussion.
  [
    'FGM risk (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['female-genital-mutilation'],
      ages: [9],
      description:
        'Talked excitedly about a special ceremony to “become a woman” on the family’s summer trip abroad; older sister had FGM.',
    },
    [S47()],
  ],
  // Prevent duty guidance and LoN level 3: a child being drawn into extremism needs a Prevent referral and a multi-agency plan.
  [
    'radicalisation (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['radicalisation'],
      ages: [15],
      description: 'Sharing extreme right-wing videos with classmates and talking about attacking a mosque.',
    },
    [EH3],
  ],
  // KCSIE part 5 and WT ch. 3: sexual assault by another child is reported to children’s social care (and police); a strategy discussion.
  [
    'child-on-child sexual assault (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['harmful-sexual-behaviour-by-child'],
      ages: [14],
      description:
        'Says a Year 11 boy forced her into sexual activity at a party at the weekend; she is frightened at school.',
    },
    [S47()],
  ],
  // DfE attendance guidance (2024) and LoN level 2: poor attendance alone is for the school and family, one agency.
  [
    'neglect worry with poor school attendance only (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['school-attendance'],
      ages: [10],
      description: 'Attendance 82%, often late and tired; parents say mornings are hard.',
    },
    [EH2],
  ],
  // LoN ("toxic trio": domestic abuse, parental substance misuse, parental mental ill health) — the same answer from the form as from the API.
  [
    'toxic trio (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['parental-domestic-abuse', 'parental-drug-misuse', 'parent-mental-health'],
      ages: [2],
      description:
        'Mother disclosed partner is violent when using cocaine; she has post-natal depression and stopped her medication.',
    },
    [S17()],
    { reasons: ['toxic-trio'] },
  ],
  // WT (neglect: inadequate supervision): young children left alone overnight are at risk of significant harm now.
  [
    'anonymous: young children left alone overnight',
    {
      agency: 'anonymous',
      factors: [],
      indicators: ['young-child-left-alone'],
      ages: [4, 6],
      description: 'Children crying in the flat next door since 9pm; no adult has come home.',
    },
    [S47(), S47()],
  ],
  // WT ch. 3 and local bruising-in-babies protocols: any bruise on a non-mobile baby is a strategy discussion; the sibling is considered too.
  [
    'baby with an unexplained bruise and a 3-year-old sibling (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['unexplained-injury'],
      ages: [0, 3],
      description: 'Five-month-old has fingertip bruising on the chest; parents have no explanation.',
    },
    [S47(), S47()],
    { reasons: ['baby-with-injury'] },
  ],
  // UASC: the local authority must accommodate an unaccompanied child (s20) today, in or out of hours.
  [
    'unaccompanied asylum-seeking child at a police station',
    {
      agency: 'police',
      factors: ['9A'],
      ages: [15],
      description: 'Found in the back of a lorry at the services; no adult with him; speaks Pashto.',
    },
    [S17('red')],
  ],
  // Children Act 1989 s20: a child with nobody to care for them tonight is accommodated today.
  [
    'parent arrested, no carer',
    {
      agency: 'police',
      factors: [],
      indicators: ['no-carer-available'],
      ages: [7],
      description: 'Mother arrested this afternoon; no family can be reached to care for her son tonight.',
    },
    [S17('red')],
  ],
  // WT 2023: child criminal exploitation is abuse; county lines is reasonable cause to suspect significant harm.
  [
    'county lines (form)',
    {
      agency: 'police',
      factors: [],
      indicators: ['county-lines', 'missing-reported'],
      ages: [15],
      description:
        'Found 80 miles from home in a flat with class A drugs and £600 in cash; reported missing yesterday.',
    },
    [S47()],
    { themes: ['exploitation', 'missing'], clocks: ['Return home interview'] },
  ],
  // LoN level 1: bereavement alone is met by universal services and bereavement support.
  [
    'bereavement only',
    {
      agency: 'school',
      factors: [],
      indicators: ['bereavement'],
      ages: [8],
      description: 'Grandfather died last month; quieter in class; mother asking what support there is.',
    },
    [IAG],
  ],
  // LoN: self-harm with the child's own drug use (form) raises the level, as with the census factors.
  [
    'self-harm with drug use (form)',
    {
      agency: 'emergency-department',
      factors: [],
      indicators: ['self-harm', 'child-drug-use'],
      ages: [15],
      description: 'Cut his arms while high on ketamine; third attendance this year.',
    },
    [S17()],
    { reasons: ['teenage-self-harm-with-substance-use'] },
  ],
  // LoN: neglect of a child under five escalates quickly, from the form as from the API.
  [
    'neglect of a toddler (form)',
    {
      agency: 'health-visitor',
      factors: [],
      indicators: ['neglect-reported'],
      ages: [2],
      description: 'Toddler in a soiled nappy with severe nappy rash at two home visits; no food in the fridge.',
    },
    [EH3],
    { reasons: ['young-child-neglect'] },
  ],
  // LoN: disabled children are more vulnerable to abuse; a disability chosen on the form counts like one recorded on the child.
  [
    'neglect of a child with a learning disability (form)',
    {
      agency: 'school',
      factors: [],
      indicators: ['neglect-reported', 'child-learning-disability'],
      ages: [9],
      description: 'Often arrives unwashed and hungry; cannot tell staff what happens at home.',
    },
    [EH3],
    { reasons: ['disabled-child-abuse-or-neglect'] },
  ],
];

describe('realistic notifications, as published guidance would decide them', () => {
  it.each(cases)('%s', (_name, scenario, expected, extra = {}) => {
    const r = recommend(inputFor(scenario));
    expect(r.children.map(({ level, route, priority }) => ({ level, route, priority }))).toEqual(expected);
    for (const theme of extra.themes ?? []) expect(r.themes).toContain(theme);
    for (const clock of extra.clocks ?? []) expect(r.clocks.map((c) => c.name)).toContain(clock);
    for (const reason of extra.reasons ?? []) expect(r.reasons.map((x) => x.id)).toContain(reason);
  });

  it('red is due the same day, within 4 hours of receipt', () => {
    const r = recommend(inputFor(cases.find(([n]) => n.startsWith('school disclosure'))![1]));
    expect(Date.parse(r.dueAt) - RECEIVED_AT.getTime()).toBeLessThanOrEqual(4 * 3_600_000);
  });
});
