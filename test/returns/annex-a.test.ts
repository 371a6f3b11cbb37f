import ExcelJS from 'exceljs';
import { matchKeysFor } from '../../shared/matching/keys';
import { parseNotification } from '../../shared/notification';
import { annexA } from '../../shared/returns/annex-a';
import { toCsv } from '../../shared/returns/table';
import { toXlsx } from '../../shared/returns/xlsx';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { aContact, decided, ellie, options, tom, YEAR } from './contacts';
import { TEST_MATCH_KEY } from '../support/match-key';

const LIST_1 = [
  'Child Unique ID',
  'Gender',
  'Ethnicity',
  'Date of Birth',
  'Age of Child (Years)',
  'Date of Contact',
  'Contact Source',
];
const LIST_2 = [
  ...LIST_1.slice(0, 5),
  'Assessment start date',
  'Assessment completion date',
  'Organisation completing assessment',
];
const LIST_3 = [
  ...LIST_1.slice(0, 5),
  'Date of referral',
  'Referral Source',
  'Referral NFA?',
  'Number of Referrals in Last 12 Months',
  'Allocated Team',
  'Allocated Worker',
];

const csvRows = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('Ofsted Annex A lists from the front door', () => {
  it('writes each list under Ofsted’s exact headings, as the CSV’s first line', () => {
    // Act
    const lists = annexA([], YEAR, options);

    // Assess
    expect(toCsv(lists.list1, 'dd/mm/yyyy')).toBe(`${LIST_1.join(',')}\r\n`);
    expect(toCsv(lists.list2, 'dd/mm/yyyy')).toBe(`${LIST_2.join(',')}\r\n`);
    expect(toCsv(lists.list3, 'dd/mm/yyyy')).toBe(`${LIST_3.join(',')}\r\n`);
  });

  it('List 1: one row per child of a contact, in the guide’s lettered codes, dates dd/mm/yyyy and the age on the day of contact', () => {
    // Prepare: 23:30 UTC on 13 March 2027 is 13 March in London (GMT); 23:30 UTC on 31 May 2026 is
    // already 1 June there (BST).
    const march = aContact({ receivedAt: '2027-03-13T23:30:00Z', children: [ellie(), tom()] });
    const june = aContact({ receivedAt: '2026-05-31T23:30:00Z', children: [ellie()] });

    // Act
    const { list1 } = annexA([march, june], YEAR, options);
    const rows = csvRows(toCsv(list1, 'dd/mm/yyyy')).slice(1);

    // Assess: Ellie is 8 until her birthday on 14 March, Tom 14.
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['b) Female', 'a) WBRI', '14/03/2018', '8', '01/06/2026', 'e) 2A: Schools'],
      expect.anything(),
      expect.anything(),
    ]);
    const marchRows = rows.slice(1).map((r) => r.slice(1));
    expect(marchRows).toEqual(
      expect.arrayContaining([
        ['b) Female', 'a) WBRI', '14/03/2018', '8', '13/03/2027', 'e) 2A: Schools'],
        ['a) Male', 'f) MWBC', '30/09/2012', '14', '13/03/2027', 'e) 2A: Schools'],
      ]),
    );
  });

  it('List 1: a child with two contacts is two rows under one Child Unique ID, the start of the key the console shows', () => {
    // Prepare: the second contact spells her postcode without a space and adds her NHS number.
    const first = aContact({ receivedAt: '2026-04-10T09:00:00Z', children: [ellie({ nhsNumber: '9990000018' })] });
    const second = aContact({
      receivedAt: '2026-09-01T09:00:00Z',
      children: [ellie({ address: { line1: '1 Sample St', town: 'Exampleton', postcode: 'zz11aa' } })],
    });
    const other = aContact({ receivedAt: '2026-10-01T10:00:00Z', children: [tom()] });

    // Act
    const { list1 } = annexA([first, second, other], YEAR, options);

    // Assess
    const ids = list1.rows.map((r) => r[0]);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    const child = parseNotification({
      ...aSchoolNeglectNotification(),
      children: [ellie({ nhsNumber: '9990000018' })],
    });
    const nhsKey =
      child.ok &&
      matchKeysFor(child.notification.children[0]!, TEST_MATCH_KEY).find((k) => k.basis === 'nhs-number')!.key;
    expect(ids[0]).toBe((nhsKey as string).slice(0, 16));
  });

  it('List 1: unknown values take the guide’s codes for unknown, and a date or age nobody knows stays blank', () => {
    // Prepare
    const contact = aContact({
      receivedAt: '2026-07-01T09:00:00Z',
      referrer: {
        agencyType: 'anonymous',
        name: undefined,
        role: undefined,
        organisation: undefined,
        email: undefined,
        phone: undefined,
      },
      children: [
        ellie({ ethnicity: undefined, gender: 'c', dateOfBirth: undefined, approximateAge: 6 }),
        { otherNames: 'Baby', expectedDateOfDelivery: '2026-10-01', gender: 'c', address: ellie().address },
      ],
    });

    // Act
    const { list1 } = annexA([contact], YEAR, options);

    // Assess
    expect(
      list1.rows.map((r) =>
        toCsv({ ...list1, rows: [r] }, 'dd/mm/yyyy')
          .split('\r\n')[1]!
          .split(',')
          .slice(1),
      ),
    ).toEqual(
      expect.arrayContaining([
        ['c) Not stated/recorded', 't) NOBT', '', '6', '01/07/2026', 't) 9: Anonymous'],
        ['c) Not stated/recorded', 't) NOBT', '', '', '01/07/2026', 't) 9: Anonymous'],
      ]),
    );
  });

  it('counts only the period’s days in England, and leaves out emails still to complete and allegations the LADO holds alone', () => {
    // Prepare: London is on BST at both ends of the year, so its days start at 23:00 UTC.
    const lastDayBefore = aContact({ receivedAt: '2026-03-31T22:59:00Z' });
    const firstDay = aContact({ receivedAt: '2026-03-31T23:30:00Z' });
    const lastDay = aContact({ receivedAt: '2027-03-31T22:30:00Z' });
    const after = aContact({ receivedAt: '2027-03-31T23:00:00Z' });
    const lado = aContact({ receivedAt: '2026-06-01T09:00:00Z', status: 'referred-to-lado' });
    const email = {
      ...aContact({ receivedAt: '2026-06-01T09:00:00Z' }),
      status: 'needs-completing' as const,
      notification: undefined as never,
    };

    // Act
    const { list1 } = annexA([lastDayBefore, firstDay, lastDay, after, lado, email], YEAR, options);

    // Assess
    expect(list1.rows.map((r) => r[5])).toEqual([{ date: '2026-04-01' }, { date: '2027-03-31' }]);
  });

  it('List 2: children decided to early help, from the day decided, by the service that assesses them', () => {
    // Prepare
    const targeted = aContact({
      receivedAt: '2026-05-01T09:00:00Z',
      decision: decided('2026-05-02T10:00:00Z', [{ route: 'early-help-targeted' }]),
    });
    const singleAgency = aContact({
      receivedAt: '2026-05-03T09:00:00Z',
      children: [ellie(), tom()],
      decision: decided('2026-05-04T10:00:00Z', [{ route: 'early-help-single-agency' }, { route: 'nfa' }]),
    });

    // Act
    const { list2, list3 } = annexA([targeted, singleAgency], YEAR, options);

    // Assess
    expect(list2.rows.map((r) => r.slice(1))).toEqual([
      ['b) Female', 'a) WBRI', { date: '2018-03-14' }, 8, { date: '2026-05-02' }, undefined, 'Exampleshire Early Help'],
      ['b) Female', 'a) WBRI', { date: '2018-03-14' }, 8, { date: '2026-05-04' }, undefined, 'Example Primary School'],
    ]);
    expect(list3.rows).toEqual([]);
  });

  it('List 3: children decided to social care, from the day decided, with the source, not NFA, and the team and worker of an open case', () => {
    // Prepare
    const contact = aContact({
      receivedAt: '2026-06-01T09:00:00Z',
      children: [ellie(), tom()],
      decision: decided('2026-06-02T09:00:00Z', [{ route: 'csc-strategy-discussion' }, { route: 'csc-assessment' }]),
      caseHolders: [
        {
          childIndex: 1,
          kind: 'social-care',
          holder: { name: 'Casey Allocated', email: 'casey@exampleshire.example' },
          team: 'CIN Team 2',
        },
      ],
    });

    // Act
    const { list3 } = annexA([contact], YEAR, options);

    // Assess
    const rows = csvRows(toCsv(list3, 'dd/mm/yyyy'))
      .slice(1)
      .map((r) => r.slice(1));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['b) Female', 'a) WBRI', '14/03/2018', '8', '02/06/2026', 'e) 2A: Schools', 'b) No', '0', '', ''],
        [
          'a) Male',
          'f) MWBC',
          '30/09/2012',
          '13',
          '02/06/2026',
          'e) 2A: Schools',
          'b) No',
          '0',
          'CIN Team 2',
          'Casey Allocated',
        ],
      ]),
    );
  });

  it('List 3: counts the child’s referrals in the 12 months before this one, a referral exactly 12 months earlier included', () => {
    // Prepare: referrals of Ellie on 15/06/2025 (before the period), 15/06/2026 (exactly 12 months
    // later) and 16/06/2027 (12 months and a day after the second); Tom once, so he has none before.
    const referral = (decidedAt: string, child = ellie()) =>
      aContact({
        receivedAt: decidedAt,
        children: [child],
        decision: decided(decidedAt, [{ route: 'csc-assessment' }]),
      });
    const contacts = [
      referral('2025-06-15T10:00:00Z'),
      referral('2026-06-15T10:00:00Z'),
      referral('2027-06-16T10:00:00Z'),
      referral('2026-06-15T11:00:00Z', tom()),
    ];

    // Act
    const year = annexA(contacts, YEAR, options).list3;
    const next = annexA(contacts, { from: '2027-04-01', to: '2028-03-31' }, options).list3;

    // Assess
    expect(year.rows.map((r) => [r[4], r[5], r[8]])).toEqual([
      [8, { date: '2026-06-15' }, 1],
      [13, { date: '2026-06-15' }, 0],
    ]);
    expect(next.rows.map((r) => [r[5], r[8]])).toEqual([[{ date: '2027-06-16' }, 0]]);
  });

  it('List 3: a decision changed on reconsideration is one referral, NFA when it no longer stands at social care', () => {
    // Prepare
    const downgraded = aContact({
      receivedAt: '2026-07-01T09:00:00Z',
      previousDecisions: [decided('2026-07-01T15:00:00Z', [{ route: 'csc-assessment' }])],
      decision: decided('2026-07-08T09:00:00Z', [{ route: 'nfa' }]),
    });
    const raised = aContact({
      receivedAt: '2026-08-01T09:00:00Z',
      children: [tom()],
      previousDecisions: [decided('2026-08-01T15:00:00Z', [{ route: 'information-advice' }])],
      decision: decided('2026-08-10T09:00:00Z', [{ route: 'csc-strategy-discussion' }]),
    });
    const escalated = aContact({
      receivedAt: '2026-09-01T09:00:00Z',
      children: [ellie({ lastName: 'Other', dateOfBirth: '2019-01-01' })],
      previousDecisions: [decided('2026-09-01T15:00:00Z', [{ route: 'csc-assessment' }])],
      decision: decided('2026-09-03T09:00:00Z', [{ route: 'csc-strategy-discussion' }]),
    });
    const awaitingSignOff = aContact({
      receivedAt: '2026-10-01T09:00:00Z',
      status: 'awaiting-manager',
      proposedDecision: decided('2026-10-01T10:00:00Z', [{ route: 'csc-assessment' }]),
    });

    // Act
    const { list3 } = annexA([downgraded, raised, escalated, awaitingSignOff], YEAR, options);

    // Assess
    expect(list3.rows.map((r) => [r[5], r[7], r[8]])).toEqual([
      [{ date: '2026-07-01' }, 'a) Yes', 0],
      [{ date: '2026-08-10' }, 'b) No', 0],
      [{ date: '2026-09-01' }, 'b) No', 0],
    ]);
  });

  it('writes the three lists as worksheets with the same headings, dates as dates shown dd/mm/yyyy', async () => {
    // Prepare
    const contact = aContact({
      receivedAt: '2026-06-01T09:00:00Z',
      decision: decided('2026-06-02T09:00:00Z', [{ route: 'csc-assessment' }]),
    });
    const { list1, list2, list3 } = annexA([contact], YEAR, options);

    // Act
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, older than Node's.
    await workbook.xlsx.load((await toXlsx([list1, list2, list3])) as unknown as ExcelJS.Buffer);

    // Assess
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'List 1 Contacts',
      'List 2 Early Help',
      'List 3 Referrals',
    ]);
    const [sheet1, , sheet3] = workbook.worksheets;
    expect((sheet1!.getRow(1).values as unknown[]).slice(1)).toEqual(LIST_1);
    expect((sheet3!.getRow(1).values as unknown[]).slice(1)).toEqual(LIST_3);
    const dateOfContact = sheet1!.getRow(2).getCell(6);
    expect(dateOfContact.value).toEqual(new Date('2026-06-01T00:00:00Z'));
    expect(dateOfContact.numFmt).toBe('dd/mm/yyyy');
    expect(sheet1!.getRow(2).getCell(2).value).toBe('b) Female');
    expect(sheet3!.getRow(2).getCell(9).value).toBe(0);
  });
});
