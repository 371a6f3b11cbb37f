import { answerPage, findPage, type Answers, type FormValues } from '../../shared/referrer/journey';

/** Answers pages of the referrer journey as a browser would post them, failing loudly on an error. */
export const fill = (
  answers: Answers,
  pages: [string, Record<string, string | string[]>][],
  now = new Date('2026-11-30T10:00:00Z'),
): Answers =>
  pages.reduce((draft, [pageId, posted]) => {
    const page = findPage(pageId, draft);
    if (!page) throw new Error(`No page ${pageId}`);
    const values: FormValues = Object.fromEntries(
      Object.entries(posted).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
    );
    const result = answerPage(page, draft, values, now);
    if (Object.keys(result.errors).length) throw new Error(`${pageId}: ${JSON.stringify(result.errors)}`);
    return result.answers;
  }, answers);

/** A whole notification as the school neglect fixture says it, typed into the form. */
export const schoolNeglectViaForm = (concerns: [string, Record<string, string | string[]>][]): Answers =>
  fill({}, [
    ['immediate-danger', { immediateDanger: 'no' }],
    ['who-are-you', { referrerKind: 'professional' }],
    [
      'about-you',
      {
        name: 'Priya Testwood',
        role: 'Designated safeguarding lead',
        organisation: 'Example Primary School',
        agencyType: 'school',
        email: 'dsl@example-primary.sch.example',
        phone: '01632 960 101',
      },
    ],
    [
      'children/0/details',
      {
        firstName: 'Ellie',
        lastName: 'Fictional',
        born: 'yes',
        'dateOfBirth-day': '14',
        'dateOfBirth-month': '3',
        'dateOfBirth-year': '2018',
        gender: 'b',
        ethnicity: 'WBRI',
        nhsNumber: '999 000 0018',
      },
    ],
    [
      'children/0/address',
      { line1: '1 Sample Street', town: 'Exampleton', postcode: 'zz11aa', school: 'Example Primary School' },
    ],
    ['parentsAndCarers/0', { name: 'Sam Fictional', relationship: 'Mother', parentalResponsibility: 'yes' }],
    ...concerns,
    [
      'what-happened',
      {
        description:
          'Ellie has arrived at school hungry and in the same unwashed clothes most days this term; attendance has fallen to 82%.',
      },
    ],
    ['child-views', { childViews: 'Ellie said there is not always food at home.' }],
    ['expectation', { expectation: 'Support for the family; we will keep offering breakfast club.' }],
    ['consent', { consentStatus: 'given' }],
  ]);
