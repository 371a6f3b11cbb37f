import { getDefaultRuleset, recommend } from '../../shared/rules';
import type { Level, Route } from '../../shared/triage/types';
import { inputFor, type Scenario } from './notifications';

/**
 * One realistic notification per indicator in the default ruleset: the indicator fires, with
 * evidence from the notification, and the recommendation is what a worker would expect.
 */

type Row = [id: string, scenario: Scenario, level: Level, route: Route];
const SD: Route = 'csc-strategy-discussion';

const rows: Row[] = [
  [
    'child-alcohol-use',
    {
      agency: 'school-nurse',
      factors: ['1A'],
      ages: [14],
      description: 'Seen drinking vodka with friends in the park after school on two occasions.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'child-alcohol-use-harmful',
    {
      agency: 'emergency-department',
      factors: ['1A'],
      indicators: ['child-alcohol-use-harmful'],
      ages: [15],
      description: 'Brought to A&E heavily intoxicated for the second time this month.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'child-drug-use',
    { factors: ['2A'], ages: [14], description: 'Smelled strongly of cannabis in lessons twice this week.' },
    2,
    'early-help-single-agency',
  ],
  [
    'child-drug-use-harmful',
    {
      agency: 'youth-justice',
      factors: ['2A'],
      indicators: ['child-drug-use-harmful'],
      ages: [15],
      description: 'Daily cannabis use, now using ketamine at parties with older young people.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'child-subject-of-domestic-abuse',
    {
      agency: 'police',
      factors: ['3A'],
      ages: [16],
      description: 'Police called to a park where her boyfriend pushed and threatened her.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'child-mental-health',
    {
      agency: 'gp',
      factors: ['4A'],
      ages: [12],
      description: 'Low mood and poor sleep since moving school; no risk of harm disclosed.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'child-mental-health-severe',
    {
      agency: 'hospital-or-other-health',
      factors: ['4A'],
      indicators: ['child-mental-health-severe'],
      ages: [15],
      description: 'Not eating and not attending school for six weeks; CAMHS waiting list.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'child-learning-disability',
    { factors: ['5A'], description: 'Moderate learning difficulty; parents asking for help with short breaks.' },
    2,
    'early-help-single-agency',
  ],
  [
    'child-physical-disability-or-illness',
    {
      agency: 'hospital-or-other-health',
      factors: ['6A'],
      description: 'Newly diagnosed type 1 diabetes; family struggling with the care routine.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'child-care-needs-unmet',
    {
      agency: 'hospital-or-other-health',
      factors: ['6A'],
      indicators: ['child-care-needs-unmet'],
      ages: [7],
      description: 'Missed four clinic appointments; feeding pump not being used as prescribed.',
    },
    3,
    'early-help-targeted',
  ],
  // A disabled child who cannot move about alone has an additional need; no injury, no more.
  [
    'child-not-independently-mobile',
    {
      agency: 'school',
      factors: ['6A'],
      indicators: ['child-not-independently-mobile'],
      ages: [9],
      disability: 'Cerebral palsy; uses a wheelchair and cannot move about independently',
      description: 'Parents ask for help with a new hoist and respite at weekends; no concerns about care.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'young-carer',
    { factors: ['7A'], ages: [12], description: 'Helps care for a younger sibling with cerebral palsy most evenings.' },
    2,
    'early-help-single-agency',
  ],
  [
    'young-carer-substantial',
    {
      factors: ['7A'],
      indicators: ['young-carer-substantial'],
      ages: [13],
      description: 'Sole carer for a parent after a stroke; attendance fallen to 70%.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'self-harm',
    {
      agency: 'school-nurse',
      factors: ['15A'],
      ages: [14],
      description: 'Superficial cuts to forearms found during PE; says it helps her cope.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'self-harm-serious',
    {
      agency: 'emergency-department',
      factors: ['15A'],
      indicators: ['self-harm-serious'],
      ages: [15],
      description: 'Admitted after an overdose of paracetamol; says she meant to die.',
    },
    4,
    'csc-assessment',
  ],
  [
    'socially-unacceptable-behaviour',
    { factors: ['14A'], ages: [13], description: 'Repeated fixed-term exclusions for aggression towards staff.' },
    2,
    'early-help-single-agency',
  ],
  [
    'persistent-offending-or-violence',
    {
      agency: 'youth-justice',
      factors: ['14A'],
      indicators: ['persistent-offending-or-violence'],
      ages: [15],
      description: 'Third robbery arrest this year; carries a knife, he says for protection.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'missing-reported',
    {
      agency: 'police',
      factors: ['10A'],
      ages: [14],
      description: 'Reported missing overnight, found at a friend’s house the next morning.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'missing-episode',
    {
      agency: 'police',
      factors: ['10A'],
      screening: { missingEpisodes: 2 },
      ages: [14],
      description: 'Second missing episode in a month; returned home by police at 02:00.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'missing-repeated',
    {
      agency: 'police',
      factors: ['10A'],
      screening: { missingEpisodes: 4 },
      ages: [14],
      description: 'Fourth missing episode in eight weeks; will not say where she has been.',
    },
    4,
    'csc-assessment',
  ],
  // WT 2023: sexual exploitation is child sexual abuse, as criminal exploitation is abuse: a strategy discussion.
  [
    'cse-reported',
    {
      factors: ['11A'],
      ages: [14],
      description: 'Seen getting into cars with older men after school; new phone and clothes.',
    },
    4,
    SD,
  ],
  [
    'cse-screening-low',
    {
      factors: ['14A'],
      screening: { cseRisk: 'low' },
      ages: [14],
      description: 'Older boyfriend met online; CSE screening tool completed and scored low.',
    },
    2,
    'early-help-single-agency',
  ],
  // DfE CSE guide (2017) and CSE screening pathways: a CSE concern the tool scored low, at 13 or
  // over, is vulnerability to exploitation: multi-agency early help, not a strategy discussion.
  [
    'cse-concern-screened-low',
    {
      factors: ['11A'],
      screening: { cseRisk: 'low' },
      ages: [15],
      description: 'Older boyfriend met online; CSE screening tool completed and scored low.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'cse-screening-medium',
    {
      factors: ['14A'],
      screening: { cseRisk: 'medium' },
      ages: [14],
      description: 'Talks about parties at a flat with adults; CSE screening scored medium.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'cse-screening-high',
    {
      agency: 'police',
      factors: ['11A'],
      screening: { cseRisk: 'high' },
      ages: [14],
      description: 'Found in a car with an adult male known for CSE offences; screening high.',
    },
    4,
    SD,
  ],
  [
    'trafficking',
    {
      agency: 'police',
      factors: ['12A'],
      ages: [16],
      description: 'Young person found working in a nail bar, no documents, controlled by an adult.',
    },
    4,
    SD,
  ],
  [
    'gang-involvement',
    {
      agency: 'youth-justice',
      factors: ['13A'],
      ages: [15],
      description: 'Associating with a known local gang; posts gang signs online.',
    },
    3,
    'early-help-targeted',
  ],
  // Working Together 2023: child criminal exploitation is child abuse, so reasonable cause to suspect significant harm.
  [
    'criminal-exploitation',
    {
      agency: 'police',
      factors: ['24A'],
      ages: [15],
      description: 'Found holding cash and two phones; older males pick him up from school.',
    },
    4,
    SD,
  ],
  [
    'county-lines',
    {
      agency: 'police',
      factors: ['24A'],
      indicators: ['county-lines'],
      ages: [15],
      description: 'Arrested 80 miles from home at a trap house with wraps of crack cocaine.',
    },
    4,
    SD,
  ],
  [
    'unaccompanied-asylum-seeking-child',
    {
      agency: 'police',
      factors: ['9A'],
      ages: [16],
      description: 'Found at a service station after leaving a lorry; no adult with him.',
    },
    4,
    'csc-assessment',
  ],
  [
    'private-fostering',
    {
      factors: ['8E'],
      ages: [13],
      description: 'Living with a family friend for three months since a row with her mother.',
    },
    4,
    'csc-assessment',
  ],
  [
    'harmful-sexual-behaviour-by-child',
    { factors: ['19B'], ages: [8], description: 'Disclosed that an older pupil made her touch him in the toilets.' },
    4,
    SD,
  ],
  [
    'physical-abuse-by-child',
    {
      factors: ['18B'],
      ages: [10],
      description: 'Repeatedly hit and kicked by older pupils on the way home from school.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'serious-peer-assault',
    {
      agency: 'emergency-department',
      factors: ['18B'],
      indicators: ['serious-peer-assault'],
      ages: [15],
      description: 'Stab wound to the leg from another teenager; the attacker knows where he lives.',
    },
    4,
    SD,
  ],
  [
    'emotional-abuse',
    { factors: ['17A'], description: 'Parent heard shouting that he is worthless in the playground most mornings.' },
    3,
    'early-help-targeted',
  ],
  // Working Together 2023 ch. 3: significant harm to development is a strategy discussion.
  [
    'emotional-abuse-severe',
    {
      factors: ['17A'],
      indicators: ['emotional-abuse-severe'],
      description: 'Made to stand outside in the cold as punishment; frightened to go home.',
    },
    4,
    SD,
  ],
  [
    'neglect-reported',
    { factors: ['16A'], description: 'Often arrives hungry and in dirty clothes; head lice untreated for weeks.' },
    2,
    'early-help-single-agency',
  ],
  [
    'neglect-persistent',
    {
      factors: ['16A'],
      indicators: ['neglect-persistent'],
      description: 'Hungry and unkempt all term, dental pain untreated, attendance 80%.',
    },
    3,
    'early-help-targeted',
  ],
  // Working Together 2023 ch. 3: significant impairment of health or development is a strategy discussion.
  [
    'neglect-severe',
    {
      agency: 'gp',
      factors: ['16A'],
      indicators: ['neglect-severe'],
      description: 'Weight has fallen below the second centile; prescribed treatment not given.',
    },
    4,
    SD,
  ],
  [
    'physical-abuse-by-adult',
    { factors: ['18C'], ages: [6], description: 'Red hand-shaped mark on his cheek; says his stepdad slapped him.' },
    4,
    SD,
  ],
  [
    'unexplained-injury',
    {
      agency: 'health-visitor',
      factors: ['18C'],
      indicators: ['unexplained-injury'],
      ages: [3],
      description: 'Bruising to both ears with no explanation offered by the parents.',
    },
    4,
    SD,
  ],
  [
    'sexual-abuse-by-adult',
    {
      factors: ['19C'],
      ages: [11],
      description: 'Disclosed to her teacher that an uncle touches her when he babysits.',
    },
    4,
    SD,
  ],
  [
    'female-genital-mutilation',
    {
      agency: 'gp',
      factors: ['22A'],
      ages: [9],
      description: 'Family planning a long summer trip for a “special ceremony”; older sister has had FGM.',
    },
    4,
    SD,
  ],
  [
    'abuse-linked-to-faith-or-belief',
    {
      factors: ['23A'],
      ages: [10],
      description: 'Says his aunt calls him a witch and made him fast to drive out a spirit.',
    },
    4,
    SD,
  ],
  [
    'disclosure-of-abuse',
    {
      factors: ['17A'],
      indicators: ['disclosure-of-abuse'],
      ages: [11],
      description: 'Told a teaching assistant her dad locks her in her room without food.',
    },
    4,
    SD,
  ],
  // Issue 9 / Working Together 2023 ch. 3: immediate danger needs immediate protective action and a strategy discussion (s47), not a 45-day s17 assessment.
  [
    'immediate-danger',
    {
      agency: 'member-of-public',
      factors: ['20'],
      immediateDanger: true,
      ages: [4],
      description: 'Small child seen alone on a balcony railing at a fourth-floor flat.',
    },
    4,
    SD,
  ],
  [
    'other-concern',
    { factors: ['20'], description: 'Family has arrived from abroad with no school place and no GP registration.' },
    2,
    'early-help-single-agency',
  ],
  [
    'no-factors',
    {
      agency: 'family-member',
      factors: ['21'],
      description: 'Grandparent asking where to find parenting courses for her daughter.',
    },
    1,
    'information-advice',
  ],
  [
    'school-attendance',
    {
      factors: ['20'],
      indicators: ['school-attendance'],
      description: 'Attendance has fallen to 85% this term with frequent Monday absences.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'missing-education',
    {
      agency: 'education-service',
      factors: ['20'],
      indicators: ['missing-education'],
      description: 'Removed from roll for home education; no evidence of any education at home.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'development-delay-unaddressed',
    {
      agency: 'health-visitor',
      factors: ['6A'],
      indicators: ['development-delay-unaddressed'],
      ages: [6],
      description: 'Speech delay identified last year; speech therapy appointments not attended.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'parental-alcohol-misuse',
    { factors: ['1B'], description: 'Mother has smelled of alcohol at school pick-up several times.' },
    2,
    'early-help-single-agency',
  ],
  [
    'parental-alcohol-misuse-impairs-care',
    {
      factors: ['1B'],
      indicators: ['parental-alcohol-misuse-impairs-care'],
      description: 'Father too drunk to collect the child twice this week; child walked home alone.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'parental-drug-misuse',
    {
      agency: 'gp',
      factors: ['2B'],
      description: 'Parent on a methadone script, stable, asking for help with parenting.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'parental-drug-misuse-impairs-care',
    {
      agency: 'gp',
      factors: ['2B'],
      indicators: ['parental-drug-misuse-impairs-care'],
      description: 'Parent using heroin again; child is getting himself up and to school.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'parental-domestic-abuse',
    { factors: ['3B'], description: 'Child told staff that daddy hurt mummy and the police came last night.' },
    2,
    'early-help-single-agency',
  ],
  [
    'dash-standard',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'standard' },
      description: 'Verbal argument between parents reported by neighbours; DASH standard.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'dash-medium',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'medium' },
      description: 'Partner smashed the mother’s phone and threatened her; DASH medium.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'dash-high',
    {
      agency: 'police',
      factors: ['3B'],
      screening: { dashRisk: 'high' },
      description: 'Strangulation reported by the mother; partner has been arrested; DASH high.',
    },
    4,
    SD,
  ],
  [
    'parent-mental-health',
    {
      agency: 'gp',
      factors: ['4B'],
      description: 'Mother has postnatal depression and is struggling to get out of the house.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'parent-mental-health-affects-care',
    {
      agency: 'gp',
      factors: ['4B'],
      indicators: ['parent-mental-health-affects-care'],
      description: 'Father has stopped his medication and is staying in bed all day.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'parent-threat-to-harm-child',
    {
      agency: 'gp',
      factors: ['4B'],
      indicators: ['parent-threat-to-harm-child'],
      description: 'Mother told her GP she has thoughts of smothering the baby.',
    },
    4,
    SD,
  ],
  [
    'parent-learning-disability',
    {
      agency: 'health-visitor',
      factors: ['5B'],
      description: 'Both parents have learning disabilities and need help with feeding routines.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'parent-physical-disability-or-illness',
    { factors: ['6B'], description: 'Mother undergoing chemotherapy and unable to do the school run.' },
    2,
    'early-help-single-agency',
  ],
  [
    'inconsistent-care',
    {
      factors: ['20'],
      indicators: ['inconsistent-care'],
      description: 'No bedtime routine; child often arrives exhausted and late.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'parent-unable-to-protect',
    {
      agency: 'police',
      factors: ['3B'],
      indicators: ['parent-unable-to-protect'],
      description: 'Mother has let the violent ex-partner back into the home again.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'early-help-not-engaged',
    {
      agency: 'early-help',
      factors: ['20'],
      indicators: ['early-help-not-engaged'],
      description: 'Family closed early help after two visits; school concerns are growing.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'home-conditions-hazardous',
    {
      agency: 'housing',
      factors: ['16A'],
      indicators: ['home-conditions-hazardous'],
      description: 'Dog faeces on the floors and exposed wiring in the child’s bedroom.',
    },
    3,
    'early-help-targeted',
  ],
  // Working Together 2023 definition of neglect: failure to ensure adequate supervision, including inadequate care-givers.
  [
    'young-child-left-alone',
    {
      agency: 'member-of-public',
      factors: ['16A'],
      indicators: ['young-child-left-alone'],
      ages: [6],
      description: 'Six-year-old left alone in the flat all evening while the parent worked.',
    },
    4,
    SD,
  ],
  [
    'no-carer-available',
    {
      agency: 'police',
      factors: ['20'],
      indicators: ['no-carer-available'],
      description: 'Only parent arrested; no other adult available to care for the child tonight.',
    },
    4,
    'csc-assessment',
  ],
  // Working Together 2023 definition of neglect includes abandonment: a strategy discussion.
  [
    'child-abandoned',
    {
      agency: 'police',
      factors: ['16A'],
      indicators: ['child-abandoned'],
      ages: [5],
      description: 'Child found alone at the bus station; note in her pocket says her mother has gone abroad.',
    },
    4,
    SD,
  ],
  [
    'household-alcohol-misuse',
    { factors: ['1C'], description: 'Adult lodger drinks heavily and is abusive towards the family.' },
    2,
    'early-help-single-agency',
  ],
  [
    'household-drug-misuse',
    { factors: ['2C'], description: 'Older brother, 19, deals cannabis from the family home.' },
    2,
    'early-help-single-agency',
  ],
  [
    'household-domestic-abuse',
    {
      agency: 'police',
      factors: ['3C'],
      description: 'Adult uncle assaulted the grandmother while the child was present.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'household-mental-health',
    { factors: ['4C'], description: 'Adult sister with psychosis shouts through the night; child not sleeping.' },
    2,
    'early-help-single-agency',
  ],
  [
    'household-learning-disability',
    {
      factors: ['5C'],
      description: 'Grandfather with a learning disability lives with them; mother wants carer advice.',
    },
    1,
    'information-advice',
  ],
  [
    'household-illness-or-disability',
    { factors: ['6C'], description: 'Grandmother has dementia and lives with the family; they want carer advice.' },
    1,
    'information-advice',
  ],
  // Working Together 2023 ch. 3: a pre-birth assessment where earlier children were removed.
  [
    'previous-children-removed',
    {
      agency: 'hospital-or-other-health',
      factors: ['20'],
      indicators: ['previous-children-removed'],
      ages: ['unborn'],
      description: 'Booked at 30 weeks; the two older children were adopted after care proceedings in 2022.',
    },
    4,
    'csc-assessment',
  ],
  [
    'person-posing-risk',
    {
      agency: 'probation',
      factors: ['20'],
      indicators: ['person-posing-risk'],
      description: 'Man convicted of offences against children has moved in with the family.',
    },
    4,
    SD,
  ],
  [
    'housing-unsuitable',
    {
      agency: 'housing',
      factors: ['20'],
      indicators: ['housing-unsuitable'],
      description: 'Family of five in a one-bedroom flat with damp and mould.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'family-homeless',
    {
      agency: 'housing',
      factors: ['20'],
      indicators: ['family-homeless'],
      description: 'Family evicted today and sleeping in the car; no local connection.',
    },
    3,
    'early-help-targeted',
  ],
  // R (G) v Southwark [2009] UKHL 26: a homeless 16 or 17 year old is assessed by children's social care as a child in need (s17).
  [
    'young-person-homeless',
    {
      agency: 'housing',
      factors: ['20'],
      indicators: ['young-person-homeless'],
      ages: [16],
      description: 'Asked to leave by his mother after arguments; sofa-surfing until the weekend.',
    },
    4,
    'csc-assessment',
  ],
  // MHCLG/DfE 2018 joint guidance: nowhere safe to stay that night means emergency accommodation today.
  [
    'young-person-nowhere-safe-tonight',
    {
      agency: 'housing',
      factors: ['20'],
      indicators: ['young-person-nowhere-safe-tonight'],
      ages: [17],
      description: 'Thrown out this afternoon after a row; has nowhere to sleep tonight.',
    },
    4,
    'csc-assessment',
  ],
  [
    'financial-hardship',
    {
      agency: 'voluntary-or-community',
      factors: ['21'],
      indicators: ['financial-hardship'],
      description: 'Using the food bank weekly since benefits were stopped.',
    },
    1,
    'information-advice',
  ],
  // NRPF Network (2021) and Children Act 1989 s17: a destitute family with no recourse to public funds is assessed by social care.
  [
    'family-destitute-no-recourse-to-public-funds',
    {
      agency: 'voluntary-or-community',
      factors: ['20'],
      indicators: ['family-destitute-no-recourse-to-public-funds'],
      ages: [4],
      description:
        'Mother has no recourse to public funds and has been asked to leave her friend’s flat; no money for food.',
    },
    4,
    'csc-assessment',
  ],
  [
    'social-isolation',
    {
      agency: 'health-visitor',
      factors: ['21'],
      indicators: ['social-isolation'],
      description: 'New to the area with no family or friends nearby; wants groups to join.',
    },
    1,
    'information-advice',
  ],
  [
    'radicalisation',
    {
      factors: ['20'],
      indicators: ['radicalisation'],
      ages: [15],
      description: 'Sharing extreme right-wing material and talking about violence in class.',
    },
    3,
    'early-help-targeted',
  ],
  [
    'radicalised-by-family-or-taken-to-conflict-zone',
    {
      factors: ['20'],
      indicators: ['radicalised-by-family-or-taken-to-conflict-zone'],
      ages: [10],
      description: 'Mother shows her beheading videos and says they will soon leave to live under the caliphate.',
    },
    4,
    SD,
  ],
  [
    'forced-marriage-or-honour-based-abuse',
    {
      factors: ['20'],
      indicators: ['forced-marriage-or-honour-based-abuse'],
      ages: [16],
      description: 'Told a teacher she will be married abroad in the summer holidays against her will.',
    },
    4,
    SD,
  ],
  [
    'parent-in-custody',
    {
      factors: ['20'],
      indicators: ['parent-in-custody'],
      description: 'Father sentenced to three years; child upset and withdrawn at school.',
    },
    2,
    'early-help-single-agency',
  ],
  [
    'bereavement',
    {
      factors: ['21'],
      indicators: ['bereavement'],
      description: 'Grandmother, the main carer after school, died last month.',
    },
    1,
    'information-advice',
  ],
];

describe('every indicator in the default ruleset', () => {
  const ruleset = getDefaultRuleset();

  it('has a scenario', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(ruleset.indicators.map((i) => i.id).sort());
  });

  it.each(rows)('%s', (id, scenario, level, route) => {
    const recommendation = recommend(inputFor(scenario));
    const reason = recommendation.reasons.find((r) => r.id === id);
    expect(reason).toBeDefined();
    expect(reason!.evidence.length).toBeGreaterThan(0);
    const indicator = ruleset.indicators.find((i) => i.id === id)!;
    expect(reason!.text).toContain(indicator.text);
    expect({ level: recommendation.level, route: recommendation.route }).toEqual({ level, route });
    if (indicator.immediateRisk || indicator.strategyDiscussion) expect(recommendation.priority).toBe('red');
    for (const theme of indicator.themes) expect(recommendation.themes).toContain(theme);
  });
});
