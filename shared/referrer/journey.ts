import { AGENCY_TYPES, ASSESSMENT_FACTORS, ETHNICITIES, GENDERS, NotificationSchema, fieldErrors, type FieldError } from '../notification';
import { getDefaultRuleset } from '../rules';
import { SIDES } from '../rules/schema';

/**
 * The "Tell us you are worried about a child" journey as data: which pages there are, what each
 * asks, where each answer goes in the notification, and which page comes next. Validation is the
 * notification schema itself, applied to the whole draft and filtered to the page's own fields,
 * so the form can never accept something the API would refuse.
 */

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'number' | 'date' | 'yesno' | 'radios' | 'checkboxes' | 'select';

export interface Field {
  /** The form control's name and id: unique on its page. */
  name: string;
  /** Where the answer goes in the notification; `#` stands for the list item's index. */
  path: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  options?: Option[];
  /** Checkbox options shown under headings (the levels-of-need indicators by side). */
  groups?: { heading: string; options: Option[] }[];
  optional?: boolean;
  autocomplete?: string;
  /** Inputs narrower than the full width, as a GOV.UK width class suffix. */
  width?: '5' | '10' | '20' | 'one-half';
  /** Only answered when another radio field has this value (a conditional reveal). */
  when?: { field: string; value: string };
}

export type ListName = 'children' | 'parentsAndCarers' | 'householdMembers' | 'otherProfessionals';

export interface Page {
  id: string;
  title: string;
  caption?: string;
  /** Text shown before the questions. */
  intro?: string;
  fields: Field[];
  /** Item pages of a list carry the item's index in their id: `children/0/details`. */
  list?: ListName;
}

/** A draft's answers: the notification input as far as the referrer has got, plus the form's own. */
export interface Answers {
  immediateDanger?: boolean;
  referrer?: Record<string, unknown>;
  agencyReference?: string;
  children?: Record<string, unknown>[];
  parentsAndCarers?: Record<string, unknown>[];
  householdMembers?: Record<string, unknown>[];
  otherProfessionals?: Record<string, unknown>[];
  concerns?: Record<string, unknown>;
  expectation?: string;
  consent?: Record<string, unknown>;
  childViews?: string;
  /** Form-only answers: whether the referrer is done with each list. */
  listsDone?: Partial<Record<ListName, boolean>>;
}

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
const agencyOptions: Option[] = Object.keys(AGENCY_TYPES).map((value) => ({
  value,
  text: AGENCY_LABELS[value] ?? `${value[0]!.toUpperCase()}${value.slice(1).replace(/-/g, ' ')}`,
}));

const yes = 'yes';
const addressFields = (prefix: string, optional = false): Field[] => [
  { name: 'line1', path: `${prefix}.line1`, kind: 'text', label: 'Address line 1', autocomplete: 'address-line1', optional },
  { name: 'line2', path: `${prefix}.line2`, kind: 'text', label: 'Address line 2', autocomplete: 'address-line2', optional: true },
  { name: 'town', path: `${prefix}.town`, kind: 'text', label: 'Town or city', autocomplete: 'address-level2', width: 'one-half', optional },
  { name: 'postcode', path: `${prefix}.postcode`, kind: 'text', label: 'Postcode', autocomplete: 'postal-code', width: '10', optional },
];

const personFields = (list: ListName): Field[] => [
  { name: 'name', path: `${list}.#.name`, kind: 'text', label: 'Full name' },
  { name: 'relationship', path: `${list}.#.relationship`, kind: 'text', label: 'Relationship to the child', hint: 'For example, mother, stepfather, foster carer, lodger' },
  { name: 'dateOfBirth', path: `${list}.#.dateOfBirth`, kind: 'date', label: 'Date of birth', hint: 'If you know it. For example, 27 3 1990', optional: true },
  { name: 'phone', path: `${list}.#.phone`, kind: 'tel', label: 'Telephone number', optional: true, width: '20' },
];

/** The levels-of-need indicators in plain language, so the referrer's own selection feeds the engine. */
export const indicatorGroups = () => {
  const indicators = getDefaultRuleset().indicators;
  return (Object.entries(SIDES) as [keyof typeof SIDES, string][]).map(([side, heading]) => ({
    heading,
    options: indicators.filter((i) => i.side === side).map((i) => ({ value: i.id, text: i.title, hint: i.text })),
  }));
};

