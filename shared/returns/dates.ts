import { localDateAt } from '../calendar/zoned';

/**
 * Dates as the returns need them: the day in England an instant fell on, Ofsted's dd/mm/yyyy,
 * whole years of age, and calendar months back (the "last 12 months" of a referral).
 */

export const londonDate = (iso: string): string => localDateAt(Date.parse(iso), 'Europe/London');

/** "2026-04-01" as "01/04/2026"; an absent date stays blank. */
export const ddmmyyyy = (date: string | undefined): string =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';

/** Completed years from a date of birth to a day (a birthday counts from that day). */
export const ageInYears = (dateOfBirth: string, on: string): number => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/**
 * The same day `months` calendar months earlier, or the month's last day when it has no such
 * day (31 May less 3 months is 28 or 29 February): 15/06/2026 less 12 months is 15/06/2025.
 */
export const monthsBefore = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (value: string): boolean =>
  ISO_DATE.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
