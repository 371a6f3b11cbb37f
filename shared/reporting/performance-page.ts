import { MONTHS } from '../calendar/format';
import { referrerAgencyName, themeName } from '../web/labels';
import { AGENCY_TYPES } from '../notification';
import { ROUTES } from '../triage/types';
import { OUTCOMES } from '../lado/allegation';
import { barChart, type Bar } from './charts';
import { percentage, type BoardMeasures, type MeasuresFilter, type MonthFigures } from './measures';
import { EXACT, SUPPRESSED, type Disclosure } from './suppression';

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

/** Agency types and theme ids as people read them, from the console's one set of labels unless named. */
const sourceLabel = (code: string, names: Record<string, string> = {}) => names[code] ?? referrerAgencyName(code);
const themeLabel = (code: string, names: Record<string, string> = {}) => names[code] ?? themeName(code);

/** A bar whose figure is withheld is drawn empty: its length would give the figure away. */
const bar = (label: string, value: number, text: string): Bar => ({
  label,
  value: text.startsWith(SUPPRESSED) ? 0 : value,
  text,
});

/** "Figures as at 9:15am on 30 November 2026", from the snapshot's time (Europe/London). */
export const asAtText = (asAt: string | undefined): string => {
  if (!asAt) return 'No figures yet: the analytics extract has not run';
  const at = new Date(asAt);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options }).format(at);
  const time = part({ hour: 'numeric', minute: '2-digit', hour12: true }).replace(/\s/g, '').toLowerCase();
  return `Figures as at ${time} on ${part({ day: 'numeric', month: 'long', year: 'numeric' })}`;
};

/** The default range: this month (London time) and the 12 before it. */
export const defaultRange = (thisMonth: string): Pick<MeasuresFilter, 'from' | 'to'> => ({
  from: `${Number(thisMonth.slice(0, 4)) - 1}${thisMonth.slice(4)}`,
  to: thisMonth,
});

/**
 * The sections, with every figure written as `disclosure` says: exactly on the console, small
 * numbers withheld in the published board report (shared/reporting/suppression.ts).
 */
