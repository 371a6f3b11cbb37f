import { readFileSync } from 'node:fs';
import { referrerAgencyName } from '../web/labels';
import { join } from 'node:path';
import { formatLondonTime } from '../calendar/format';
import type { BoardMeasures } from '../reporting/measures';
import { asAtText, monthName, performanceSections, type PerformanceSection } from '../reporting/performance-page';
import { SUPPRESSING, SUPPRESSION_NOTE } from '../reporting/suppression';
import { GOVUK_FRONTEND_DIR } from '../web/paths';
import { monthNarrative } from './board-narrative';
import { escapeMarkup } from '../web/escape';

/**
 * The monthly board report (issue 14): one self-contained HTML file a board member can open, mail
 * or print, with what changed in the month in words, then the same charts and tables as the
 * console's performance page (shared/reporting), so the two never tell different stories. The
 * charts are inline SVG, each with its figures in a table beside it, and the styles are GOV.UK
 * Frontend's, inlined, so the file needs nothing else to be read.
 */
export interface BoardReportInput {
  /** YYYY-MM. */
  month: string;
  areaName: string;
  /** The month and the 12 before it: the trends by month, and the month before for the words. */
  trend: BoardMeasures;
  /** The month alone: sources, themes, decisions against recommendations, partner requests. */
  monthOnly: BoardMeasures;
  generatedAt: string;
  sourceNames?: Record<string, string>;
}

/**
 * GOV.UK Frontend's compiled styles without its font faces: the GDS Transport font may be used on
 * GOV.UK services only, and a file opened on a laptop or printed must not reach for
 * /assets/fonts; the styles fall back to Arial, as GOV.UK Frontend intends elsewhere.
 */
const govukStyles = (): string =>
  readFileSync(join(GOVUK_FRONTEND_DIR, 'govuk', 'govuk-frontend.min.css'), 'utf8').replace(/@font-face\{[^}]*\}/g, '');

/** A chart with its table beside it on a wide page or a landscape sheet, under it on a narrow one. */
const REPORT_STYLES = `
.board-figure{display:grid;grid-template-columns:minmax(0,1fr);gap:20px;margin-bottom:40px;break-inside:avoid}
@media (min-width:900px),print{.board-figure{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.board-figure .govuk-table{font-size:16px}
.board-section{break-inside:avoid}
@page{size:A4 landscape;margin:12mm}
@media print{.govuk-main-wrapper{padding-top:0}}
`;

const table = ({ heading, table: { head, rows } }: PerformanceSection) =>
  [
    '<table class="govuk-table">',
    `<caption class="govuk-table__caption govuk-table__caption--s">${escapeMarkup(heading)}: the figures</caption>`,
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${head.map((h) => `<th scope="col" class="govuk-table__header">${escapeMarkup(h)}</th>`).join('')}</tr></thead>`,
    '<tbody class="govuk-table__body">',
    ...rows.map(
      ([first, ...rest]) =>
        `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escapeMarkup(first ?? '')}</th>${rest.map((c) => `<td class="govuk-table__cell">${escapeMarkup(c)}</td>`).join('')}</tr>`,
    ),
    '</tbody></table>',
  ].join('');

const section = (s: PerformanceSection) =>
  `<section class="board-section" aria-labelledby="${s.id}-heading"><h3 class="govuk-heading-m" id="${s.id}-heading">${escapeMarkup(s.heading)}</h3><p class="govuk-body">${escapeMarkup(s.definition)}</p><div class="board-figure"><div>${s.chart}</div><div>${table(s)}</div></div></section>`;

/** The performance page's measures by month make the trend; its totals are read for the month alone. */
const isByMonth = (s: PerformanceSection) => s.table.head[0] === 'Month';

export const boardReportHtml = (input: BoardReportInput): string => {
  const { month, areaName, trend, monthOnly } = input;
  const name = monthName(month);
  const names = { sources: input.sourceNames };
  // Each section is in one part only, so the charts' ids stay unique in the file. The report goes
  // beyond the council, so small numbers are withheld throughout (shared/reporting/suppression.ts).
  const trendSections = performanceSections(trend, names, SUPPRESSING).filter(isByMonth);
  const monthSections = performanceSections(monthOnly, names, SUPPRESSING).filter((s) => !isByMonth(s));
  const sourceName = (code: string) => input.sourceNames?.[code] ?? referrerAgencyName(code);
  const sentences = monthNarrative(trend, month, monthOnly.bySource, sourceName, SUPPRESSING);
  const title = `${areaName} front door: board report for ${name}`;

  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB" class="govuk-template">',
    '<head><meta charset="utf-8">',
    `<title>${escapeMarkup(title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${govukStyles()}${REPORT_STYLES}</style>`,
    '</head>',
    '<body class="govuk-template__body govuk-frontend-supported">',
    '<a href="#main-content" class="govuk-skip-link">Skip to main content</a>',
    '<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">',
    `<span class="govuk-caption-l">${escapeMarkup(areaName)} front door</span>`,
    `<h1 class="govuk-heading-xl">Board report for ${escapeMarkup(name)}</h1>`,
    `<p class="govuk-body govuk-!-font-weight-bold">${escapeMarkup(asAtText(trend.asAt))}.</p>`,
    `<p class="govuk-body">Made at ${escapeMarkup(formatLondonTime(input.generatedAt))} from the front door’s records (the pseudonymised analytics extract: no child is named). Every chart has its figures in the table beside it; the definitions are the console performance page’s.</p>`,
    `<div class="govuk-inset-text">${escapeMarkup(SUPPRESSION_NOTE)}</div>`,
    `<h2 class="govuk-heading-l">What changed in ${escapeMarkup(name)}</h2>`,
    `<ul class="govuk-list govuk-list--bullet">${sentences.map((s) => `<li>${escapeMarkup(s)}</li>`).join('')}</ul>`,
    `<h2 class="govuk-heading-l">The 13 months to ${escapeMarkup(name)}</h2>`,
    ...trendSections.map(section),
    `<h2 class="govuk-heading-l">${escapeMarkup(name)}</h2>`,
    ...monthSections.map(section),
    '</main></div>',
    '</body></html>',
  ].join('\n');
};