const ITEM_PAGES: Record<ListName, (index: number) => Page[]> = {
  children: (i) => [
    {
      id: `children/${i}/details`,
      list: 'children',
      title: i === 0 ? 'About the child' : 'About the next child',
      caption: `Child ${i + 1}`,
      fields: [
        { name: 'firstName', path: 'children.#.firstName', kind: 'text', label: 'First name', width: 'one-half' },
        { name: 'lastName', path: 'children.#.lastName', kind: 'text', label: 'Last name', width: 'one-half' },
        { name: 'otherNames', path: 'children.#.otherNames', kind: 'text', label: 'Other names the child is known by', optional: true, width: 'one-half' },
        {
          name: 'born', path: 'children.#.born', kind: 'radios', label: 'Has the child been born?',
          options: [{ value: yes, text: 'Yes' }, { value: 'no', text: 'No, this is an unborn baby' }],
        },
        { name: 'dateOfBirth', path: 'children.#.dateOfBirth', kind: 'date', label: 'Date of birth', hint: 'For example, 27 3 2015', when: { field: 'born', value: yes } },
        { name: 'expectedDateOfDelivery', path: 'children.#.expectedDateOfDelivery', kind: 'date', label: 'Expected date of delivery', hint: 'For example, 14 6 2027', when: { field: 'born', value: 'no' } },
        { name: 'gender', path: 'children.#.gender', kind: 'radios', label: 'Gender', options: labelled(GENDERS) },
        { name: 'ethnicity', path: 'children.#.ethnicity', kind: 'select', label: 'Ethnicity', hint: 'Choose "Information not yet obtained" if you do not know', options: labelled(ETHNICITIES), optional: true },
        { name: 'nhsNumber', path: 'children.#.nhsNumber', kind: 'text', label: 'NHS number', hint: 'If you know it. It is 10 digits, like 999 123 4567', optional: true, width: '10' },
      ],
    },
    {
      id: `children/${i}/address`,
      list: 'children',
      title: 'Where the child lives and what they need',
      caption: `Child ${i + 1}`,
      fields: [
        ...addressFields('children.#.address'),
        { name: 'school', path: 'children.#.school', kind: 'text', label: 'School, nursery or college', optional: true },
        { name: 'firstLanguage', path: 'children.#.firstLanguage', kind: 'text', label: "Child's first language", optional: true, width: 'one-half' },
        { name: 'interpreterNeeded', path: 'children.#.interpreterNeeded', kind: 'yesno', label: 'Does the child or family need an interpreter?', optional: true },
        { name: 'disability', path: 'children.#.disability', kind: 'textarea', label: 'Disability or additional needs', hint: 'Leave blank if none', optional: true },
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
        { name: 'parentalResponsibility', path: 'parentsAndCarers.#.parentalResponsibility', kind: 'yesno', label: 'Do they have parental responsibility?', optional: true },
      ],
    },
  ],
  householdMembers: (i) => [
    { id: `householdMembers/${i}`, list: 'householdMembers', title: 'Someone else in the household', fields: personFields('householdMembers') },
  ],
  otherProfessionals: (i) => [
    {
      id: `otherProfessionals/${i}`,
      list: 'otherProfessionals',
      title: 'Another professional involved',
      fields: [
        { name: 'name', path: 'otherProfessionals.#.name', kind: 'text', label: 'Full name' },
        { name: 'role', path: 'otherProfessionals.#.role', kind: 'text', label: 'Role' },
        { name: 'organisation', path: 'otherProfessionals.#.organisation', kind: 'text', label: 'Organisation' },
        { name: 'contact', path: 'otherProfessionals.#.contact', kind: 'text', label: 'Telephone number or email address', optional: true },
      ],
    },
  ],
};

/** The question asked on each list's summary page, and how its items are named. */
export const LISTS: Record<ListName, { question: string; noun: string; first: string; required: boolean }> = {
  children: { question: 'Do you need to tell us about another child?', noun: 'child', first: 'children/0/details', required: true },
  parentsAndCarers: { question: 'Do you need to add a parent or carer?', noun: 'parent or carer', first: 'parentsAndCarers/0', required: false },
  householdMembers: { question: 'Do you need to add anyone else who lives in the household?', noun: 'household member', first: 'householdMembers/0', required: false },
  otherProfessionals: { question: 'Do you need to add another professional who works with the family?', noun: 'professional', first: 'otherProfessionals/0', required: false },
};
const LIST_TITLES: Record<ListName, string> = {
  children: 'Children you are worried about',
  parentsAndCarers: 'Parents and carers',
  householdMembers: 'Other people in the household',
  otherProfessionals: 'Other professionals involved',
};

