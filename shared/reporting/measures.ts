import type { FactsQuery, Row } from './ports';

/**
 * The board's measures of the front door, as SQL over the pseudonymised facts (shared/reporting/
 * facts.ts). The same text runs in DuckDB locally and in Athena (Trino) in AWS, so it keeps to
 * what both read alike: CASE sums, GROUP BY, a self-join, CAST to DATE and INTERVAL '12' MONTH.
 * Contact-level figures are read from each contact's first child's row (child_index = 0), so a
 * contact about three children counts once; child-level figures count every row. The README's
 * "Board measures" section gives each definition and where it comes from.
 */

export interface MeasuresFilter {
  /** First and last month, YYYY-MM, both included (Europe/London months). */
  from: string;
  to: string;
  /** The referrer's agency type (e.g. police, school); every source when absent. */
  source?: string;
}

export interface MonthFigures {
  /** Contacts received, and the children in them (one contact about three children is three). */
  contacts: number;
  children: number;
  /** Children with a decision that stands; of them, referred to social care, and to early help. */
  decidedChildren: number;
  referrals: number;
  earlyHelp: number;
  /** Children with an earlier contact, or (for a referral) an earlier referral, in the 12 months before. */
  reContacts: number;
  reReferrals: number;
  /** Contacts decided, and of them within one working day of receipt (the screening measure). */
  decidedContacts: number;
  withinOneWorkingDay: number;
  /** Red (immediate risk) contacts decided, and of them by their red due time. */
  redDecided: number;
  redWithinHours: number;
  partnerRequests: number;
  partnerRequestsAnsweredWithin48h: number;
  reconsiderationsRequested: number;
  reconsiderationsChanged: number;
  referrersNotReached: number;
  /** Notifications about an adult who works with children; of them, passed to the LADO alone. */
  ladoAllegations: number;
  ladoOnly: number;
  /**
   * The LADO's allegations reported in the month (their own records) and their clocks, counted in
   * the month the allegation was reported: initial consideration made, and within one working day;
   * first meeting held, and within its time (72 hours, or 5 working days); concluded, and within
   * one and three months of being reported; about a person with earlier allegations.
   */
  ladoReceived: number;
  ladoConsidered: number;
  ladoConsideredWithinOneWorkingDay: number;
  ladoMeetings: number;
  ladoMeetingsInTime: number;
  ladoConcluded: number;
  ladoResolvedWithinOneMonth: number;
  ladoResolvedWithinThreeMonths: number;
  ladoRepeats: number;
}

export interface BoardMeasures {
  filter: MeasuresFilter;
  /** Every month of the range, oldest first, with zeros where nothing happened. */
  months: ({ month: string } & MonthFigures)[];
  total: MonthFigures;
  bySource: { source: string; contacts: number; children: number }[];
  byTheme: { theme: string; contacts: number }[];
  /** The worker's decision against the engine's recommendation, child by child (before any reconsideration). */
  overrides: {
    compared: number;
    agreed: number;
    levelHigher: number;
    levelLower: number;
    routeChanged: number;
    routes: { recommended: string; decided: string; children: number }[];
  };
  /** Allegations reported in the range and concluded, by the outcome's category. */
  ladoOutcomes: { outcome: string; allegations: number }[];
  /** When the extract read the records these figures come from (ISO time); undefined before the first. */
  asAt: string | undefined;
}

const FILTER = "received_month BETWEEN ? AND ? AND (? = '' OR source = ?)";
const params = (f: MeasuresFilter) => [f.from, f.to, f.source ?? '', f.source ?? ''];
const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
const perContact = (condition: string) => sum(`child_index = 0 AND ${condition}`);

