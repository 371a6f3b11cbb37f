import { ddmmyyyy } from './dates';

/**
 * A return as rows under headings, apart from the file it is written to: the same table becomes
 * a CSV and a worksheet, so the two cannot differ.
 */
export type Cell = string | number | { date: string } | undefined;

export interface Table {
  /** The worksheet's name, and the CSV file's. */
  name: string;
  headings: readonly string[];
  rows: Cell[][];
}

export type DateStyle = 'dd/mm/yyyy' | 'yyyy-mm-dd';

/** A cell as text: dates in the return's own style, an unknown value blank. */
export const cellText = (cell: Cell, dates: DateStyle): string => {
  if (cell === undefined) return '';
  if (typeof cell === 'object') return dates === 'dd/mm/yyyy' ? ddmmyyyy(cell.date) : cell.date;
  return String(cell);
};

const quoted = (text: string): string =>
  /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

/**
 * RFC 4180 CSV in UTF-8: CRLF line ends, fields quoted only where they must be. No byte order
 * mark: a loader that matches headings would read it as part of the first one.
 */
export const toCsv = (table: Table, dates: DateStyle): string =>
  `${[table.headings, ...table.rows.map((row) => row.map((cell) => cellText(cell, dates)))].map((fields) => fields.map(quoted).join(',')).join('\r\n')}\r\n`;
