import {
  AGENCY_TYPES,
  ASSESSMENT_FACTORS,
  ETHNICITIES,
  GENDERS,
  childName,
  isProfessionalAgencyType,
  normalisePostcode,
} from '../../notification';
import {
  CONCERN_AREAS,
  areaOptions,
  chosenIndicators,
  findArea,
  specificOptions,
  specificText,
  suggestedFactors,
} from './concern-areas';
import type { Answers, Field, ListName, Option, Page } from './types';
import { ADULT_CONCERN_PAGE } from './adult-concern-page';

/**
 * Every question page of the journey: what each asks, in GOV.UK style, and where each answer
 * goes in the draft. Which page comes when is in navigation.ts.
 */

const labelled = <T extends Record<string, string>>(table: T): Option[] =>
  Object.entries(table).map(([value, text]) => ({ value, text }));

const AGENCY_LABELS: Record<string, string> = {
  gp: 'GP practice',
  'la-social-care': "Council children's social care",
  'la-other-service': 'Another council service',
  'another-local-authority': 'Another local authority',
  'emergency-department': 'Hospital emergency department',
  'hospital-or-other-health': 'Hospital or other health service',
  'primary-health': 'Other primary health service',
  'voluntary-or-community': 'Voluntary or community organisation',
  self: 'I am the child or young person',
  anonymous: 'I do not want to give my details',
};
/** Organisations a professional may work for: people telling us for themselves say so on the page before. */
const agencyOptions: Option[] = Object.keys(AGENCY_TYPES)
  .filter(isProfessionalAgencyType)
  .map((value) => ({
    value,
    text: AGENCY_LABELS[value] ?? `${value[0]!.toUpperCase()}${value.slice(1).replace(/-/g, ' ')}`,
  }));

/** How the referrer is telling us decides what we ask about them (GOV.UK: ask only what you need). */
export const REFERRER_KINDS: Option[] = [
  { value: 'professional', text: 'As part of my work' },
  { value: 'family-member', text: "As a member of the child's family" },
  { value: 'acquaintance', text: 'As a friend or neighbour, or someone else who knows the family' },
  { value: 'member-of-public', text: 'As a member of the public' },
  { value: 'self', text: 'I am the child or young person' },
  { value: 'anonymous', text: 'I do not want to give my details' },
];

const yes = 'yes';

/** "9:30pm", "9.30 pm", "9pm" or "0930" as the 24-hour time the record keeps; anything else as typed, for the schema to question. */
export const twentyFourHour = (value: string): string => {
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!match) return value.trim();
  let hour = Number(match[1]);
  const minute = match[2] ?? '00';
  const half = match[3]?.toLowerCase();
  if (half && (hour < 1 || hour > 12)) return value.trim();
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${minute}`;
};
const addressFields = (prefix: string): Field[] => [
  {
    name: 'line1',
    path: `${prefix}.line1`,
    kind: 'text',
    label: 'Address line 1',
    autocomplete: 'address-line1',
    required: 'Enter address line 1, typically the building and street',
  },
  {
    name: 'line2',
    path: `${prefix}.line2`,
    kind: 'text',
    label: 'Address line 2 (optional)',
    autocomplete: 'address-line2',
    optional: true,
  },
  {
    name: 'town',
    path: `${prefix}.town`,
    kind: 'text',
    label: 'Town or city',
    autocomplete: 'address-level2',
    width: 'one-half',
    required: 'Enter town or city',
  },
  {
    name: 'postcode',
    path: `${prefix}.postcode`,
    kind: 'text',
    label: 'Postcode',
    autocomplete: 'postal-code',
    width: '10',
    required: 'Enter postcode',
    normalise: normalisePostcode,
  },
];

const personFields = (list: ListName): Field[] => [
  { name: 'name', path: `${list}.#.name`, kind: 'text', label: 'Full name', required: 'Enter their full name' },
  {
    name: 'relationship',
    path: `${list}.#.relationship`,
    kind: 'text',
    label: 'Relationship to the child',
    hint: 'For example, mother, stepfather, foster carer, lodger',
    required: 'Enter their relationship to the child',
  },
  {
    name: 'dateOfBirth',
    path: `${list}.#.dateOfBirth`,
    kind: 'date',
    label: 'Date of birth (optional)',
    hint: 'For example, 27 3 1990',
    optional: true,
  },
  {
    name: 'phone',
    path: `${list}.#.phone`,
    kind: 'tel',
    label: 'Telephone number (optional)',
    optional: true,
    width: '20',
  },
];

