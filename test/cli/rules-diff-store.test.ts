import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { addDays } from '../../shared/calendar/zoned';
import { ddmmyyyy, londonDate } from '../../shared/returns/dates';
import { apiClient } from '../integration/api-client';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { useLocalSystem } from '../support/local-system';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const DEFAULT_RULESET = join(ROOT, 'shared', 'rules', 'rulesets', 'default.json');

/**
 * Commands that read the contacts a deployment holds: the what-if before an area switches its
 * guidance on, and the statutory returns made from the same records.
 */
describe('front-door commands on the stored contacts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-diff-'));
  const local = useLocalSystem();
  const references: string[] = [];
  const contactIds: string[] = [];

  beforeAll(async () => {
    const api = apiClient(local.system);
    for (const notification of [aSchoolNeglectNotification(), aPoliceDomesticAbuseNotification()]) {
      const accepted = await api.submit(notification);
      await api.contactInStatus(accepted.body.contactId, 'awaiting-decision');
      references.push(accepted.body.reference);
      contactIds.push(accepted.body.contactId);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays the stored contacts under both rulesets and names the changed ones by reference only', async () => {
    const stricter = JSON.parse(readFileSync(DEFAULT_RULESET, 'utf8'));
    const current = stricter.version;
    stricter.version = '9.0.0';
    stricter.status = 'draft';
    for (const indicator of stricter.indicators) if (indicator.id === 'neglect-reported') indicator.level = 3;
    const stricterFile = join(dir, 'stricter.json');
    writeFileSync(stricterFile, JSON.stringify(stricter));

    const { stdout } = await run(
      process.execPath,
      [
        join(ROOT, 'bin', 'front-door.mjs'),
        'rules',
        'diff',
        DEFAULT_RULESET,
        stricterFile,
        '--contacts',
        'store',
        '--data-dir',
        local.system.dataDir,
      ],
      { cwd: ROOT },
    );
    expect(stdout).toContain(`${references[0]}: level 2 -> 3`);
    expect(stdout).not.toContain(references[1]);
    expect(stdout).toContain(
      `2 contacts replayed under front-door-default ${current} and front-door-default 9.0.0: 1 changed`,
    );
    expect(stdout).not.toMatch(/Ellie|Fictional|Madeup/);
  }, 60_000);

  it('report annex-a writes the decided children into Ofsted’s lists under the exact headings, as CSV and XLSX', async () => {
    // Prepare: the school's child to targeted early help, over the recommendation; the police notification's two children
    // to a strategy discussion, as recommended (so no manager's sign-off waits).
    const api = apiClient(local.system);
    const [school, police] = contactIds as [string, string];
    expect(
      (
        await api.decide(school, {
          route: 'early-help-targeted',
          level: 3,
          primaryNeed: 'N1',
          rationale: 'Neglect over a term; the family agrees to early help.',
          // Recommended level 2: a manager's choice of targeted early help says why.
          overrideReason: 'The school has offered its own support for a term and the neglect has not changed.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.decide(police, {
          route: 'csc-strategy-discussion',
          level: 4,
          primaryNeed: 'N1',
          rationale: 'High-risk domestic abuse with a baby in the household.',
        })
      ).status,
    ).toBe(201);
    const schoolContact = await api.contactInStatus(school, 'decided');
    const policeContact = await api.contactInStatus(police, 'decided');
    // Days in England, from the records themselves: a run near midnight may receive and decide on two days.
    const day = (iso: string) => ddmmyyyy(londonDate(iso));
    const today = londonDate(new Date().toISOString());
    const out = join(dir, 'annex-a');

    // Act
    const { stdout } = await run(
      process.execPath,
      [
        join(ROOT, 'bin', 'front-door.mjs'),
        'report',
        'annex-a',
        '--from',
        addDays(today, -1),
        '--to',
        addDays(today, 1),
        '--out',
        out,
        '--data-dir',
        local.system.dataDir,
      ],
      { cwd: ROOT },
    );

    // Assess
    const lines = (file: string) => readFileSync(join(out, file), 'utf8').trimEnd().split('\r\n');
    const list1 = lines('annex-a-list-1-contacts.csv');
    expect(list1[0]).toBe(
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source',
    );
    expect(list1.slice(1).map((l) => l.split(',').slice(1, 4).concat(l.split(',').slice(5)))).toEqual(
      expect.arrayContaining([
        ['b) Female', 'a) WBRI', '14/03/2018', day(schoolContact.receivedAt), 'e) 2A: Schools'],
        ['a) Male', 't) NOBT', '01/06/2024', day(policeContact.receivedAt), 'q) 6: Police'],
        ['b) Female', 't) NOBT', '20/11/2016', day(policeContact.receivedAt), 'q) 6: Police'],
      ]),
    );
    expect(list1).toHaveLength(4);
    const list2 = lines('annex-a-list-2-early-help.csv');
    expect(list2[0]).toBe(
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Assessment start date,Assessment completion date,Organisation completing assessment',
    );
    expect(list2.slice(1).map((l) => l.split(',').slice(1))).toEqual([
      [
        'b) Female',
        'a) WBRI',
        '14/03/2018',
        expect.any(String),
        day(schoolContact.decision.decidedAt),
        '',
        'Exampleshire (local) early help',
      ],
    ]);
    const list3 = lines('annex-a-list-3-referrals.csv');
    expect(list3[0]).toBe(
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,Referral Source,Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker',
    );
    expect(list3.slice(1).map((l) => l.split(',').slice(1, 4).concat(l.split(',').slice(5)))).toEqual(
      expect.arrayContaining([
        [
          'a) Male',
          't) NOBT',
          '01/06/2024',
          day(policeContact.decision.decidedAt),
          'q) 6: Police',
          'b) No',
          '0',
          '',
          '',
        ],
        [
          'b) Female',
          't) NOBT',
          '20/11/2016',
          day(policeContact.decision.decidedAt),
          'q) 6: Police',
          'b) No',
          '0',
          '',
          '',
        ],
      ]),
    );
    expect(list3).toHaveLength(3);
    expect(readFileSync(join(out, 'annex-a.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(stdout).toContain('annex-a-list-1-contacts.csv: 3 rows');
    expect(stdout).not.toMatch(/Ellie|Fictional|Noah|Mia/);
  }, 60_000);
});
