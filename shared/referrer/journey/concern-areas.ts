import { ASSESSMENT_FACTORS } from '../../notification';
import { getDefaultRuleset } from '../../rules';
import type { Answers, Option } from './types';

/**
 * "What are you worried about?" in the referrer's words: first a short list of broad areas, then
 * the specifics of each chosen area on its own page. Each specific is one indicator of the area's
 * levels-of-need guidance, said the way a teacher, neighbour or GP would say it, with no level of
 * need or service named, so the referrer describes what they know and the front door decides.
 *
 * Indicators the referrer never picks are not offered: the screening ones (DASH, CSE screening,
 * missing episodes) come from the risk assessment answers, immediate danger from its own question,
 * and "no factors identified" makes no sense to someone reporting a worry.
 */

export interface ConcernArea {
  id: string;
  /** The broad area, as the referrer chooses it. */
  text: string;
  hint?: string;
  /** The specifics page's question. */
  question: string;
  /** The specifics page's hint, when the referrer needs to know more than "Select all that apply". */
  questionHint?: string;
  /** Indicator id → what the referrer would say. */
  specifics: Record<string, string>;
}

export const CONCERN_AREAS: ConcernArea[] = [
  {
    id: 'harm',
    text: 'Someone has hurt the child, or might',
    hint: 'Physical, sexual or emotional abuse, an injury, or something the child has told someone',
    question: 'What do you know about the child being hurt?',
    specifics: {
      'disclosure-of-abuse': 'The child has told someone they are being abused',
      'physical-abuse-by-adult': 'An adult has hit, kicked, shaken, burned or otherwise physically hurt the child',
      // A bruise on a baby who cannot crawl is suspicious whatever the explanation (NICE CG89), and a
      // referrer reporting one looks here, not under disability.
      'unexplained-injury':
        'The child has an injury nobody has explained, or the explanation does not fit, or a baby who cannot crawl yet has any bruise or injury',
      'sexual-abuse-by-adult': 'An adult has sexually abused the child, or may have',
      'emotional-abuse': 'The child is often shouted at, threatened, blamed or made to feel worthless',
      'emotional-abuse-severe': 'How the child is treated is so frightening or cruel that it is seriously harming them',
      'parent-threat-to-harm-child': 'A parent or carer has said they have thought about harming the child',
      'person-posing-risk': 'Someone who may be a danger to children lives with the child or spends time with them',
      'physical-abuse-by-child': 'Another child or young person has physically hurt them',
      'serious-peer-assault': 'Another child or young person has seriously assaulted them',
      'harmful-sexual-behaviour-by-child': 'Another child or young person has sexually abused them',
    },
  },
  {
    id: 'care',
    text: 'The child is not being looked after properly',
    hint: 'Food, clothing, hygiene, supervision, the state of the home',
    question: 'What worries you about how the child is looked after?',
    specifics: {
      'neglect-reported':
        "The child's basic needs are not met, such as food, clean clothes, warmth, hygiene or medical care",
      'neglect-persistent': 'This has gone on for a long time, or keeps happening',
      'neglect-severe': 'The child is being seriously harmed by the lack of care',
      'home-conditions-hazardous': 'The home is dirty or dangerous for a child to live in',
      'young-child-left-alone': 'A young child is left alone, or with someone who cannot look after them',
      'no-carer-available': 'There is nobody to look after the child',
      'child-abandoned': 'The child has been abandoned by their parents or carers',
      'previous-children-removed': "The parents' other children have been taken into care or adopted",
      'inconsistent-care': 'There are no routines, rules or boundaries at home, or they keep changing',
      'parent-unable-to-protect': 'A parent or carer cannot or will not keep the child safe from someone else',
      'early-help-not-engaged': 'The family has turned down help they were offered, and things are getting worse',
    },
  },
  {
    id: 'domestic-abuse',
    text: 'Domestic abuse',
    hint: 'Violence, threats or controlling behaviour at home',
    question: 'What do you know about domestic abuse?',
    specifics: {
      'parental-domestic-abuse': 'There is violence or abuse between the adults who look after the child',
      'household-domestic-abuse': 'Someone else who lives in the home is violent or abusive',
      'child-subject-of-domestic-abuse': 'The young person is being abused by a partner or by someone in the family',
    },
  },
  {
    id: 'alcohol-drugs',
    text: 'Alcohol or drugs',
    hint: "The child's own, or that of the adults around them",
    question: 'Whose drinking or drug use worries you?',
    specifics: {
      'child-alcohol-use': 'The child drinks alcohol',
      'child-alcohol-use-harmful': "The child's drinking is harming them or putting them at risk",
      'child-drug-use': 'The child uses drugs',
      'child-drug-use-harmful': "The child's drug use is harming them or putting them at risk",
      'parental-alcohol-misuse': 'A parent or carer drinks too much',
      'parental-alcohol-misuse-impairs-care':
        "A parent or carer's drinking stops them looking after the child properly",
      'parental-drug-misuse': 'A parent or carer uses drugs',
      'parental-drug-misuse-impairs-care': "A parent or carer's drug use stops them looking after the child properly",
      'household-alcohol-misuse': 'Someone else in the home drinks too much',
      'household-drug-misuse': 'Someone else in the home uses drugs',
    },
  },
  {
    id: 'mental-health',
    text: 'Mental health, self-harm or grief',
    hint: "The child's, or that of the adults around them",
    question: 'What worries you about mental health?',
    specifics: {
      'child-mental-health': 'The child seems anxious, low or unhappy, or has a mental health condition',
      'child-mental-health-severe': "The child's mental health is seriously affecting their everyday life",
      'self-harm': 'The child is hurting themselves on purpose',
      'self-harm-serious': 'The child has seriously hurt themselves or tried to end their life',
      'parent-mental-health': 'A parent or carer has mental health difficulties',
      'parent-mental-health-affects-care':
        "A parent or carer's mental health stops them looking after the child properly",
      'household-mental-health': 'Someone else in the home has mental health difficulties',
      bereavement: 'Someone close to the child has died',
    },
  },
  {
    id: 'disability-caring',
    text: 'Disability, illness or caring for someone',
    hint: "The child's, or that of the adults around them",
    question: 'What worries you about disability, illness or caring?',
    specifics: {
      'child-learning-disability': 'The child has a learning disability',
      'child-physical-disability-or-illness': 'The child has a physical disability or a long-term illness',
      'child-care-needs-unmet': "The disabled child's care needs are not being met",
      // A baby who cannot yet crawl is not independently mobile too: "because of a disability" alone
      // turned away a health visitor reporting a bruised baby (NICE CG89; bruising protocols).
      'child-not-independently-mobile':
        'The child cannot move about on their own yet, such as a baby who cannot crawl, or an older child who cannot crawl or walk because of a disability',
      'young-carer': 'The child looks after someone in the family',
      'young-carer-substantial': 'Caring is too much for the child, or stops them going to school or seeing friends',
      'parent-learning-disability': 'A parent or carer has a learning disability',
      'parent-physical-disability-or-illness': 'A parent or carer has a disability or a serious illness',
      'household-learning-disability': 'Someone else in the home has a learning disability',
      'household-illness-or-disability': 'Someone else in the home has a disability or a serious illness',
    },
  },
  {
    id: 'exploitation',
    text: 'Going missing, exploitation or gangs',
    hint: 'Running away, being groomed, used to carry drugs or money, or trafficked',
    question: 'What do you know about the child going missing or being exploited?',
    specifics: {
      'missing-reported': 'The child has gone missing from home or from care',
      'cse-reported':
        'The child may be being sexually exploited, for example given gifts, money, drugs or alcohol for sex',
      'criminal-exploitation': 'The child may be being made to commit crimes for someone else',
      'county-lines': 'The child may be carrying drugs or money between towns for others',
      'gang-involvement': 'The child is involved with a gang',
      trafficking: 'The child may have been brought or moved somewhere to be exploited',
    },
  },
  {
    id: 'behaviour-school',
    text: 'Behaviour, school or development',
    hint: 'Behaviour, offending, missing school, or health and development needs not seen to',
    question: "What worries you about the child's behaviour, schooling or development?",
    specifics: {
      'socially-unacceptable-behaviour':
        "The child's behaviour is causing concern at home, at school or in the community",
      'persistent-offending-or-violence': 'The child keeps getting into trouble with the police, or is violent',
      'school-attendance': 'The child often misses school or nursery',
      'missing-education': 'The child is not at any school and is not being educated',
      'development-delay-unaddressed':
        "The child's health or development needs are not seen to, for example missed appointments",
    },
  },
  {
    id: 'home-family',
    text: 'Home, money or family circumstances',
    hint: 'Housing, money, isolation, a parent in prison, who the child lives with',
    question: "What worries you about the child's home or family circumstances?",
    specifics: {
      'housing-unsuitable': 'The home is unsuitable or overcrowded',
      'family-homeless': 'The family is homeless, or about to be',
      'young-person-homeless': 'The young person is 16 or 17 and is homeless, or about to be, without their family',
      'young-person-nowhere-safe-tonight': 'The young person is 16 or 17 and has nowhere safe to stay tonight',
      'financial-hardship': 'The family is struggling for money',
      'family-destitute-no-recourse-to-public-funds':
        'The family has no recourse to public funds (because of immigration status) and no money or home',
      'social-isolation': 'The family has nobody around to support them',
      'parent-in-custody': 'A parent is in prison',
      'private-fostering':
        'The child is under 16 and has lived for 28 days or more with someone who is not a parent or close relative, arranged privately',
      'unaccompanied-asylum-seeking-child': 'The child has come to the UK without a parent or carer',
    },
  },
  {
    id: 'harmful-practices',
    text: 'Forced marriage, FGM, extremism or abuse linked to beliefs',
    question: 'What do you know about this?',
    // The FGM reporting duty is the professional's own and cannot be passed on by telling us
    // (FGM Act 2003 s5B; Home Office, Mandatory reporting of FGM: procedural information, 2020).
    questionHint:
      'Select all that apply. If you are a teacher, or a health or social care professional, and a girl under 18 tells you she has had FGM or you see signs of it, you must also report it to the police yourself. Call 101.',
    specifics: {
      'female-genital-mutilation': 'The child has had, or may be at risk of, female genital mutilation (FGM)',
      'forced-marriage-or-honour-based-abuse':
        'The child may be forced to marry, or is at risk of so-called honour-based abuse',
      'abuse-linked-to-faith-or-belief':
        'The child is being harmed because of a belief, such as witchcraft or spirit possession',
      radicalisation: 'The child may be being drawn into extremist views or groups',
      'radicalised-by-family-or-taken-to-conflict-zone':
        'Someone in the family is drawing the child into extremism, or may take them to a war zone',
    },
  },
];

