import { parseNotification, type NotificationInput } from '../../shared/notification';
import type { OpenCase } from '../../shared/cases/case';
import type { EarlierContact, TriageInput } from '../../shared/triage/types';

/** Synthetic people only: obviously fictional names, ZZ postcodes, NHS numbers in the 999 range. */

/** Wednesday 18 November 2026, 10:00 GMT: a plain working day. */
export const RECEIVED_AT = new Date('2026-11-18T10:00:00Z');

export const dobForAge = (years: number, months = 0): string => {
  const d = new Date(RECEIVED_AT);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

export interface Scenario {
  agency?: NotificationInput['referrer']['agencyType'];
  factors: NonNullable<NotificationInput['concerns']>['factors'];
  indicators?: string[];
  screening?: NonNullable<NotificationInput['concerns']>['screening'];
  description: string;
  /** Age in years, or 'unborn'. */
  ages?: (number | 'unborn')[];
  disability?: string;
  /** Concerns about one child only, by child: the notification's own concerns are about every child. */
  childConcerns?: (NonNullable<NotificationInput['children'][number]['concerns']> | undefined)[];
  immediateDanger?: boolean;
  earlierContacts?: Partial<EarlierContact>[];
  /** What the case registry knows: open cases by child. */
  openCases?: OpenCase[];
  /** The concern is about an adult who works or volunteers with children (for the LADO). */
  adultConcern?: NotificationInput['adultConcern'];
}

/** An allegation about a foster carer, who lives with the children placed (for the LADO). */
export const FOSTER_CARER: NonNullable<NotificationInput['adultConcern']> = {
  name: 'Morgan Examplecarer',
  role: 'Foster carer',
  employer: 'Exampleshire Fostering Service',
  sector: 'fostering',
  stillWorkingWithChildren: 'yes',
  childNeedsContact: true,
};

export const notificationFor = (s: Scenario): NotificationInput => ({
  referrer: {
    name: 'Robin Placeholder',
    role: 'Safeguarding lead',
    organisation: 'Example Services',
    agencyType: s.agency ?? 'school',
    email: 'safeguarding@services.example',
    phone: '01632 960 000',
  },
  children: (s.ages ?? [9]).map((age, i) => ({
    firstName: ['Alex', 'Billie', 'Charlie'][i] ?? 'Dee',
    lastName: 'Testcase',
    ...(age === 'unborn' ? { expectedDateOfDelivery: '2027-02-01' } : { dateOfBirth: dobForAge(age) }),
    gender: 'c' as const,
    address: { line1: '3 Nowhere Lane', town: 'Exampleton', postcode: 'ZZ9 9ZZ' },
    ...(s.disability && { disability: s.disability }),
    ...(s.childConcerns?.[i] && { concerns: s.childConcerns[i] }),
  })),
  parentsAndCarers: [{ name: 'Jordan Testcase', relationship: 'Parent', parentalResponsibility: true }],
  concerns: {
    factors: s.factors,
    indicators: s.indicators ?? [],
    description: s.description,
    screening: s.screening ?? {},
  },
  expectation: 'Advice on the right service for the family.',
  immediateDanger: s.immediateDanger ?? false,
  consent: { status: 'given' },
  ...(s.adultConcern && { adultConcern: s.adultConcern }),
});

export const earlier = (overrides: Partial<EarlierContact>, daysAgo: number, i = 0): EarlierContact => ({
  contactId: `c-${daysAgo}-${i}`,
  reference: `FD-TEST-${String(daysAgo).padStart(4, '0')}`,
  receivedAt: new Date(RECEIVED_AT.getTime() - daysAgo * 86_400_000).toISOString(),
  childIndex: 0,
  matchedOn: ['nhs-number'],
  status: 'decided',
  ...overrides,
});

export const inputFor = (s: Scenario, receivedAt = RECEIVED_AT): TriageInput => {
  const parsed = parseNotification(notificationFor(s));
  if (!parsed.ok) throw new Error(`Scenario notification is invalid: ${JSON.stringify(parsed.errors)}`);
  return {
    notification: parsed.notification,
    history: {
      earlierContacts: (s.earlierContacts ?? []).map((c, i) => earlier(c, 30 * (i + 1), i)),
      ...(s.openCases && { openCases: s.openCases }),
    },
    receivedAt,
  };
};