const SIMPLE_PAGES: Page[] = [
  {
    id: 'immediate-danger',
    title: 'Is a child in immediate danger?',
    fields: [{ name: 'immediateDanger', path: 'immediateDanger', kind: 'yesno', label: 'Is a child in immediate danger?', hint: 'For example, they are being hurt now, are about to be hurt, or have been left alone and cannot look after themselves' }],
  },
  {
    id: 'about-you',
    title: 'About you',
    intro: 'We use these details to tell you what we decide, and to phone you if we need to know more.',
    fields: [
      { name: 'name', path: 'referrer.name', kind: 'text', label: 'Full name', autocomplete: 'name' },
      { name: 'role', path: 'referrer.role', kind: 'text', label: 'Your role', hint: 'For example, designated safeguarding lead, police constable, parent', autocomplete: 'organization-title' },
      { name: 'organisation', path: 'referrer.organisation', kind: 'text', label: 'Organisation', hint: 'If you are not a professional, write "none"', autocomplete: 'organization' },
      { name: 'agencyType', path: 'referrer.agencyType', kind: 'select', label: 'Type of organisation', options: agencyOptions },
      { name: 'email', path: 'referrer.email', kind: 'email', label: 'Email address', hint: 'Use your secure work address if you have one: we only email details about children to secure addresses', autocomplete: 'email' },
      { name: 'phone', path: 'referrer.phone', kind: 'tel', label: 'Telephone number', autocomplete: 'tel', width: '20' },
      { name: 'agencyReference', path: 'agencyReference', kind: 'text', label: 'Your own reference', hint: 'Optional. For example, a police incident number', optional: true, width: '20' },
    ],
  },
  {
    id: 'concerns',
    title: 'What are you worried about?',
    intro: "Choose everything that describes what you know. These come from the area's levels of need guidance, and they help us decide the right response quickly.",
    fields: [
      { name: 'indicators', path: 'concerns.indicators', kind: 'checkboxes', label: 'What are you worried about?', optional: true, groups: indicatorGroups() },
      {
        name: 'factors', path: 'concerns.factors', kind: 'checkboxes', label: 'Other concerns',
        hint: 'Choose any that also apply, including if nothing above describes your concern', optional: true, options: labelled(ASSESSMENT_FACTORS),
      },
    ],
  },
  {
    id: 'screening',
    title: 'Risk assessments you have done',
    intro: 'Answer only if your agency has completed one of these. Leave the page blank otherwise.',
    fields: [
      { name: 'dashRisk', path: 'concerns.screening.dashRisk', kind: 'radios', label: 'DASH domestic abuse risk level', optional: true, options: [{ value: 'standard', text: 'Standard' }, { value: 'medium', text: 'Medium' }, { value: 'high', text: 'High' }] },
      { name: 'cseRisk', path: 'concerns.screening.cseRisk', kind: 'radios', label: 'Child sexual exploitation screening outcome', optional: true, options: [{ value: 'low', text: 'Low' }, { value: 'medium', text: 'Medium' }, { value: 'high', text: 'High' }] },
      { name: 'missingEpisodes', path: 'concerns.screening.missingEpisodes', kind: 'number', label: 'Times the child has gone missing in the last 90 days, including this time', optional: true, width: '5' },
    ],
  },
  {
    id: 'what-happened',
    title: 'What has happened?',
    fields: [{ name: 'description', path: 'concerns.description', kind: 'textarea', label: 'What has happened, and why are you worried?', hint: 'Say what you saw or were told, when, and by whom. Include anything the child said, in their words if you can.' }],
  },
  {
    id: 'child-views',
    title: "The child's views",
    fields: [{ name: 'childViews', path: 'childViews', kind: 'textarea', label: 'What does the child say about what is happening?', hint: 'Optional. Leave blank if you do not know', optional: true }],
  },
  {
    id: 'expectation',
    title: 'What do you expect to happen?',
    fields: [{ name: 'expectation', path: 'expectation', kind: 'textarea', label: 'What do you expect to happen?', hint: 'For example, a social worker to visit, early help for the family, or advice for you' }],
  },
  {
    id: 'consent',
    title: 'Consent to share information',
    fields: [
      {
        name: 'consentStatus', path: 'consent.status', kind: 'radios', label: 'Does the family know you are telling us, and agree?',
        options: [
          { value: 'given', text: 'Yes, they agreed to me sharing this information' },
          { value: 'refused', text: 'No, they refused' },
          { value: 'not-sought', text: 'I did not ask, because asking would increase the risk to the child' },
        ],
      },
      { name: 'refusedReason', path: 'consent.reason', kind: 'textarea', label: 'What did they say, and why are you telling us anyway?', when: { field: 'consentStatus', value: 'refused' } },
      { name: 'notSoughtReason', path: 'consent.reason', kind: 'textarea', label: 'Why would asking increase the risk?', when: { field: 'consentStatus', value: 'not-sought' } },
    ],
  },
];

