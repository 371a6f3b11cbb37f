/**
 * Server-rendered bar charts as SVG strings, hand-written: the charts the board reads are bars
 * (counts by month, source or theme, and percentages), which need a few dozen lines; a charting
 * library that renders SVG outside a browser needs a DOM shim or a runtime of megabytes in every
 * Lambda. Each chart is an image with a title and a description that says every figure, and the
 * page puts the same figures in a table beside it, so nothing is only in the picture. Presentation
 * attributes only (no style attribute), so the console's content security policy holds.
 */
import { escapeMarkup } from '../web/escape';

export interface Bar {
  label: string;
  value: number;
  /** How the value is written beside the bar (a count, "96.7%", "no decisions"). */
  text: string;
}

const GOVUK_BLUE = '#1d70b8';
const GOVUK_TEXT = '#0b0c0c';
const GOVUK_GREY = '#b1b4b6';

/**
 * A horizontal bar chart: a label and its value on each line. `max` fixes the scale (100 for
 * percentages); otherwise the largest value fills the width.
 */
export const barChart = (options: { id: string; title: string; bars: readonly Bar[]; max?: number }): string => {
  const { id, title, bars } = options;
  const labelWidth = 180;
  const barArea = 360;
  const valueWidth = 110;
  const row = 28;
  const top = 8;
  const width = labelWidth + barArea + valueWidth;
  const height = top * 2 + Math.max(bars.length, 1) * row;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value));
  const description = bars.length
    ? bars.map((b) => `${b.label}: ${b.text}`).join('; ')
    : 'Nothing to show for this period';
  const lines = bars.map((bar, i) => {
    const y = top + i * row;
    const length = Math.max(0, Math.round((bar.value / max) * barArea));
    return [
      `<text x="${labelWidth - 8}" y="${y + row / 2 + 5}" text-anchor="end" font-size="14" fill="${GOVUK_TEXT}">${escapeMarkup(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${barArea}" height="${row - 8}" fill="none" stroke="${GOVUK_GREY}" stroke-width="1"/>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${length}" height="${row - 8}" fill="${GOVUK_BLUE}"/>`,
      `<text x="${labelWidth + barArea + 8}" y="${y + row / 2 + 5}" font-size="14" fill="${GOVUK_TEXT}">${escapeMarkup(bar.text)}</text>`,
    ].join('');
  });
  if (!bars.length)
    lines.push(
      `<text x="8" y="${top + row / 2 + 5}" font-size="14" fill="${GOVUK_TEXT}">Nothing to show for this period</text>`,
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeMarkup(title)}</title>`,
    `<desc id="${id}-desc">${escapeMarkup(description)}</desc>`,
    ...lines,
    '</svg>',
  ].join('');
};