export const ITEM_PAGES: Record<ListName, (index: number) => Page[]> = {
  children: (i) => [
    {
      id: `children/${i}/details`,
      list: 'children',
      title: i === 0 ? 'About the child' : 'About the next child',
      caption: `Child ${i + 1}`,
      fields: [
        // Only what the referrer knows: a born child needs some name, an unborn baby none.
        {
          name: 'firstName',
          path: 'children.#.firstName',
          kind: 'text',
          label: 'First name',
          hint: 'Leave blank if you do not know',
          width: 'one-half',
          optional: true,
        },
        {
          name: 'lastName',
          path: 'children.#.lastName',
          kind: 'text',
          label: 'Last name',
          hint: 'Leave blank if you do not know',
          width: 'one-half',
          optional: true,
        },
        {
          name: 'otherNames',
          path: 'children.#.otherNames',
          kind: 'text',
          label: 'Other names the child is known by (optional)',
          hint: 'For example, a nickname, or a description like "the boy at number 5"',
          optional: true,
          width: 'one-half',
        },
        {
          name: 'born',
          path: 'children.#.born',
          kind: 'radios',
          label: 'Has the child been born?',
          required: 'Select yes if the child has been born',
          options: [
            { value: yes, text: 'Yes' },
            { value: 'yes-age-only', text: 'Yes, but I do not know their date of birth' },
            { value: 'no', text: 'No, this is an unborn baby' },
          ],
        },
        {
          name: 'dateOfBirth',
          path: 'children.#.dateOfBirth',
          kind: 'date',
          label: 'Date of birth',
          hint: 'For example, 27 3 2015',
          when: { field: 'born', value: yes },
          required: "Enter the child's date of birth",
        },
        {
          name: 'approximateAge',
          path: 'children.#.approximateAge',
          kind: 'number',
          label: 'Roughly how old are they, in years? (optional)',
          hint: 'Leave blank if you do not know',
          width: '2',
          optional: true,
          when: { field: 'born', value: 'yes-age-only' },
        },
        {
          name: 'expectedDateOfDelivery',
          path: 'children.#.expectedDateOfDelivery',
          kind: 'date',
          label: 'Expected date of delivery',
          hint: 'For example, 14 6 2027',
          when: { field: 'born', value: 'no' },
          required: 'Enter the expected date of delivery',
        },
        {
          name: 'gender',
          path: 'children.#.gender',
          kind: 'radios',
          label: 'Gender',
          options: labelled(GENDERS),
          required: "Select the child's gender",
        },
        {
          name: 'ethnicity',
          path: 'children.#.ethnicity',
          kind: 'select',
          label: 'Ethnicity (optional)',
          hint: 'Choose "Information not yet obtained" if you do not know',
          options: labelled(ETHNICITIES),
          optional: true,
        },
        {
          name: 'nhsNumber',
          path: 'children.#.nhsNumber',
          kind: 'text',
          label: 'NHS number (optional)',
          hint: 'It is 10 digits, like 999 123 4567',
          optional: true,
          width: '10',
        },
      ],
    },
    {
      id: `children/${i}/address`,
      list: 'children',
      title: 'Where the child lives and what they need',
      caption: `Child ${i + 1}`,
      fields: [
        ...addressFields('children.#.address'),
        {
          name: 'school',
          path: 'children.#.school',
          kind: 'text',
          label: 'School, nursery or college (optional)',
          optional: true,
        },
        {
          name: 'firstLanguage',
          path: 'children.#.firstLanguage',
          kind: 'text',
          label: "Child's first language (optional)",
          hint: 'Leave blank if you do not know',
          optional: true,
          width: 'one-half',
        },
        {
          name: 'interpreterNeeded',
          path: 'children.#.interpreterNeeded',
          kind: 'yesno',
          label: 'Does the child or family need an interpreter? (optional)',
          hint: 'Leave blank if you do not know',
          optional: true,
        },
        {
          name: 'disability',
          path: 'children.#.disability',
          kind: 'textarea',
          label: 'Disability or additional needs (optional)',
          hint: 'Leave blank if none or you do not know',
          optional: true,
        },
      ],
    },
  ],
  parentsAndCarers: (i) => [
    {
      id: `parentsAndCarers/${i}`,
      list: 'parentsAndCarers',
      title: 'Parent or carer',
      fields: [
        ...personFields('parentsAndCarers'),
        {
          name: 'parentalResponsibility',
          path: 'parentsAndCarers.#.parentalResponsibility',
          kind: 'yesno',
          label: 'Do they have parental responsibility? (optional)',
          optional: true,
        },
      ],
    },
  ],
  householdMembers: (i) => [
    {
      id: `householdMembers/${i}`,
      list: 'householdMembers',
      title: 'Someone else in the household',
      fields: personFields('householdMembers'),
    },
  ],
  otherProfessionals: (i) => [
    {
      id: `otherProfessionals/${i}`,
      list: 'otherProfessionals',
      title: 'Another professional involved',
      fields: [
        {
          name: 'name',
          path: 'otherProfessionals.#.name',
          kind: 'text',
          label: 'Full name',
          required: 'Enter their full name',
        },
        { name: 'role', path: 'otherProfessionals.#.role', kind: 'text', label: 'Role', required: 'Enter their role' },
        {
          name: 'organisation',
          path: 'otherProfessionals.#.organisation',
          kind: 'text',
          label: 'Organisation',
          required: 'Enter their organisation',
        },
        {
          name: 'contact',
          path: 'otherProfessionals.#.contact',
          kind: 'text',
          label: 'Telephone number or email address (optional)',
          optional: true,
        },
      ],
    },
  ],
};