const SEQUENCE = [
  'immediate-danger',
  'about-you',
  'children',
  'parentsAndCarers',
  'householdMembers',
  'otherProfessionals',
  'concerns',
  'screening',
  'what-happened',
  'child-views',
  'expectation',
  'consent',
  'check',
] as const;

export const isListName = (id: string): id is ListName => id in LISTS;
export const listTitle = (list: ListName) => LIST_TITLES[list];

/** The question page with this id (`about-you`, `children/1/address`), if there is one. */
export const findPage = (id: string, answers: Answers): Page | undefined => {
  const simple = SIMPLE_PAGES.find((p) => p.id === id);
  if (simple) return simple;
  const item = /^(\w+)\/(\d{1,2})(?:\/\w+)?$/.exec(id);
  if (!item || !isListName(item[1]!)) return undefined;
  const list = item[1];
  const index = Number(item[2]);
  // One new item at the end may be started; a gap in the list may not.
  if (index > (answers[list]?.length ?? 0)) return undefined;
  return ITEM_PAGES[list](index).find((p) => p.id === id);
};

export const itemIndex = (page: Page): number => Number(page.id.split('/')[1]);

const resolve = (path: string, index: number) => path.replace('#', String(index));

const getAt = (root: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);

const setAt = (root: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
};

/** What the form posted, as name → all values (checkboxes repeat their name). */
export type FormValues = Record<string, string[]>;

const one = (values: FormValues, name: string) => values[name]?.[values[name].length - 1]?.trim() ?? '';

/** The form's value for a field, converted to what the notification expects. */
const convert = (field: Field, values: FormValues): unknown => {
  switch (field.kind) {
    case 'checkboxes':
      return (values[field.name] ?? []).filter(Boolean);
    case 'yesno': {
      const value = one(values, field.name);
      return value === 'yes' ? true : value === 'no' ? false : undefined;
    }
    case 'number': {
      const value = one(values, field.name);
      return value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value;
    }
    case 'date': {
      const [day, month, year] = ['day', 'month', 'year'].map((part) => one(values, `${field.name}-${part}`));
      if (!day && !month && !year) return undefined;
      return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
    }
    default: {
      const value = one(values, field.name);
      return value === '' ? undefined : value;
    }
  }
};

/** The value to show in a field: what is in the draft, in the form's own shape. */
export const displayValue = (field: Field, answers: Answers, index: number): unknown => {
  const value = getAt(answers, resolve(field.path, index));
  if (field.kind === 'yesno') return value === true ? 'yes' : value === false ? 'no' : undefined;
  if (field.kind === 'date' && typeof value === 'string') {
    const [year, month, day] = value.split('-');
    return { day: day?.replace(/^0/, ''), month: month?.replace(/^0/, ''), year };
  }
  return value;
};

/** The notification the draft would become; form-only answers left out. */
export const notificationInput = (answers: Answers): Record<string, unknown> => {
  const { listsDone: _done, children, concerns, ...rest } = answers;
  const indicators = (concerns?.indicators as string[] | undefined) ?? [];
  const chosen = (concerns?.factors as string[] | undefined) ?? [];
  const byId = new Map(getDefaultRuleset().indicators.map((i) => [i.id, i]));
  // A chosen indicator names its CIN factors, so the referrer need not know the census codes.
  const factors = [...new Set([...chosen, ...indicators.flatMap((id) => byId.get(id)?.factors ?? [])])];
  return {
    ...rest,
    children: children?.map(({ born: _born, ...child }) => child),
    ...(concerns ? { concerns: { ...concerns, factors } } : {}),
  };
};

