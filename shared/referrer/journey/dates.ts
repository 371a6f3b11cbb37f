import { addDays, localDateAt } from '../../calendar/zoned';
import type { Field } from './types';

/**
 * Dates that make sense, with the GOV.UK date input pattern's messages: a born child's date of
 * birth is not in the future, and a baby is expected within the next ten months (a pregnancy is
 * about nine; anything later is a typing error).
 */

const label = (field: Field) => field.label.replace(/ \(optional\)$/, '');

/** The same day so many months on, or the month's last day when it has no such day. */
const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
};

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** A rule the date breaks, given today; dates the schema already refuses are not looked at. */
export const dateError = (field: Field, value: string, now: Date): string | undefined => {
  // Today in England: just before midnight UTC in summer is already tomorrow in London.
  const today = localDateAt(now.getTime(), 'Europe/London');
  if (field.name === 'expectedDateOfDelivery') {
    if (value < today) return `${label(field)} must be today or in the future`;
    const latest = addMonths(today, 10);
    if (value > latest) return `${label(field)} must be before ${longDate(addDays(latest, 1))}`;
    return undefined;
  }
  if ((field.name === 'dateOfBirth' || field.name === 'returnedOn') && value > today)
    return `${label(field)} must be today or in the past`;
  if (field.name === 'dateOfBirth' && value < '1900-01-01') return `${label(field)} must be after 1 January 1900`;
  return undefined;
};

/** Which parts of a date are missing or not numbers ("Date of birth must include a month"). */
export const datePartsError = (field: Field, [day, month, year]: [string, string, string]): string | undefined => {
  if (!day && !month && !year) return undefined;
  const missing = [
    ['a day', day],
    ['a month', month],
    ['a year', year],
  ]
    .filter(([, v]) => !v)
    .map(([name]) => name!);
  if (missing.length) return `${label(field)} must include ${missing.join(' and ')}`;
  if (!/^\d{4}$/.test(year)) return 'Year must include 4 numbers';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return `${label(field)} must be a real date`;
  return undefined;
};