/** "Something else": no specifics to choose from; the referrer says what in their own words. */
export const SOMETHING_ELSE = {
  id: 'something-else',
  indicator: 'other-concern',
  text: 'Something else',
  hint: 'You can describe it in your own words on a later page',
};

const known = () => new Set(getDefaultRuleset().indicators.map((i) => i.id));

/** An area's specifics as options, leaving out any the area's guidance does not have. */
export const specificOptions = (area: ConcernArea): Option[] => {
  const indicators = known();
  return Object.entries(area.specifics)
    .filter(([id]) => indicators.has(id))
    .map(([value, text]) => ({ value, text }));
};

export const areaOptions = (): Option[] => [
  ...CONCERN_AREAS.map((a) => ({ value: a.id, text: a.text, hint: a.hint })),
  { value: SOMETHING_ELSE.id, text: SOMETHING_ELSE.text, hint: SOMETHING_ELSE.hint },
];

export const findArea = (id: string): ConcernArea | undefined => CONCERN_AREAS.find((a) => a.id === id);

/** The chosen areas that have a page of specifics, in the order the areas are listed. */
export const chosenAreas = (answers: Answers): ConcernArea[] =>
  CONCERN_AREAS.filter((a) => answers.concernAreas?.includes(a.id));

/** The indicators the referrer chose that still belong to an area they chose. */
export const chosenIndicators = (answers: Answers): string[] => {
  const areas = answers.concernAreas ?? [];
  const allowed = new Set([
    ...chosenAreas(answers).flatMap((a) => Object.keys(a.specifics)),
    ...(areas.includes(SOMETHING_ELSE.id) ? [SOMETHING_ELSE.indicator] : []),
  ]);
  return ((answers.concerns?.indicators as string[] | undefined) ?? []).filter((id) => allowed.has(id));
};