/** The SQL of each query, exported so the AWS side (and anyone checking a figure) runs exactly this. */
export const MEASURES_SQL = {
  monthly: `SELECT received_month AS month,
  ${perContact('1 = 1')} AS contacts,
  COUNT(*) AS children,
  ${sum('decided_route IS NOT NULL')} AS decided_children,
  ${sum('referral')} AS referrals,
  ${sum('early_help')} AS early_help,
  ${perContact('decided_at IS NOT NULL')} AS decided_contacts,
  ${perContact('screened_within_one_working_day')} AS within_one_working_day,
  ${perContact("priority = 'red' AND decided_at IS NOT NULL")} AS red_decided,
  ${perContact("priority = 'red' AND decided_within_priority_time")} AS red_within_hours,
  SUM(CASE WHEN child_index = 0 THEN partner_requests ELSE 0 END) AS partner_requests,
  SUM(CASE WHEN child_index = 0 THEN partner_requests_answered_within_48h ELSE 0 END) AS partner_requests_answered_within_48h,
  ${perContact('reconsideration_requested')} AS reconsiderations_requested,
  ${perContact('reconsideration_changed')} AS reconsiderations_changed,
  ${perContact('referrer_not_reached')} AS referrers_not_reached,
  ${perContact('lado_allegation')} AS lado_allegations,
  ${perContact('lado_only')} AS lado_only
FROM contact_facts
WHERE ${FILTER}
GROUP BY received_month
ORDER BY month`,
  /**
   * A child's contact is a re-contact when the same child (by key) had another contact received
   * before it and on or after the same date 12 months earlier; a referral is a re-referral when
   * that earlier contact was a referral too. Earlier contacts count from any source and from
   * before the range: only the later contact must be in it.
   */
  repeats: `WITH later AS (
  SELECT contact_key, child_key, received_at, received_on, received_month, referral
  FROM contact_facts
  WHERE ${FILTER}
), flagged AS (
  SELECT l.received_month, l.contact_key, l.child_key,
    MAX(CASE WHEN e.contact_key IS NOT NULL THEN 1 ELSE 0 END) AS re_contact,
    MAX(CASE WHEN l.referral AND e.referral THEN 1 ELSE 0 END) AS re_referral
  FROM later l
  LEFT JOIN contact_facts e
    ON e.child_identified AND e.child_key = l.child_key AND e.contact_key <> l.contact_key
    AND e.received_at < l.received_at
    AND CAST(e.received_on AS DATE) >= CAST(l.received_on AS DATE) - INTERVAL '12' MONTH
  GROUP BY l.received_month, l.contact_key, l.child_key
)
SELECT received_month AS month, SUM(re_contact) AS re_contacts, SUM(re_referral) AS re_referrals
FROM flagged
GROUP BY received_month
ORDER BY month`,
  bySource: `SELECT source, ${perContact('1 = 1')} AS contacts, COUNT(*) AS children
FROM contact_facts
WHERE ${FILTER}
GROUP BY source
ORDER BY contacts DESC, source`,
  byTheme: `SELECT theme, COUNT(DISTINCT contact_key) AS contacts
FROM theme_facts
WHERE ${FILTER}
GROUP BY theme
ORDER BY contacts DESC, theme`,
  /** The LADO's clocks, from the allegations' own facts, by the month each was reported. */
  lado: `SELECT received_month AS month,
  COUNT(*) AS lado_received,
  ${sum('considered_at IS NOT NULL')} AS lado_considered,
  ${sum('considered_within_one_working_day')} AS lado_considered_in_time,
  ${sum('first_meeting_at IS NOT NULL')} AS lado_meetings,
  ${sum('meeting_within_time')} AS lado_meetings_in_time,
  ${sum('outcome IS NOT NULL')} AS lado_concluded,
  ${sum('resolved_within_one_month')} AS lado_resolved_one_month,
  ${sum('resolved_within_three_months')} AS lado_resolved_three_months,
  ${sum('repeat_allegation')} AS lado_repeats
FROM allegation_facts
WHERE ${FILTER}
GROUP BY received_month
ORDER BY month`,
  ladoOutcomes: `SELECT outcome, COUNT(*) AS allegations
FROM allegation_facts
WHERE ${FILTER} AND outcome IS NOT NULL
GROUP BY outcome
ORDER BY allegations DESC, outcome`,
  /** The snapshot's time, whatever the filter: the same for every figure. */
  asAt: 'SELECT MAX(extracted_at) AS extracted_at FROM snapshot_facts',
  overrides: `SELECT recommended_route, first_decided_route,
  COUNT(*) AS children,
  ${sum('first_decided_level = recommended_level AND first_decided_route = recommended_route')} AS agreed,
  ${sum('first_decided_level > recommended_level')} AS level_higher,
  ${sum('first_decided_level < recommended_level')} AS level_lower
FROM contact_facts
WHERE ${FILTER} AND recommended_route IS NOT NULL AND first_decided_route IS NOT NULL
GROUP BY recommended_route, first_decided_route
ORDER BY children DESC, recommended_route, first_decided_route`,
} as const;

const num = (value: Row[string] | undefined): number =>
  value === null || value === undefined || value === '' ? 0 : Number(value);
const str = (value: Row[string] | undefined): string => (value === null || value === undefined ? '' : String(value));

/** YYYY-MM months from `from` to `to`, both included. */
export const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let month = from; month <= to; month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class InvalidMeasuresFilter extends Error {
  override readonly name = 'InvalidMeasuresFilter';
}

/** A month with nothing in it: every figure zero. */
export const NO_FIGURES: MonthFigures = {
  contacts: 0,
  children: 0,
  decidedChildren: 0,
  referrals: 0,
  earlyHelp: 0,
  reContacts: 0,
  reReferrals: 0,
  decidedContacts: 0,
  withinOneWorkingDay: 0,
  redDecided: 0,
  redWithinHours: 0,
  partnerRequests: 0,
  partnerRequestsAnsweredWithin48h: 0,
  reconsiderationsRequested: 0,
  reconsiderationsChanged: 0,
  referrersNotReached: 0,
  ladoAllegations: 0,
  ladoOnly: 0,
  ladoReceived: 0,
  ladoConsidered: 0,
  ladoConsideredWithinOneWorkingDay: 0,
  ladoMeetings: 0,
  ladoMeetingsInTime: 0,
  ladoConcluded: 0,
  ladoResolvedWithinOneMonth: 0,
  ladoResolvedWithinThreeMonths: 0,
  ladoRepeats: 0,
};