/** The question asked on each list's summary page, and how its items are named. */
export const LISTS: Record<
  ListName,
  { title: string; question: string; noun: string; first: string; required: boolean }
> = {
  children: {
    title: 'Children you are worried about',
    question: 'Do you need to tell us about another child?',
    noun: 'child',
    first: 'children/0/details',
    required: true,
  },
  parentsAndCarers: {
    title: 'Parents and carers',
    question: 'Do you need to add a parent or carer?',
    noun: 'parent or carer',
    first: 'parentsAndCarers/0',
    required: false,
  },
  householdMembers: {
    title: 'Other people in the household',
    question: 'Do you need to add anyone else who lives in the household?',
    noun: 'household member',
    first: 'householdMembers/0',
    required: false,
  },
  otherProfessionals: {
    title: 'Other professionals involved',
    question: 'Do you need to add another professional who works with the family?',
    noun: 'professional',
    first: 'otherProfessionals/0',
    required: false,
  },
};

export const isListName = (id: string): id is ListName => id in LISTS;

/** The first page of a list's item. */
export const itemStart = (list: ListName, index: number) => ITEM_PAGES[list](index)[0]!.id;

/** A screening tool's outcome, lowest level first: DASH says "standard", CSE screening "low". */
const screeningLevel = (name: string, path: string, label: string, lowest: 'standard' | 'low'): Field => ({
  name,
  path,
  kind: 'radios',
  label,
  optional: true,
  options: [
    { value: lowest, text: lowest === 'standard' ? 'Standard' : 'Low' },
    { value: 'medium', text: 'Medium' },
    { value: 'high', text: 'High' },
  ],
});

const missingEpisodesField = (name: string, path: string, label: string): Field => ({
  name,
  path,
  kind: 'number',
  label,
  optional: true,
  width: '5',
});

/** A child's name as the form knows it, before the draft says whether they are born. */
const formChildName = (child: Record<string, unknown>): string =>
  childName({ ...child, expectedDateOfDelivery: child.born === 'no' ? 'unborn' : undefined });

/**
 * The risk assessments the referrer has done. The DASH level is about the household's adult
 * victim, so it is asked once; a CSE screening outcome and a count of missing episodes are about
 * one child, so with several children they are asked for each child by name.
 */