/**
 * Assessment factors the chosen specifics point to, offered on check your answers for the
 * referrer to accept: nothing is recorded that the referrer did not confirm. "Other" and "no
 * factors" are never suggested: they say nothing the referrer's own words do not say better.
 */
export const suggestedFactors = (answers: Answers): string[] => {
  const byId = new Map(getDefaultRuleset().indicators.map((i) => [i.id, i]));
  const suggested = chosenIndicators(answers).flatMap((id) => byId.get(id)?.factors ?? []);
  return [...new Set(suggested)]
    .filter((code) => code !== '20' && code !== '21' && code in ASSESSMENT_FACTORS)
    .sort(byCode);
};

const byCode = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);

/** The specifics of every area, for showing the referrer's choices back to them. */
export const specificText = (id: string): string | undefined =>
  id === SOMETHING_ELSE.indicator ? SOMETHING_ELSE.text : CONCERN_AREAS.find((a) => id in a.specifics)?.specifics[id];

/** The children a chosen worry is about, when it is some of them only; undefined when it is every child. */
export const childrenOf = (answers: Answers, id: string): number[] | undefined => {
  const count = answers.children?.length ?? 0;
  const ticked = [...new Set((answers.concernsAbout?.[id] ?? []).map(Number))].filter((i) => i >= 0 && i < count);
  return ticked.length > 0 && ticked.length < count ? ticked.sort((a, b) => a - b) : undefined;
};