const belongsTo = (errorPath: string, fieldPath: string) =>
  errorPath === fieldPath || errorPath.startsWith(`${fieldPath}.`);

/** A message that reads well on the form, where the schema's wording is for API clients. */
const formMessage = (field: Field, message: string): string => {
  if (field.kind === 'date') return message === 'This field is required' ? `Enter the ${field.label.toLowerCase()}` : `${field.label} must be a real date`;
  if (field.kind === 'number' && !/^Enter|Must/.test(message)) return `${field.label} must be a whole number, like 2`;
  if (message === 'This field is required' || message === 'Enter a value') {
    return ['radios', 'yesno', 'select', 'checkboxes'].includes(field.kind) ? `Select an answer: ${field.label.toLowerCase()}` : `Enter ${field.label.toLowerCase()}`;
  }
  return message;
};

export interface PageErrors {
  /** Field name → message, in the order the fields appear. */
  [name: string]: string;
}

/** Applies a page's answers to the draft and says what is wrong with them, field by field. */
export const answerPage = (page: Page, answers: Answers, values: FormValues): { answers: Answers; errors: PageErrors } => {
  const index = page.list ? itemIndex(page) : 0;
  const next = structuredClone(answers) as Record<string, unknown>;
  for (const field of page.fields) {
    const applies = !field.when || one(values, field.when.field) === field.when.value;
    // Two conditional fields may share a path (the consent reason): only the revealed one writes it.
    if (!applies && page.fields.some((f) => f !== field && f.path === field.path)) continue;
    setAt(next, resolve(field.path, index), applies ? convert(field, values) : undefined);
  }
  const parsed = NotificationSchema.safeParse(notificationInput(next as Answers));
  const issues: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
  const errors: PageErrors = {};
  for (const field of page.fields) {
    if (field.when && one(values, field.when.field) !== field.when.value) continue;
    const path = resolve(field.path, index);
    const value = getAt(next, path);
    if (!field.optional && (value === undefined || (Array.isArray(value) && !value.length))) {
      errors[field.name] = formMessage(field, 'This field is required');
      continue;
    }
    const issue = issues.find((i) => belongsTo(i.path, path));
    if (issue) errors[field.name] = formMessage(field, issue.message);
  }
  // Factors come from the chosen indicators too, so an empty choice is one error, on the indicators.
  if (page.id === 'concerns' && !(notificationInput(next as Answers).concerns as { factors: string[] }).factors.length) {
    delete errors.factors;
    errors.indicators = 'Choose at least one thing you are worried about';
  }
  return { answers: next as Answers, errors };
};

/** The page after this one, given the answers so far. */
export const nextPage = (pageId: string, answers: Answers): string => {
  if (pageId === 'immediate-danger' && answers.immediateDanger) return 'call-now';
  if (pageId === 'call-now') return 'about-you';
  const item = /^(\w+)\/(\d+)(?:\/(\w+))?$/.exec(pageId);
  if (item && isListName(item[1]!)) {
    const pages = ITEM_PAGES[item[1]](Number(item[2]));
    const at = pages.findIndex((p) => p.id === pageId);
    return pages[at + 1]?.id ?? item[1];
  }
  const next = SEQUENCE[SEQUENCE.indexOf(pageId as (typeof SEQUENCE)[number]) + 1] ?? 'check';
  // A list nobody may skip starts with its first item rather than the question about adding one.
  return isListName(next) && LISTS[next].required && !answers[next]?.length ? LISTS[next].first : next;
};

/** The page where an error in the whole notification (a dotted path) can be put right. */
export const pageForPath = (path: string): string => {
  const [head, second] = path.split('.');
  if (isListName(head!)) {
    if (second === undefined || !/^\d+$/.test(second)) return head!;
    const index = Number(second);
    if (head !== 'children') return `${head}/${index}`;
    const details = ITEM_PAGES.children(index)[0]!;
    return details.fields.some((f) => belongsTo(resolve(f.path, index), `children.${index}.${path.split('.')[2]}`)) ? details.id : `children/${index}/address`;
  }
  const simple = SIMPLE_PAGES.find((p) => p.fields.some((f) => belongsTo(path, f.path) || belongsTo(f.path, path)));
  return simple?.id ?? 'check';
};

export { getAt as answerAt };