const screeningPage = (answers: Answers): Page => {
  const children = answers.children ?? [];
  const perChild: Field[] =
    children.length > 1
      ? children.flatMap((child, i) => {
          const name = formChildName(child);
          return [
            screeningLevel(
              `cseRisk-${i}`,
              `children.${i}.concerns.screening.cseRisk`,
              `${name}: child sexual exploitation screening outcome (optional)`,
              'low',
            ),
            missingEpisodesField(
              `missingEpisodes-${i}`,
              `children.${i}.concerns.screening.missingEpisodes`,
              `${name}: times gone missing in the last 90 days, including this time (optional)`,
            ),
          ];
        })
      : [
          screeningLevel(
            'cseRisk',
            'concerns.screening.cseRisk',
            'Child sexual exploitation screening outcome (optional)',
            'low',
          ),
          missingEpisodesField(
            'missingEpisodes',
            'concerns.screening.missingEpisodes',
            'Times the child has gone missing in the last 90 days, including this time (optional)',
          ),
        ];
  return {
    id: 'screening',
    title: 'Risk assessments you have done',
    intro: 'Answer only what you know. Leave the page blank otherwise.',
    fields: [
      screeningLevel(
        'dashRisk',
        'concerns.screening.dashRisk',
        'DASH domestic abuse risk level (optional)',
        'standard',
      ),
      ...perChild,
      // The return home interview is due 72 hours after the child came back, so we ask when that was.
      {
        name: 'returnedOn',
        path: 'concerns.screening.returnedOn',
        kind: 'date',
        label: 'Date the child came back or was found (optional)',
        hint: 'If the child went missing. For example, 27 11 2026',
        optional: true,
      },
      {
        name: 'returnedTime',
        path: 'concerns.screening.returnedTime',
        kind: 'text',
        label: 'Time the child came back or was found (optional)',
        hint: 'For example, 21:30 or 9:30pm',
        optional: true,
        width: '5',
        normalise: twentyFourHour,
      },
    ],
  };
};

const areasPage = (): Page => ({
  id: 'concerns',
  title: 'What are you worried about?',
  fields: [
    {
      name: 'areas',
      path: 'concernAreas',
      kind: 'checkboxes',
      label: 'What are you worried about?',
      hint: 'Select all that apply. You can say more about each on the next pages.',
      options: areaOptions(),
      required: 'Select what you are worried about',
    },
  ],
});

const specificsPage = (areaId: string): Page | undefined => {
  const area = findArea(areaId);
  return (
    area && {
      id: `concerns/${area.id}`,
      title: area.question,
      caption: area.text,
      fields: [
        {
          name: 'indicators',
          path: 'concerns.indicators',
          kind: 'checkboxes',
          label: area.question,
          hint: area.questionHint ?? 'Select all that apply',
          options: specificOptions(area),
          partOfList: true,
          required: 'Select what you know, or go back and choose a different area of concern',
        },
      ],
    }
  );
};

/**
 * Which child each worry is about, asked when there are several children: a worry about one
 * child (a 15-year-old's self-harm) is assessed for that child alone, one about the home
 * (domestic abuse) for every child (Working Together 2023: each child is assessed as an individual).
 */
const whichChildPage = (answers: Answers): Page => {
  const children = (answers.children ?? []).map((child, i) => ({
    value: String(i),
    text: formChildName(child),
  }));
  return {
    id: 'which-child',
    title: 'Which child is each worry about?',
    intro: 'Tick the children a worry is about. Leave a worry with no child ticked if it is about all of them.',
    fields: chosenIndicators(answers).map((id) => ({
      name: `about-${id}`,
      path: `concernsAbout.${id}`,
      kind: 'checkboxes',
      label: specificText(id) ?? id,
      hint: 'Select all the children it is about',
      options: children,
      optional: true,
    })),
  };
};

/** The suggested census categories, for the referrer to accept or leave (reached from check your answers). */
const categoriesPage = (answers: Answers): Page => {
  const accepted = (answers.concerns?.factors as string[] | undefined) ?? [];
  const offered = [...new Set([...suggestedFactors(answers), ...accepted])] as (keyof typeof ASSESSMENT_FACTORS)[];
  return {
    id: 'categories',
    title: 'Which of these describe your concern?',
    fields: [
      {
        name: 'factors',
        path: 'concerns.factors',
        kind: 'checkboxes',
        label: 'Which of these describe your concern?',
        optional: true,
        hint: 'We suggest these from what you chose, to record your notification in the national categories. Select only those that are true. Leave them all unselected if none is.',
        options: offered.map((code) => ({ value: code, text: ASSESSMENT_FACTORS[code] })),
      },
    ],
  };
};

