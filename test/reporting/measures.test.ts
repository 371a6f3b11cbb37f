import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckDbFacts } from '../../shared/reporting/duckdb-facts';
import type { AllegationFact } from '../../shared/reporting/allegation-facts';
import type { ContactFact, ThemeFact } from '../../shared/reporting/facts';
import { localFactsSink } from '../../shared/reporting/local-facts-sink';
import {
  InvalidMeasuresFilter,
  loadMeasures,
  monthsBetween,
  type MeasuresFilter,
} from '../../shared/reporting/measures';
import { toParquet } from '../../shared/reporting/parquet';
import {
  ALLEGATION_FACT_COLUMNS,
  CONTACT_FACT_COLUMNS,
  SNAPSHOT_FACT_COLUMNS,
  THEME_FACT_COLUMNS,
} from '../../shared/reporting/schema';

/**
 * Every board measure on hand-built facts, through the whole local path: the rows are written as
 * Parquet into a snapshot folder and read back by DuckDB running the measures' SQL, as the
 * performance page does.
 */

let n = 0;
/** A child's row for one contact: received, undecided, from a school, unless told otherwise. */
const fact = (overrides: Partial<ContactFact> = {}): ContactFact => {
  const receivedOn = overrides.received_on ?? '2026-10-05';
  n += 1;
  return {
    contact_key: `contact-${n}`,
    child_key: `child-${n}`,
    child_identified: true,
    child_index: 0,
    children_in_contact: 1,
    received_at: `${receivedOn}T09:00:00.000Z`,
    received_on: receivedOn,
    received_month: receivedOn.slice(0, 7),
    source: 'school',
    source_code: '2A',
    channel: 'web',
    status: 'awaiting-decision',
    age_band: '5-9',
    age_years: 7,
    priority: 'green',
    recommended_level: 3,
    recommended_route: 'early-help-targeted',
    first_decided_level: null,
    first_decided_route: null,
    decided_level: null,
    decided_route: null,
    decided_at: null,
    screened_within_one_working_day: null,
    decided_within_priority_time: null,
    referral: false,
    early_help: false,
    reconsideration_requested: false,
    reconsideration_changed: false,
    partner_requests: 0,
    partner_requests_answered_within_48h: 0,
    acknowledgement_sent: true,
    referrer_not_reached: false,
    lado_allegation: false,
    lado_only: false,
    ...overrides,
  };
};

/** The same decision made first and standing, as most are. */
const decided = (route: string, level: number, more: Partial<ContactFact> = {}): Partial<ContactFact> => ({
  status: 'decided',
  first_decided_route: route,
  first_decided_level: level,
  decided_route: route,
  decided_level: level,
  decided_at: '2026-10-05T15:00:00.000Z',
  screened_within_one_working_day: true,
  decided_within_priority_time: true,
  referral: route === 'csc-assessment' || route === 'csc-strategy-discussion',
  early_help: route.startsWith('early-help'),
  ...more,
});

/** A second child of the same contact. */
const sibling = (of: ContactFact, overrides: Partial<ContactFact> = {}): ContactFact =>
  fact({ ...of, child_key: `${of.child_key}-sibling`, child_index: 1, children_in_contact: 2, ...overrides });

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An allegation reported in October from a school, considered the same day, nothing more yet. */
const allegation = (overrides: Partial<AllegationFact> = {}): AllegationFact => {
  const receivedOn = overrides.received_on ?? '2026-10-05';
  n += 1;
  return {
    allegation_key: `allegation-${n}`,
    received_at: `${receivedOn}T09:00:00.000Z`,
    received_on: receivedOn,
    received_month: receivedOn.slice(0, 7),
    source: 'school',
    sector: 'education',
    immediate_risk: false,
    considered_at: `${receivedOn}T15:00:00.000Z`,
    considered_within_one_working_day: true,
    first_meeting_at: null,
    meeting_within_time: null,
    outcome: null,
    concluded_at: null,
    resolved_within_one_month: null,
    resolved_within_three_months: null,
    repeat_allegation: false,
    ...overrides,
  };
};