const monthFigures = (row: Row | undefined, repeats: Row | undefined, lado: Row | undefined): MonthFigures => ({
  contacts: num(row?.contacts),
  children: num(row?.children),
  decidedChildren: num(row?.decided_children),
  referrals: num(row?.referrals),
  earlyHelp: num(row?.early_help),
  reContacts: num(repeats?.re_contacts),
  reReferrals: num(repeats?.re_referrals),
  decidedContacts: num(row?.decided_contacts),
  withinOneWorkingDay: num(row?.within_one_working_day),
  redDecided: num(row?.red_decided),
  redWithinHours: num(row?.red_within_hours),
  partnerRequests: num(row?.partner_requests),
  partnerRequestsAnsweredWithin48h: num(row?.partner_requests_answered_within_48h),
  reconsiderationsRequested: num(row?.reconsiderations_requested),
  reconsiderationsChanged: num(row?.reconsiderations_changed),
  referrersNotReached: num(row?.referrers_not_reached),
  ladoAllegations: num(row?.lado_allegations),
  ladoOnly: num(row?.lado_only),
  ladoReceived: num(lado?.lado_received),
  ladoConsidered: num(lado?.lado_considered),
  ladoConsideredWithinOneWorkingDay: num(lado?.lado_considered_in_time),
  ladoMeetings: num(lado?.lado_meetings),
  ladoMeetingsInTime: num(lado?.lado_meetings_in_time),
  ladoConcluded: num(lado?.lado_concluded),
  ladoResolvedWithinOneMonth: num(lado?.lado_resolved_one_month),
  ladoResolvedWithinThreeMonths: num(lado?.lado_resolved_three_months),
  ladoRepeats: num(lado?.lado_repeats),
});

/** Every month's figures added up: each contact and child belongs to one month, so sums are exact. */
const totalOf = (months: readonly MonthFigures[]): MonthFigures =>
  months.reduce((total, month) => {
    const sum = { ...total };
    for (const k of Object.keys(sum) as (keyof MonthFigures)[]) sum[k] += month[k];
    return sum;
  }, NO_FIGURES);

/**
 * The board's measures for a range of months (and one source, if given), read through the facts
 * port: the performance page, the monthly board report and anyone else ask for them here.
 */
export const loadMeasures = async (filter: MeasuresFilter, deps: { facts: FactsQuery }): Promise<BoardMeasures> => {
  if (!MONTH.test(filter.from) || !MONTH.test(filter.to)) throw new InvalidMeasuresFilter('Give months as YYYY-MM');
  if (filter.from > filter.to) throw new InvalidMeasuresFilter('The first month must not be after the last');
  const p = params(filter);
  const [monthly, repeats, bySource, byTheme, overrides, lado, ladoOutcomes, asAt] = await Promise.all([
    ...[
      MEASURES_SQL.monthly,
      MEASURES_SQL.repeats,
      MEASURES_SQL.bySource,
      MEASURES_SQL.byTheme,
      MEASURES_SQL.overrides,
      MEASURES_SQL.lado,
      MEASURES_SQL.ladoOutcomes,
    ].map((sql) => deps.facts.query(sql, p)),
    deps.facts.query(MEASURES_SQL.asAt, []),
  ]);
  const byMonth = (rows: Row[]) => new Map(rows.map((r) => [str(r.month), r]));
  const monthRows = byMonth(monthly!);
  const repeatRows = byMonth(repeats!);
  const ladoRows = byMonth(lado!);
  const months = monthsBetween(filter.from, filter.to).map((month) => ({
    month,
    ...monthFigures(monthRows.get(month), repeatRows.get(month), ladoRows.get(month)),
  }));
  const routes = overrides!.map((r) => ({
    recommended: str(r.recommended_route),
    decided: str(r.first_decided_route),
    children: num(r.children),
  }));
  return {
    filter,
    months,
    total: totalOf(months),
    bySource: bySource!.map((r) => ({ source: str(r.source), contacts: num(r.contacts), children: num(r.children) })),
    byTheme: byTheme!.map((r) => ({ theme: str(r.theme), contacts: num(r.contacts) })),
    overrides: {
      compared: routes.reduce((n, r) => n + r.children, 0),
      agreed: overrides!.reduce((n, r) => n + num(r.agreed), 0),
      levelHigher: overrides!.reduce((n, r) => n + num(r.level_higher), 0),
      levelLower: overrides!.reduce((n, r) => n + num(r.level_lower), 0),
      routeChanged: routes.filter((r) => r.recommended !== r.decided).reduce((n, r) => n + r.children, 0),
      routes,
    },
    ladoOutcomes: ladoOutcomes!.map((r) => ({ outcome: str(r.outcome), allegations: num(r.allegations) })),
    asAt: str(asAt![0]?.extracted_at) || undefined,
  };
};

/** A share as a whole-number percentage, or undefined when there is nothing to divide by. */
export const percentage = (part: number, whole: number): number | undefined =>
  whole === 0 ? undefined : Math.round((part / whole) * 1000) / 10;