/** Whether to ask which child each worry is about: several children and at least one worry. */
export const whichChildAsked = (answers: Answers): boolean =>
  (answers.children?.length ?? 0) > 1 && chosenIndicators(answers).length > 0;

/**
 * The referrer's concerns split into those about every child and each child's own: a worry about
 * some children only is theirs; a census category the referrer accepted goes with the worries that
 * suggested it, and is about every child when any of them is (or none suggested it).
 */
export const concernsByChild = (
  answers: Answers,
  indicators: string[],
  factors: string[],
): { indicators: string[]; factors: string[]; children: { indicators: string[]; factors: string[] }[] } => {
  const count = answers.children?.length ?? 0;
  const byId = new Map(getDefaultRuleset().indicators.map((i) => [i.id, i]));
  const own = Array.from({ length: count }, () => ({ indicators: [] as string[], factors: [] as string[] }));
  const everyChild = { indicators: [] as string[], factors: [] as string[] };
  for (const id of indicators) {
    const some = childrenOf(answers, id);
    if (some) for (const i of some) own[i]!.indicators.push(id);
    else everyChild.indicators.push(id);
  }
  for (const code of factors) {
    const from = indicators.filter((id) => (byId.get(id)?.factors as string[] | undefined)?.includes(code));
    const some = from.map((id) => childrenOf(answers, id));
    if (from.length === 0 || some.some((c) => c === undefined)) everyChild.factors.push(code);
    else for (const i of new Set(some.flat() as number[])) own[i]!.factors.push(code);
  }
  return { ...everyChild, children: own };
};

/** The risk assessments page is asked only when a chosen area is one the assessments are for. */
export const screeningAsked = (answers: Answers): boolean =>
  Boolean(answers.concernAreas?.some((id) => id === 'domestic-abuse' || id === 'exploitation'));