const measuresOf = async (
  contacts: ContactFact[],
  filter: MeasuresFilter,
  themes: ThemeFact[] = [],
  more: { allegations?: AllegationFact[]; extractedAt?: string } = {},
) => {
  const dir = mkdtempSync(join(tmpdir(), 'facts-'));
  dirs.push(dir);
  const sink = localFactsSink(dir);
  await sink.writePart('run-1', 'contact_facts', 0, await toParquet(CONTACT_FACT_COLUMNS, contacts));
  await sink.writePart('run-1', 'theme_facts', 0, await toParquet(THEME_FACT_COLUMNS, themes));
  if (more.allegations)
    await sink.writePart('run-1', 'allegation_facts', 0, await toParquet(ALLEGATION_FACT_COLUMNS, more.allegations));
  if (more.extractedAt)
    await sink.writePart(
      'run-1',
      'snapshot_facts',
      0,
      await toParquet(SNAPSHOT_FACT_COLUMNS, [{ run_id: 'run-1', extracted_at: more.extractedAt }]),
    );
  await sink.publish('run-1');
  const facts = duckDbFacts(dir);
  try {
    return await loadMeasures(filter, { facts });
  } finally {
    facts.close();
  }
};

const OCTOBER = { from: '2026-10', to: '2026-10' };