const SIMPLE_PAGES: Page[] = [
  ADULT_CONCERN_PAGE,
  {
    id: 'immediate-danger',
    title: 'Is a child in immediate danger?',
    fields: [
      {
        name: 'immediateDanger',
        path: 'immediateDanger',
        kind: 'yesno',
        label: 'Is a child in immediate danger?',
        hint: 'For example, they are being hurt now, are about to be hurt, or have been left alone and cannot look after themselves',
        required: 'Select yes if a child is in immediate danger',
      },
    ],
  },
  {
    id: 'who-are-you',
    title: 'How are you telling us?',
    fields: [
      {
        name: 'referrerKind',
        path: 'referrerKind',
        kind: 'radios',
        label: 'How are you telling us?',
        options: REFERRER_KINDS,
        required: 'Select how you are telling us',
      },
    ],
  },
  {
    id: 'about-you',
    title: 'About you',
    intro: 'We use these details to tell you what we decide, and to phone you if we need to know more.',
    fields: [
      {
        name: 'name',
        path: 'referrer.name',
        kind: 'text',
        label: 'Full name',
        autocomplete: 'name',
        required: 'Enter your full name',
      },
      {
        name: 'role',
        path: 'referrer.role',
        kind: 'text',
        label: 'Your role',
        hint: 'For example, designated safeguarding lead, police constable, health visitor',
        autocomplete: 'organization-title',
        required: 'Enter your role',
      },
      {
        name: 'organisation',
        path: 'referrer.organisation',
        kind: 'text',
        label: 'Organisation',
        autocomplete: 'organization',
        required: 'Enter your organisation',
      },
      {
        name: 'agencyType',
        path: 'referrer.agencyType',
        kind: 'select',
        label: 'Type of organisation',
        options: agencyOptions,
        required: 'Select the type of organisation you work for',
      },
      {
        name: 'email',
        path: 'referrer.email',
        kind: 'email',
        label: 'Email address',
        hint: 'Use your secure work address if you have one: we only email details about children to secure addresses',
        autocomplete: 'email',
        required: 'Enter your email address',
      },
      {
        name: 'phone',
        path: 'referrer.phone',
        kind: 'tel',
        label: 'Telephone number',
        autocomplete: 'tel',
        width: '20',
        required: 'Enter your telephone number',
      },
      {
        name: 'agencyReference',
        path: 'agencyReference',
        kind: 'text',
        label: 'Your own reference (optional)',
        hint: 'For example, a police incident number',
        optional: true,
        width: '20',
      },
    ],
  },
  {
    id: 'what-happened',
    title: 'What has happened?',
    fields: [
      {
        name: 'description',
        path: 'concerns.description',
        kind: 'textarea',
        label: 'What has happened, and why are you worried?',
        hint: 'Say what you saw or were told, when, and by whom. Include anything the child said, in their words if you can.',
        required: 'Enter what has happened and why you are worried',
      },
    ],
  },
  {
    id: 'child-views',
    title: "The child's views",
    fields: [
      {
        name: 'childViews',
        path: 'childViews',
        kind: 'textarea',
        label: 'What does the child say about what is happening? (optional)',
        hint: 'Leave blank if you do not know',
        optional: true,
      },
    ],
  },
  {
    id: 'expectation',
    title: 'What do you expect to happen?',
    fields: [
      {
        name: 'expectation',
        path: 'expectation',
        kind: 'textarea',
        label: 'What do you expect to happen?',
        hint: 'For example, a social worker to visit, help for the family, or advice for you',
        required: 'Enter what you expect to happen',
      },
    ],
  },
  {
    id: 'consent',
    title: 'Consent to share information',
    fields: [
      {
        name: 'consentStatus',
        path: 'consent.status',
        kind: 'radios',
        label: 'Does the family know you are telling us, and agree?',
        required: 'Select whether the family knows you are telling us and agrees',
        options: [
          { value: 'given', text: 'Yes, they agreed to me sharing this information' },
          { value: 'refused', text: 'No, they refused' },
          { value: 'not-sought', text: 'I did not ask, because asking would increase the risk to the child' },
        ],
      },
      {
        name: 'refusedReason',
        path: 'consent.reason',
        kind: 'textarea',
        label: 'What did they say, and why are you telling us anyway?',
        when: { field: 'consentStatus', value: 'refused' },
        required: 'Enter what they said and why you are telling us anyway',
      },
      {
        name: 'notSoughtReason',
        path: 'consent.reason',
        kind: 'textarea',
        label: 'Why would asking increase the risk?',
        when: { field: 'consentStatus', value: 'not-sought' },
        required: 'Enter why asking would increase the risk',
      },
    ],
  },
];

