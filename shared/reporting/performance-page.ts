import { MONTHS } from '../calendar/format';
import { AGENCY_TYPES } from '../notification';
import { ROUTES } from '../triage/types';
import { barChart, type Bar } from './charts';
import { percentage, type BoardMeasures, type MeasuresFilter } from './measures';

/**
 * What /console/performance shows: each measure as a chart with the same figures in a table
 * beside it, for a range of months (this month and the 12 before, unless the filter says
 * otherwise) and, if chosen, one source.
 */
export interface PerformanceSection {
  id: string;
  heading: string;
  definition: string;
  chart: string;
  table: { head: string[]; rows: string[][] };
}

export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const shortMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]!.slice(0, 3)} ${month.slice(0, 4)}`;

/** agency types and theme ids as people read them: "la-social-care" → "La social care" unless named. */
const plain = (code: string, names: Record<string, string> = {}) =>
  names[code] ?? (code.charAt(0).toUpperCase() + code.slice(1)).replace(/-/g, ' ');

const percentText = (part: number, whole: number) => {
  const p = percentage(part, whole);
  return p === undefined ? 'none' : `${p}%`;
};

/** The default range: this month (London time) and the 12 before it. */
export const defaultRange = (thisMonth: string): Pick<MeasuresFilter, 'from' | 'to'> => ({
  from: `${Number(thisMonth.slice(0, 4)) - 1}${thisMonth.slice(4)}`,
  to: thisMonth,
});

export const performanceSections = (
  measures: BoardMeasures,
  names: { sources?: Record<string, string>; themes?: Record<string, string> } = {},
): PerformanceSection[] => {
  const { months, total } = measures;
  const monthly = (
    value: (m: (typeof months)[number]) => number,
    text: (m: (typeof months)[number]) => string,
  ): Bar[] => months.map((m) => ({ label: shortMonth(m.month), value: value(m), text: text(m) }));
  const rate = (part: (m: (typeof months)[number]) => number, whole: (m: (typeof months)[number]) => number) =>
    monthly(
      (m) => percentage(part(m), whole(m)) ?? 0,
      (m) => percentText(part(m), whole(m)),
    );
  const section = (
    id: string,
    heading: string,
    definition: string,
    bars: Bar[],
    table: PerformanceSection['table'],
    max?: number,
  ): PerformanceSection => ({
    id,
    heading,
    definition,
    chart: barChart({ id, title: heading, bars, max }),
    table,
  });
  const byMonthTable = (
    head: string[],
    cells: (m: (typeof months)[number]) => (string | number)[],
    totals: (string | number)[],
  ) => ({
    head: ['Month', ...head],
    rows: [...months.map((m) => [monthName(m.month), ...cells(m).map(String)]), ['Total', ...totals.map(String)]],
  });
  const o = measures.overrides;

  return [
    section(
      'contacts-by-month',
      'Contacts by month',
      'Contacts received each month (a contact about several children counts once) and the children in them.',
      monthly(
        (m) => m.contacts,
        (m) => String(m.contacts),
      ),
      byMonthTable(['Contacts', 'Children'], (m) => [m.contacts, m.children], [total.contacts, total.children]),
    ),
    section(
      'contacts-by-source',
      'Contacts by source',
      "Contacts in the period by the referrer's agency type (its CIN census source code in the README).",
      measures.bySource.map((s) => ({
        label: plain(s.source, names.sources),
        value: s.contacts,
        text: String(s.contacts),
      })),
      {
        head: ['Source', 'CIN census code', 'Contacts', 'Children'],
        rows: measures.bySource.map((s) => [
          plain(s.source, names.sources),
          AGENCY_TYPES[s.source as keyof typeof AGENCY_TYPES] ?? '',
          String(s.contacts),
          String(s.children),
        ]),
      },
    ),
    section(
      'contacts-by-theme',
      'Contacts by theme',
      'Contacts on each daily multi-agency triage list (a contact can be on more than one).',
      measures.byTheme.map((t) => ({
        label: plain(t.theme, names.themes),
        value: t.contacts,
        text: String(t.contacts),
      })),
      {
        head: ['Theme', 'Contacts'],
        rows: measures.byTheme.map((t) => [plain(t.theme, names.themes), String(t.contacts)]),
      },
    ),
    section(
      'recommended-decided',
      'Recommended and decided',
      "Each child's first decision by a worker against the rules' recommendation: the same, a higher or lower level, another route.",
      [
        { label: 'Same as recommended', value: o.agreed, text: `${o.agreed} (${percentText(o.agreed, o.compared)})` },
        {
          label: 'Higher level',
          value: o.levelHigher,
          text: `${o.levelHigher} (${percentText(o.levelHigher, o.compared)})`,
        },
        {
          label: 'Lower level',
          value: o.levelLower,
          text: `${o.levelLower} (${percentText(o.levelLower, o.compared)})`,
        },
        {
          label: 'Another route',
          value: o.routeChanged,
          text: `${o.routeChanged} (${percentText(o.routeChanged, o.compared)})`,
        },
      ],
      {
        head: ['Recommended route', 'Decided route', 'Children'],
        rows: o.routes.map((r) => [
          ROUTES[r.recommended as keyof typeof ROUTES] ?? r.recommended,
          ROUTES[r.decided as keyof typeof ROUTES] ?? r.decided,
          String(r.children),
        ]),
      },
    ),
    section(
      'conversion',
      'Conversion to a social care referral',
      "Children decided each month whose decision (after any reconsideration) is a children's social care assessment or strategy discussion; early help alongside.",
      rate(
        (m) => m.referrals,
        (m) => m.decidedChildren,
      ),
      byMonthTable(
        ['Children decided', 'Referred to social care', 'To early help', 'Referral rate'],
        (m) => [m.decidedChildren, m.referrals, m.earlyHelp, percentText(m.referrals, m.decidedChildren)],
        [total.decidedChildren, total.referrals, total.earlyHelp, percentText(total.referrals, total.decidedChildren)],
      ),
      100,
    ),
    section(
      're-referrals',
      'Re-referrals within 12 months',
      'Referrals of a child who had another referral in the 12 months before (on or after the same date a year earlier); re-contacts likewise for any contact.',
      rate(
        (m) => m.reReferrals,
        (m) => m.referrals,
      ),
      byMonthTable(
        ['Children in contacts', 'Re-contacts', 'Referrals', 'Re-referrals', 'Re-referral rate'],
        (m) => [m.children, m.reContacts, m.referrals, m.reReferrals, percentText(m.reReferrals, m.referrals)],
        [
          total.children,
          total.reContacts,
          total.referrals,
          total.reReferrals,
          percentText(total.reReferrals, total.referrals),
        ],
      ),
      100,
    ),
    section(
      'one-working-day',
      'Decided within one working day',
      'Contacts decided within one working day of receipt (office hours, weekends and bank holidays excluded); red contacts by their red due time alongside.',
      rate(
        (m) => m.withinOneWorkingDay,
        (m) => m.decidedContacts,
      ),
      byMonthTable(
        ['Contacts decided', 'Within one working day', 'Per cent', 'Red decided', 'Red within its hours'],
        (m) => [
          m.decidedContacts,
          m.withinOneWorkingDay,
          percentText(m.withinOneWorkingDay, m.decidedContacts),
          m.redDecided,
          m.redWithinHours,
        ],
        [
          total.decidedContacts,
          total.withinOneWorkingDay,
          percentText(total.withinOneWorkingDay, total.decidedContacts),
          total.redDecided,
          total.redWithinHours,
        ],
      ),
      100,
    ),
    section(
      'follow-up',
      'Partner requests, reconsiderations and referrers',
      'Partner information requests answered within 48 hours of being asked; reconsiderations referrers asked for, and those that changed the decision; contacts whose referrer could not be reached by email; allegations about adults who work with children (the LADO).',
      [
        { label: 'Partner requests', value: total.partnerRequests, text: String(total.partnerRequests) },
        {
          label: 'Answered in 48 hours',
          value: total.partnerRequestsAnsweredWithin48h,
          text: `${total.partnerRequestsAnsweredWithin48h} (${percentText(total.partnerRequestsAnsweredWithin48h, total.partnerRequests)})`,
        },
        {
          label: 'Reconsiderations',
          value: total.reconsiderationsRequested,
          text: String(total.reconsiderationsRequested),
        },
        {
          label: 'Decision changed',
          value: total.reconsiderationsChanged,
          text: String(total.reconsiderationsChanged),
        },
        { label: 'Referrer not reached', value: total.referrersNotReached, text: String(total.referrersNotReached) },
        { label: 'LADO allegations', value: total.ladoAllegations, text: String(total.ladoAllegations) },
      ],
      byMonthTable(
        [
          'Partner requests',
          'Answered in 48 hours',
          'Reconsiderations',
          'Changed',
          'Referrer not reached',
          'LADO allegations',
          'LADO only',
        ],
        (m) => [
          m.partnerRequests,
          m.partnerRequestsAnsweredWithin48h,
          m.reconsiderationsRequested,
          m.reconsiderationsChanged,
          m.referrersNotReached,
          m.ladoAllegations,
          m.ladoOnly,
        ],
        [
          total.partnerRequests,
          total.partnerRequestsAnsweredWithin48h,
          total.reconsiderationsRequested,
          total.reconsiderationsChanged,
          total.referrersNotReached,
          total.ladoAllegations,
          total.ladoOnly,
        ],
      ),
    ),
  ];
};
