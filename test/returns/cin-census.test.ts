import { cinCensusReferrals } from '../../shared/returns/cin-census';
import { toCsv } from '../../shared/returns/table';
import { aContact, decided, ellie, options, tom, YEAR } from './contacts';

describe('the front door’s part of the CIN census', () => {
  it('is one row per child referral under the census’s item names, with its codes and dates', () => {
    // Prepare: Ellie referred twice (by a school, then by the police), Tom once with no primary
    // need recorded; a child decided to early help is no referral.
    const first = aContact({
      receivedAt: '2026-05-01T09:00:00Z',
      children: [ellie(), tom()],
      decision: decided('2026-05-01T14:00:00Z', [
        { route: 'csc-assessment', primaryNeed: 'N1' },
        { route: 'csc-strategy-discussion' },
      ]),
    });
    const second = aContact({
      receivedAt: '2026-09-20T22:30:00Z',
      referrer: { agencyType: 'police', organisation: 'Exampleshire Police' },
      children: [ellie()],
      decision: decided('2026-09-20T23:15:00Z', [{ route: 'csc-strategy-discussion', primaryNeed: 'N4' }]),
    });
    const earlyHelp = aContact({
      receivedAt: '2026-06-01T09:00:00Z',
      decision: decided('2026-06-01T10:00:00Z', [{ route: 'early-help-targeted', primaryNeed: 'N5' }]),
    });

    // Act
    const csv = toCsv(cinCensusReferrals([first, second, earlyHelp], YEAR, options), 'yyyy-mm-dd');

    // Assess: the police referral was decided at 00:15 on 21 September in London.
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe('LAchildID,ReferralDate,ReferralSource,PrimaryNeedCode,ReferralNFA');
    const fields = rows.map((r) => r.split(','));
    // The two referrals of 1 May are ordered by child ID, which is a hash.
    expect(fields.slice(0, 2).map((f) => f.slice(1))).toEqual(
      expect.arrayContaining([
        ['2026-05-01', '2A', 'N1', 'false'],
        ['2026-05-01', '2A', 'N0', 'false'],
      ]),
    );
    expect(fields[2]!.slice(1)).toEqual(['2026-09-21', '6', 'N4', 'false']);
    const ellieIds = fields.filter((f) => f[3] !== 'N0').map((f) => f[0]);
    expect(ellieIds[0]).toBe(ellieIds[1]);
    expect(fields.find((f) => f[3] === 'N0')![0]).not.toBe(ellieIds[0]);
  });

  it('marks a referral a manager changed to no further action on reconsideration, keeping its first date and primary need', () => {
    // Prepare
    const contact = aContact({
      receivedAt: '2026-07-01T09:00:00Z',
      previousDecisions: [decided('2026-07-01T15:00:00Z', [{ route: 'csc-assessment', primaryNeed: 'N3' }])],
      decision: decided('2026-07-08T09:00:00Z', [{ route: 'information-advice' }]),
    });

    // Act
    const table = cinCensusReferrals([contact], YEAR, options);

    // Assess
    expect(table.rows.map((r) => r.slice(1))).toEqual([[{ date: '2026-07-01' }, '2A', 'N3', 'true']]);
  });

  it('quotes a cell holding a comma or a quotation mark, as CSV readers expect', () => {
    // Act
    const csv = toCsv({ name: 't', headings: ['A', 'B'], rows: [['Team 1, North', 'The "hub"']] }, 'yyyy-mm-dd');

    // Assess
    expect(csv).toBe('A,B\r\n"Team 1, North","The ""hub"""\r\n');
  });
});
