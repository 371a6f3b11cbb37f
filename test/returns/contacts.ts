import { contactFrom, type ChildDecision, type Contact, type Decision } from '../../shared/contacts';
import { parseNotification, type NotificationInput } from '../../shared/notification';
import type { OpenCase } from '../../shared/cases/open-case';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { TEST_MATCH_KEY } from '../support/match-key';

/** Hand-built contacts for the returns' unit tests: synthetic children, ZZ postcodes, test-range NHS numbers. */

type ChildInput = NotificationInput['children'][number];

export const ellie = (overrides: Partial<ChildInput> = {}): ChildInput => ({
  firstName: 'Ellie',
  lastName: 'Fictional',
  dateOfBirth: '2018-03-14',
  gender: 'b',
  ethnicity: 'WBRI',
  address: { line1: '1 Sample Street', town: 'Exampleton', postcode: 'ZZ1 1AA' },
  ...overrides,
});

export const tom = (overrides: Partial<ChildInput> = {}): ChildInput => ({
  firstName: 'Tom',
  lastName: 'Fictional',
  dateOfBirth: '2012-09-30',
  gender: 'a',
  ethnicity: 'MWBC',
  address: { line1: '1 Sample Street', town: 'Exampleton', postcode: 'ZZ1 1AA' },
  ...overrides,
});

let sequence = 0;

export const decided = (decidedAt: string, children: Pick<ChildDecision, 'route' | 'primaryNeed'>[]): Decision => ({
  decidedAt,
  decidedBy: 'sam.okafor',
  children: children.map((c, childIndex) => ({
    childIndex,
    level: 4,
    rationale: 'Decided for the test, with reasons.',
    ...c,
  })),
});

export const aContact = (options: {
  receivedAt: string;
  children?: ChildInput[];
  referrer?: Partial<NotificationInput['referrer']>;
  decision?: Decision;
  previousDecisions?: Decision[];
  proposedDecision?: Decision;
  caseHolders?: OpenCase[];
  status?: Contact['status'];
}): Contact => {
  const input = aSchoolNeglectNotification();
  input.children = options.children ?? [ellie()];
  input.referrer = { ...input.referrer, ...options.referrer } as NotificationInput['referrer'];
  const parsed = parseNotification(input);
  if (!parsed.ok) throw new Error(`Test notification is invalid: ${JSON.stringify(parsed.errors)}`);
  sequence += 1;
  const contactId = `c${String(sequence).padStart(25, '0')}`;
  return contactFrom({
    contactId,
    reference: `CFC-TEST-${String(sequence).padStart(4, '0')}`,
    status: options.status ?? (options.decision ? 'decided' : 'awaiting-decision'),
    channel: 'api',
    receivedAt: options.receivedAt,
    notification: parsed.notification,
    ...(options.caseHolders && {
      recommendation: { caseHolders: options.caseHolders } as Contact['recommendation'],
    }),
    ...(options.decision && { decision: options.decision }),
    ...(options.previousDecisions && { previousDecisions: options.previousDecisions }),
    ...(options.proposedDecision && { proposedDecision: options.proposedDecision }),
    updatedAt: options.receivedAt,
  });
};

export const options = { earlyHelpOrganisation: 'Exampleshire Early Help', matchKey: TEST_MATCH_KEY };
export const YEAR = { from: '2026-04-01', to: '2027-03-31' };