describe('board measures over the facts', () => {
  it('counts contacts once and children each, by month and by source, with every month of the range present', async () => {
    // Prepare: a police contact about two children in October, a school contact in September.
    const police = fact({ source: 'police', source_code: '6', children_in_contact: 2 });
    const facts = [police, sibling(police), fact({ received_on: '2026-09-30' })];

    // Act
    const measures = await measuresOf(facts, { from: '2026-08', to: '2026-10' });

    // Assess
    expect(measures.months.map((m) => [m.month, m.contacts, m.children])).toEqual([
      ['2026-08', 0, 0],
      ['2026-09', 1, 1],
      ['2026-10', 1, 2],
    ]);
    expect(measures.total.contacts).toBe(2);
    expect(measures.bySource).toEqual([
      { source: 'police', contacts: 1, children: 2 },
      { source: 'school', contacts: 1, children: 1 },
    ]);
  });

  it('keeps to one source when asked, and to the months asked', async () => {
    const facts = [
      fact({ source: 'police' }),
      fact({ source: 'school' }),
      fact({ source: 'police', received_on: '2026-11-02' }),
    ];
    const measures = await measuresOf(facts, { ...OCTOBER, source: 'police' });
    expect(measures.total.contacts).toBe(1);
    expect(measures.bySource).toEqual([{ source: 'police', contacts: 1, children: 1 }]);
  });

  it('counts contacts by theme, a contact on two lists under each', async () => {
    const a = fact();
    const b = fact();
    const themes: ThemeFact[] = [
      { contact_key: a.contact_key, received_month: '2026-10', source: 'school', theme: 'domestic-abuse' },
      { contact_key: a.contact_key, received_month: '2026-10', source: 'school', theme: 'missing' },
      { contact_key: b.contact_key, received_month: '2026-10', source: 'school', theme: 'domestic-abuse' },
    ];
    const measures = await measuresOf([a, b], OCTOBER, themes);
    expect(measures.byTheme).toEqual([
      { theme: 'domestic-abuse', contacts: 2 },
      { theme: 'missing', contacts: 1 },
    ]);
  });

  it('compares the worker’s decision with the recommendation child by child, and says which way it went', async () => {
    const facts = [
      fact(decided('early-help-targeted', 3)), // agreed
      fact(decided('csc-assessment', 4)), // up a level, another route
      fact(decided('information-advice', 1)), // down two levels, another route
      fact(decided('early-help-targeted', 2)), // down a level, same route
      fact(), // not decided: not compared
    ];
    const { overrides } = await measuresOf(facts, OCTOBER);
    expect(overrides).toMatchObject({ compared: 4, agreed: 1, levelHigher: 1, levelLower: 2, routeChanged: 2 });
    expect(overrides.routes).toContainEqual({
      recommended: 'early-help-targeted',
      decided: 'csc-assessment',
      children: 1,
    });
    expect(overrides.routes).toContainEqual({
      recommended: 'early-help-targeted',
      decided: 'early-help-targeted',
      children: 2,
    });
  });

  it('counts a decision changed on reconsideration once: the standing decision converts, the worker’s is compared', async () => {
    // Prepare: early help decided, then changed to an assessment when the referrer asked.
    const changed = fact(
      decided('early-help-targeted', 3, {
        decided_route: 'csc-assessment',
        decided_level: 4,
        referral: true,
        early_help: false,
        reconsideration_requested: true,
        reconsideration_changed: true,
      }),
    );
    const upheld = fact(decided('nfa', 1, { reconsideration_requested: true }));

    const measures = await measuresOf([changed, upheld], OCTOBER);

    expect(measures.total).toMatchObject({
      decidedChildren: 2,
      referrals: 1,
      earlyHelp: 0,
      reconsiderationsRequested: 2,
      reconsiderationsChanged: 1,
    });
    expect(measures.overrides).toMatchObject({ compared: 2, agreed: 1 });
  });

  it('converts children, not contacts: two siblings sent different ways', async () => {
    const first = fact({ ...decided('csc-strategy-discussion', 4), children_in_contact: 2 });
    const facts = [first, sibling(first, decided('early-help-single-agency', 2)), fact()];
    const { total } = await measuresOf(facts, OCTOBER);
    expect(total).toMatchObject({ contacts: 2, children: 3, decidedChildren: 2, referrals: 1, earlyHelp: 1 });
  });

  describe('re-contacts and re-referrals within 12 months, per child', () => {
    const referral = (child: string, receivedOn: string, more: Partial<ContactFact> = {}) =>
      fact({ child_key: child, received_on: receivedOn, ...decided('csc-assessment', 4), ...more });

    it('counts a referral exactly 12 months after the last as a re-referral, and one a day later as not', async () => {
      const facts = [
        referral('amy', '2025-10-20'),
        referral('amy', '2026-10-20'),
        referral('ben', '2025-10-19'),
        referral('ben', '2026-10-20'),
      ];
      const { total } = await measuresOf(facts, OCTOBER);
      expect(total).toMatchObject({ referrals: 2, reReferrals: 1, reContacts: 1 });
    });

    it('looks back past the start of the range and across sources, but never at another child', async () => {
      const facts = [
        referral('cat', '2026-03-01', { source: 'police' }),
        referral('cat', '2026-10-03', { source: 'school' }),
        referral('dan', '2026-10-04'),
        fact({ child_key: 'eve', received_on: '2026-09-01' }),
        fact({ child_key: 'eve', received_on: '2026-10-04' }),
      ];
      const measures = await measuresOf(facts, { ...OCTOBER, source: 'school' });
      expect(measures.total).toMatchObject({ children: 3, referrals: 2, reReferrals: 1, reContacts: 2 });
    });

    it('counts a child once however many earlier contacts they had, and a sibling apart', async () => {
      const facts = [
        fact({ child_key: 'fay', received_on: '2026-06-01' }),
        fact({ child_key: 'fay', received_on: '2026-08-01' }),
        fact({ child_key: 'fay', received_on: '2026-10-05', contact_key: 'now', children_in_contact: 2 }),
        fact({
          child_key: 'gus',
          received_on: '2026-10-05',
          contact_key: 'now',
          child_index: 1,
          children_in_contact: 2,
        }),
      ];
      const { total } = await measuresOf(facts, OCTOBER);
      expect(total).toMatchObject({ contacts: 1, children: 2, reContacts: 1 });
    });

    it('counts the later of two contacts on the same day, not both', async () => {
      const facts = [
        fact({ child_key: 'hal', received_on: '2026-10-05', received_at: '2026-10-05T08:00:00.000Z' }),
        fact({ child_key: 'hal', received_on: '2026-10-05', received_at: '2026-10-05T11:00:00.000Z' }),
      ];
      const { total } = await measuresOf(facts, OCTOBER);
      expect(total.reContacts).toBe(1);
    });

    it('never joins children who could not be identified, whatever their key', async () => {
      const facts = [
        fact({ child_key: 'x', child_identified: false, received_on: '2026-10-01' }),
        fact({ child_key: 'x', child_identified: false }),
      ];
      const { total } = await measuresOf(facts, OCTOBER);
      expect(total.reContacts).toBe(0);
    });
  });

  it('measures screening within one working day and red contacts within their hours, per contact', async () => {
    const red = fact({ ...decided('csc-strategy-discussion', 4), priority: 'red', children_in_contact: 2 });
    const facts = [
      red,
      sibling(red),
      fact(decided('nfa', 1, { priority: 'red', decided_within_priority_time: false })),
      fact(decided('nfa', 1, { screened_within_one_working_day: false, decided_within_priority_time: false })),
      fact({ priority: 'red' }), // not yet decided: in neither count
    ];
    const { total } = await measuresOf(facts, OCTOBER);
    expect(total).toMatchObject({ decidedContacts: 3, withinOneWorkingDay: 2, redDecided: 2, redWithinHours: 1 });
  });

  it('adds up partner requests and their answers within 48 hours once per contact', async () => {
    const asked = fact({ partner_requests: 3, partner_requests_answered_within_48h: 2, children_in_contact: 2 });
    const { total } = await measuresOf([asked, sibling(asked), fact({ partner_requests: 1 })], OCTOBER);
    expect(total).toMatchObject({ partnerRequests: 4, partnerRequestsAnsweredWithin48h: 2 });
  });

  it('counts referrers not reached and the LADO’s allegations per contact', async () => {
    const facts = [
      fact({ referrer_not_reached: true, acknowledgement_sent: false }),
      fact({ lado_allegation: true, lado_only: true, status: 'referred-to-lado' }),
      fact({ lado_allegation: true }),
    ];
    const { total } = await measuresOf(facts, OCTOBER);
    expect(total).toMatchObject({ contacts: 3, referrersNotReached: 1, ladoAllegations: 2, ladoOnly: 1 });
  });

  it('measures the LADO’s clocks by the month each allegation was reported, and outcomes by category', async () => {
    // Prepare: three October allegations from schools (one considered late, one with a meeting in
    // time and an outcome within a month, one a repeat concluded within three months), one from the
    // police in October, and one from a school in November.
    const allegations = [
      allegation({ considered_within_one_working_day: false, considered_at: '2026-10-07T09:00:00.000Z' }),
      allegation({
        first_meeting_at: '2026-10-08T10:00:00.000Z',
        meeting_within_time: true,
        outcome: 'unsubstantiated',
        concluded_at: '2026-10-30T10:00:00.000Z',
        resolved_within_one_month: true,
        resolved_within_three_months: true,
      }),
      allegation({
        repeat_allegation: true,
        first_meeting_at: '2026-10-20T10:00:00.000Z',
        meeting_within_time: false,
        outcome: 'substantiated',
        concluded_at: '2026-12-20T10:00:00.000Z',
        resolved_within_one_month: false,
        resolved_within_three_months: true,
      }),
      allegation({ source: 'police', considered_at: null, considered_within_one_working_day: null }),
      allegation({ received_on: '2026-11-02', outcome: 'unfounded', resolved_within_one_month: true }),
    ];

    // Act
    const all = await measuresOf([], { from: '2026-10', to: '2026-11' }, [], { allegations });
    const schools = await measuresOf([], { ...OCTOBER, source: 'school' }, [], { allegations });

    // Assess
    const [october, november] = all.months;
    expect(october).toMatchObject({
      ladoReceived: 4,
      ladoConsidered: 3,
      ladoConsideredWithinOneWorkingDay: 2,
      ladoMeetings: 2,
      ladoMeetingsInTime: 1,
      ladoConcluded: 2,
      ladoResolvedWithinOneMonth: 1,
      ladoResolvedWithinThreeMonths: 2,
      ladoRepeats: 1,
    });
    expect(november).toMatchObject({ ladoReceived: 1, ladoConcluded: 1, ladoResolvedWithinOneMonth: 1 });
    expect(all.ladoOutcomes).toEqual([
      { outcome: 'substantiated', allegations: 1 },
      { outcome: 'unfounded', allegations: 1 },
      { outcome: 'unsubstantiated', allegations: 1 },
    ]);
    expect(schools.total.ladoReceived).toBe(3);
  });

  it('says when the extract read the records, whatever the filter', async () => {
    const measures = await measuresOf([fact()], OCTOBER, [], { extractedAt: '2026-11-30T09:15:00.000Z' });
    expect(measures.asAt).toBe('2026-11-30T09:15:00.000Z');
  });

  it('answers zeros before the first extract has run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    dirs.push(dir);
    const facts = duckDbFacts(dir);
    const measures = await loadMeasures(OCTOBER, { facts });
    facts.close();
    expect(measures.total.contacts).toBe(0);
    expect(measures.bySource).toEqual([]);
  });

  it('refuses months that are not months, or a range the wrong way round', async () => {
    const facts = { query: jest.fn() };
    await expect(loadMeasures({ from: '2026-13', to: '2026-12' }, { facts })).rejects.toThrow(InvalidMeasuresFilter);
    await expect(loadMeasures({ from: '2026-10', to: '2026-09' }, { facts })).rejects.toThrow(InvalidMeasuresFilter);
    expect(facts.query).not.toHaveBeenCalled();
  });

  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