/** "About you" for someone telling us for themselves: a name, and an email address or phone number. */
const individualPage = (): Page => ({
  id: 'about-you',
  title: 'About you',
  intro: 'Give an email address or a telephone number, or both, so that we can tell you what happens or ask you more.',
  fields: [
    {
      name: 'name',
      path: 'referrer.name',
      kind: 'text',
      label: 'Full name',
      autocomplete: 'name',
      required: 'Enter your full name',
    },
    {
      name: 'role',
      path: 'referrer.role',
      kind: 'text',
      label: 'How do you know the child? (optional)',
      hint: 'For example, grandparent, neighbour, family friend',
      optional: true,
    },
    {
      name: 'email',
      path: 'referrer.email',
      kind: 'email',
      label: 'Email address (optional)',
      autocomplete: 'email',
      optional: true,
    },
    {
      name: 'phone',
      path: 'referrer.phone',
      kind: 'tel',
      label: 'Telephone number (optional)',
      autocomplete: 'tel',
      width: '20',
      optional: true,
    },
  ],
});

/** "About you" for someone who stays anonymous: nothing is needed; a phone number lets us call back. */
const anonymousPage = (): Page => ({
  id: 'about-you',
  title: 'About you',
  intro: 'You do not have to tell us who you are. Without an email address we cannot tell you what we decide.',
  fields: [
    {
      name: 'phone',
      path: 'referrer.phone',
      kind: 'tel',
      label: 'Telephone number (optional)',
      hint: 'If you give one, we can call you if we need to know more',
      autocomplete: 'tel',
      width: '20',
      optional: true,
    },
  ],
});

/** The question page with this id (`about-you`, `children/1/address`, `concerns/harm`), if there is one. */
export const findPage = (id: string, answers: Answers): Page | undefined => {
  if (id === 'about-you' && answers.referrerKind === 'anonymous') return anonymousPage();
  if (id === 'about-you' && answers.referrerKind && answers.referrerKind !== 'professional') return individualPage();
  if (id === 'concerns') return areasPage();
  if (id === 'categories') return categoriesPage(answers);
  if (id === 'which-child') return whichChildPage(answers);
  if (id === 'screening') return screeningPage(answers);
  const simple = SIMPLE_PAGES.find((p) => p.id === id);
  if (simple) return simple;
  const area = /^concerns\/([a-z-]+)$/.exec(id);
  if (area) return specificsPage(area[1]!);
  const item = /^(\w+)\/(\d{1,2})(?:\/\w+)?$/.exec(id);
  if (!item || !isListName(item[1]!)) return undefined;
  const list = item[1];
  const index = Number(item[2]);
  // One new item at the end may be started; a gap in the list may not.
  if (index > (answers[list]?.length ?? 0)) return undefined;
  return ITEM_PAGES[list](index).find((p) => p.id === id);
};

/** Every page a field of the notification can be on, for finding where an error is put right. */
export const allPages = (answers: Answers): Page[] => [
  ...SIMPLE_PAGES,
  areasPage(),
  ...CONCERN_AREAS.map((a) => specificsPage(a.id)!),
  categoriesPage(answers),
  whichChildPage(answers),
  screeningPage(answers),
  ...(Object.keys(LISTS) as ListName[]).flatMap((list) => ITEM_PAGES[list](0)),
];

/**
 * Whether the page's one question is its heading (GOV.UK's one question a page: the legend or
 * label is the h1). A page that explains something first keeps its own title as the heading:
 * otherwise its text sat above the h1 and the heading was not the page's title ("Which child is
 * each worry about?" with one worry had that worry's wording as its h1, the anonymous "About you"
 * had "Telephone number (optional)").
 */
export const asksOneQuestion = (page: Page): boolean => page.fields.length === 1 && !page.intro;

export const itemIndex = (page: Page): number => Number(page.id.split('/')[1]);
