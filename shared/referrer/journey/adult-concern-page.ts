import { EMPLOYER_SECTORS, STILL_WORKING_WITH_CHILDREN } from '../../notification';
import type { Answers, Page } from './types';

/**
 * "Is your concern about an adult who works or volunteers with children?" One self-contained page
 * after what has happened: a yes reveals what the Local Authority Designated Officer (LADO) needs
 * to start (Keeping Children Safe in Education part four), and the notification becomes an
 * allegation for the LADO as well as, when the referrer says so, a contact about the child.
 */
const yes = 'yes';
const about = { field: 'aboutAdult', value: yes };
const labelled = (table: Record<string, string>) => Object.entries(table).map(([value, text]) => ({ value, text }));

export const ADULT_CONCERN_PAGE: Page = {
  id: 'about-an-adult',
  title: 'Is your concern about an adult who works or volunteers with children?',
  fields: [
    {
      name: 'aboutAdult',
      path: 'aboutAdult',
      kind: 'radios',
      label: 'Is your concern about an adult who works or volunteers with children?',
      optional: true,
      hint: 'For example, a teacher, nursery worker, sports coach, foster carer, youth or faith leader, or health worker. We pass it to the Local Authority Designated Officer (LADO).',
      options: [
        { value: yes, text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
    },
    {
      name: 'adultName',
      path: 'adultConcern.name',
      kind: 'text',
      label: 'Their full name',
      when: about,
      required: 'Enter their full name',
    },
    {
      name: 'adultDateOfBirth',
      path: 'adultConcern.dateOfBirth',
      kind: 'date',
      label: 'Their date of birth (optional)',
      hint: 'If you know it. For example, 21 9 1985',
      optional: true,
      when: about,
    },
    {
      name: 'adultRole',
      path: 'adultConcern.role',
      kind: 'text',
      label: 'Their job or voluntary role',
      hint: 'For example, class teacher, football coach',
      when: about,
      required: 'Enter their job or voluntary role',
    },
    {
      name: 'adultEmployer',
      path: 'adultConcern.employer',
      kind: 'text',
      label: 'Their employer or organisation',
      when: about,
      required: 'Enter their employer or organisation',
    },
    {
      name: 'adultSector',
      path: 'adultConcern.sector',
      kind: 'select',
      label: 'Sector',
      options: [{ value: '', text: 'Choose a sector' }, ...labelled(EMPLOYER_SECTORS)],
      when: about,
      required: 'Select the sector they work in',
    },
    {
      name: 'stillWorking',
      path: 'adultConcern.stillWorkingWithChildren',
      kind: 'radios',
      label: 'Are they still working with children?',
      options: labelled(STILL_WORKING_WITH_CHILDREN),
      when: about,
      required: 'Select whether they are still working with children',
    },
    {
      name: 'employerContactName',
      path: 'adultConcern.employerContact.name',
      kind: 'text',
      label: "Name of the employer's designated person for allegations (optional)",
      hint: 'Often the head teacher or manager. Leave blank if it is you or you do not know',
      optional: true,
      when: about,
    },
    {
      name: 'employerContactEmail',
      path: 'adultConcern.employerContact.email',
      kind: 'email',
      label: 'Their email address (optional)',
      optional: true,
      when: about,
    },
    {
      name: 'childNeedsContact',
      path: 'adultConcern.childNeedsContact',
      kind: 'yesno',
      label: "Does the child also need help or protection from children's social care?",
      when: about,
      required: "Select yes if the child also needs help from children's social care",
    },
  ],
};

/** The notification's adultConcern: only when the referrer said yes, and with the employer's contact only when given. */
export const adultConcernInput = (answers: Answers): Record<string, unknown> => {
  if (answers.aboutAdult !== yes || !answers.adultConcern) return {};
  const { employerContact, ...concern } = answers.adultConcern as Record<string, unknown> & {
    employerContact?: Record<string, unknown>;
  };
  return {
    adultConcern: {
      ...concern,
      ...(employerContact && Object.keys(employerContact).length ? { employerContact } : {}),
    },
  };
};