export const performanceSections = (
  measures: BoardMeasures,
  names: { sources?: Record<string, string>; themes?: Record<string, string> } = {},
  disclosure: Disclosure = EXACT,
): PerformanceSection[] => {
  const { months, total } = measures;
  const n = disclosure.count;
  const percentText = disclosure.percent;
  type Figure = keyof MonthFigures;
  // Each month's figures to withhold, once, so a figure withheld in one table is withheld in every one.
  const withheldIn = new Map<MonthFigures, ReadonlySet<Figure>>();
  const withheldOf = (m: MonthFigures) => withheldIn.get(m) ?? withheldIn.set(m, disclosure.withheldOf(m)).get(m)!;
  /** A month's figure as a cell: withheld when small, or when it would give a withheld one away. */
  const f = (m: MonthFigures, figure: Figure) => (withheldOf(m).has(figure) ? SUPPRESSED : n(m[figure]));
  /** A figure's percentage of another, withheld with either. */
  const pct = (m: MonthFigures, part: Figure, whole: Figure) =>
    withheldOf(m).has(part) || withheldOf(m).has(whole) ? SUPPRESSED : percentText(m[part], m[whole]);
  const monthly = (
    value: (m: (typeof months)[number]) => number,
    text: (m: (typeof months)[number]) => string,
  ): Bar[] => months.map((m) => bar(shortMonth(m.month), value(m), text(m)));
  const rate = (part: Figure, whole: Figure) =>
    monthly(
      (m) => percentage(m[part], m[whole]) ?? 0,
      (m) => pct(m, part, whole),
    );
  /**
   * Published, a total over several months is withheld when any month's figure is: beside the
   * months shown it would give the withheld one away; so is one the range's own whole and parts would.
   */
  const hidesAMonth = (figure: Figure) =>
    disclosure.suppressing &&
    ((months.length > 1 && months.some((m) => withheldOf(m).has(figure))) || withheldOf(total).has(figure));
  const totalText = (figure: Figure) => (hidesAMonth(figure) ? SUPPRESSED : n(total[figure]));
  /** A list's figures as bars and cells, withheld together when one alone would be worked out from the rest. */
  const listed = <T>(items: readonly T[], value: (item: T) => number) => disclosure.counts(items.map(value));
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
  // Published, the total row goes: with it, one month's withheld figure could be worked out from the others.
  const byMonthTable = (head: string[], cells: (m: MonthFigures) => string[]) => ({
    head: ['Month', ...head],
    rows: [
      ...months.map((m) => [monthName(m.month), ...cells(m)]),
      ...(disclosure.suppressing ? [] : [['Total', ...cells(total)]]),
    ],
  });
  const o = measures.overrides;

  return [
    section(
      'contacts-by-month',
      'Contacts by month',
      'Contacts received each month (a contact about several children counts once) and the children in them.',
      monthly(
        (m) => m.contacts,
        (m) => f(m, 'contacts'),
      ),
      byMonthTable(['Contacts', 'Children'], (m) => [f(m, 'contacts'), f(m, 'children')]),
    ),
    section(
      'contacts-by-source',
      'Contacts by source',
      "Contacts in the period by the referrer's agency type (its CIN census source code in the README).",
      (() => {
        const contacts = listed(measures.bySource, (s) => s.contacts);
        return measures.bySource.map((s, i) => bar(sourceLabel(s.source, names.sources), s.contacts, contacts[i]!));
      })(),
      (() => {
        const contacts = listed(measures.bySource, (s) => s.contacts);
        const children = listed(measures.bySource, (s) => s.children);
        return {
          head: ['Source', 'CIN census code', 'Contacts', 'Children'],
          rows: measures.bySource.map((s, i) => [
            sourceLabel(s.source, names.sources),
            AGENCY_TYPES[s.source as keyof typeof AGENCY_TYPES] ?? '',
            contacts[i]!,
            children[i]!,
          ]),
        };
      })(),
    ),
    section(
      'contacts-by-theme',
      'Contacts by theme',
      'Contacts on each daily multi-agency triage list (a contact can be on more than one).',
      (() => {
        const contacts = listed(measures.byTheme, (t) => t.contacts);
        return measures.byTheme.map((t, i) => bar(themeLabel(t.theme, names.themes), t.contacts, contacts[i]!));
      })(),
      (() => {
        const contacts = listed(measures.byTheme, (t) => t.contacts);
        return {
          head: ['Theme', 'Contacts'],
          rows: measures.byTheme.map((t, i) => [themeLabel(t.theme, names.themes), contacts[i]!]),
        };
      })(),
    ),
    section(
      'recommended-decided',
      'Recommended and decided',
      "Each child's first decision by a worker against the rules' recommendation: the same, a higher or lower level, another route.",
      (() => {
        // The four add up to the children compared, which their percentages give away: a list.
        const kinds = [
          ['Same as recommended', o.agreed],
          ['Higher level', o.levelHigher],
          ['Lower level', o.levelLower],
          ['Another route', o.routeChanged],
        ] as const;
        const counts = listed(kinds, ([, value]) => value);
        return kinds.map(([label, value], i) =>
          bar(label, value, counts[i] === SUPPRESSED ? SUPPRESSED : `${counts[i]} (${percentText(value, o.compared)})`),
        );
      })(),
      (() => {
        const children = listed(o.routes, (r) => r.children);
        return {
          head: ['Recommended route', 'Decided route', 'Children'],
          rows: o.routes.map((r, i) => [
            ROUTES[r.recommended as keyof typeof ROUTES] ?? r.recommended,
            ROUTES[r.decided as keyof typeof ROUTES] ?? r.decided,
            children[i]!,
          ]),
        };
      })(),
    ),
    section(
      'conversion',
      'Conversion to a social care referral',
      "Children decided each month whose decision (after any reconsideration) is a children's social care assessment or strategy discussion; early help alongside.",
      rate('referrals', 'decidedChildren'),
      byMonthTable(['Children decided', 'Referred to social care', 'To early help', 'Referral rate'], (m) => [
        f(m, 'decidedChildren'),
        f(m, 'referrals'),
        f(m, 'earlyHelp'),
        pct(m, 'referrals', 'decidedChildren'),
      ]),
      100,
    ),
    section(
      're-referrals',
      'Re-referrals within 12 months',
      'Referrals of a child who had another referral in the 12 months before (on or after the same date a year earlier); re-contacts likewise for any contact.',
      rate('reReferrals', 'referrals'),
      byMonthTable(['Children in contacts', 'Re-contacts', 'Referrals', 'Re-referrals', 'Re-referral rate'], (m) => [
        f(m, 'children'),
        f(m, 'reContacts'),
        f(m, 'referrals'),
        f(m, 'reReferrals'),
        pct(m, 'reReferrals', 'referrals'),
      ]),
      100,
    ),
    section(
      'one-working-day',
      'Decided within one working day',
      'Contacts decided within one working day of receipt (office hours, weekends and bank holidays excluded); red contacts by their red due time alongside.',
      rate('withinOneWorkingDay', 'decidedContacts'),
      byMonthTable(
        ['Contacts decided', 'Within one working day', 'Per cent', 'Red decided', 'Red within its hours'],
        (m) => [
          f(m, 'decidedContacts'),
          f(m, 'withinOneWorkingDay'),
          pct(m, 'withinOneWorkingDay', 'decidedContacts'),
          f(m, 'redDecided'),
          f(m, 'redWithinHours'),
        ],
      ),
      100,
    ),
    section(
      'follow-up',
      'Partner requests, reconsiderations and referrers',
      'Partner information requests answered within 48 hours of being asked; reconsiderations referrers asked for, and those that changed the decision; contacts whose referrer could not be reached by email; allegations about adults who work with children (the LADO).',
      [
        bar('Partner requests', total.partnerRequests, totalText('partnerRequests')),
        bar(
          'Answered in 48 hours',
          total.partnerRequestsAnsweredWithin48h,
          hidesAMonth('partnerRequestsAnsweredWithin48h') || hidesAMonth('partnerRequests')
            ? SUPPRESSED
            : `${n(total.partnerRequestsAnsweredWithin48h)} (${percentText(total.partnerRequestsAnsweredWithin48h, total.partnerRequests)})`,
        ),
        bar('Reconsiderations', total.reconsiderationsRequested, totalText('reconsiderationsRequested')),
        bar('Decision changed', total.reconsiderationsChanged, totalText('reconsiderationsChanged')),
        bar('Referrer not reached', total.referrersNotReached, totalText('referrersNotReached')),
        bar('LADO allegations', total.ladoAllegations, totalText('ladoAllegations')),
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
        (m) =>
          (
            [
              'partnerRequests',
              'partnerRequestsAnsweredWithin48h',
              'reconsiderationsRequested',
              'reconsiderationsChanged',
              'referrersNotReached',
              'ladoAllegations',
              'ladoOnly',
            ] as const
          ).map((figure) => f(m, figure)),
      ),
    ),
    section(
      'lado-timeliness',
      'LADO: allegations and their clocks',
      'Allegations about adults who work with children, by the month reported to the LADO: initial consideration within one working day; the first allegation management meeting within its time (72 hours where there is immediate risk, otherwise 5 working days); concluded within one month (target 80%) and three months (target 90%) of being reported.',
      rate('ladoConsideredWithinOneWorkingDay', 'ladoConsidered'),
      byMonthTable(
        [
          'Reported',
          'Considered',
          'Within one working day',
          'Per cent',
          'Meetings held',
          'Meeting in time',
          'Concluded',
          'Within one month',
          'Within three months',
          'Repeat allegations',
        ],
        (m) => [
          f(m, 'ladoReceived'),
          f(m, 'ladoConsidered'),
          f(m, 'ladoConsideredWithinOneWorkingDay'),
          pct(m, 'ladoConsideredWithinOneWorkingDay', 'ladoConsidered'),
          f(m, 'ladoMeetings'),
          f(m, 'ladoMeetingsInTime'),
          f(m, 'ladoConcluded'),
          f(m, 'ladoResolvedWithinOneMonth'),
          f(m, 'ladoResolvedWithinThreeMonths'),
          f(m, 'ladoRepeats'),
        ],
      ),
      100,
    ),
    section(
      'lado-outcomes',
      'LADO: outcomes by category',
      'Allegations reported in the period and concluded, by outcome (Keeping Children Safe in Education: substantiated, unsubstantiated, unfounded, false, malicious).',
      (() => {
        const allegations = listed(measures.ladoOutcomes, (o) => o.allegations);
        return measures.ladoOutcomes.map((o, i) => bar(outcomeName(o.outcome), o.allegations, allegations[i]!));
      })(),
      (() => {
        const allegations = listed(measures.ladoOutcomes, (o) => o.allegations);
        return {
          head: ['Outcome', 'Allegations'],
          rows: measures.ladoOutcomes.map((o, i) => [outcomeName(o.outcome), allegations[i]!]),
        };
      })(),
    ),
  ];
};

/** "Unsubstantiated", from the outcome's definition (its words before the colon). */
const outcomeName = (outcome: string) => OUTCOMES[outcome as keyof typeof OUTCOMES]?.split(':')[0] ?? outcome;
