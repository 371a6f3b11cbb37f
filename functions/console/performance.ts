import { englandAndWalesCalendar } from '../../shared/calendar';
import { referrerAgencyName } from '../../shared/web/labels';
import { AGENCY_TYPES } from '../../shared/notification';
import {
  InvalidMeasuresFilter,
  loadMeasures,
  monthsBetween,
  type MeasuresFilter,
} from '../../shared/reporting/measures';
import { asAtText, defaultRange, monthName, performanceSections } from '../../shared/reporting/performance-page';
import { getDefaultRuleset } from '../../shared/rules';
import { factsQuery } from '../analytics/dependencies';
import { page } from '../lib/pages';
import { baseContext, consoleRoute } from './lib';

const SOURCE_NAMES = Object.fromEntries(Object.keys(AGENCY_TYPES).map((code) => [code, referrerAgencyName(code)]));

/**
 * GET /console/performance: the board's measures from the analytics facts (never the live table),
 * for managers and performance officers. Counts only: nothing on the page names or links to a child.
 */
export const handler = consoleRoute('performance', async (event, user) => {
  const thisMonth = englandAndWalesCalendar().localDate(new Date()).slice(0, 7);
  const query = event.queryStringParameters ?? {};
  const range = defaultRange(thisMonth);
  const filter: MeasuresFilter = {
    from: query.from || range.from,
    to: query.to || range.to,
    ...(query.source ? { source: query.source } : {}),
  };
  const errors: { text: string; href: string }[] = [];
  if (filter.source && !(filter.source in AGENCY_TYPES))
    errors.push({ text: 'Choose a source from the list', href: '#source' });
  let measures;
  if (!errors.length) {
    try {
      measures = await loadMeasures(filter, { facts: await factsQuery() });
    } catch (error) {
      if (!(error instanceof InvalidMeasuresFilter)) throw error;
      errors.push({
        text:
          error.message === 'Give months as YYYY-MM'
            ? 'Choose the first and last month from the lists'
            : 'The first month must be before the last month, or the same',
        href: '#from',
      });
    }
  }
  // Three years of months to choose from, newest first.
  const months = monthsBetween(`${Number(thisMonth.slice(0, 4)) - 3}${thisMonth.slice(4)}`, thisMonth).reverse();
  const themeNames = Object.fromEntries(getDefaultRuleset().themes.map((t) => [t.id, t.name]));
  return page(
    'console/performance.njk',
    {
      ...baseContext(user, '/console/performance'),
      errors,
      period: `${monthName(filter.from)} to ${monthName(filter.to)}`,
      asAt: measures && asAtText(measures.asAt),
      sourceName: filter.source && SOURCE_NAMES[filter.source],
      fromOptions: months.map((m) => ({ value: m, text: monthName(m), selected: m === filter.from })),
      toOptions: months.map((m) => ({ value: m, text: monthName(m), selected: m === filter.to })),
      sourceOptions: [
        { value: '', text: 'Every source' },
        ...Object.keys(AGENCY_TYPES).map((code) => ({
          value: code,
          text: SOURCE_NAMES[code],
          selected: code === filter.source,
        })),
      ],
      sections: measures ? performanceSections(measures, { sources: SOURCE_NAMES, themes: themeNames }) : [],
    },
    errors.length ? 400 : 200,
  );
});
