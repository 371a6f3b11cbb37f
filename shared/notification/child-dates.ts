import { formatDate } from '../calendar/format';
import { addDays, localDateAt } from '../calendar/zoned';
import type { FieldError, Notification } from './schema';

/**
 * The dates a child can have, one definition for the form, the API, the batch and a completed
 * email: a born child's date of birth is not in the future and makes them under 18 (the front
 * door is for children; an approximate age is at most 17 too), and a baby is expected within the
 * next ten months (a pregnancy is about nine; anything later is a typing error). Checked against
 * today in England, since a date is a London date.
 */

/** The same day so many months on, or the month's last day when it has no such day. */
const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
};

/** Today in England: just before midnight UTC in summer is already tomorrow in London. */
export const londonToday = (now: Date): string => localDateAt(now.getTime(), 'Europe/London');

/** What is wrong with a child's date, in GOV.UK words starting with the field's label; undefined when nothing. */
export const childDateError = (
  field: 'dateOfBirth' | 'expectedDateOfDelivery',
  value: string,
  now: Date,
  label: string,
): string | undefined => {
  const today = londonToday(now);
  if (field === 'expectedDateOfDelivery') {
    if (value < today) return `${label} must be today or in the future`;
    const latest = addMonths(today, 10);
    if (value > latest) return `${label} must be before ${formatDate(addDays(latest, 1))}`;
    return undefined;
  }
  if (value > today) return `${label} must be today or in the past`;
  if (addMonths(value, 18 * 12) <= today)
    return `${label} must make the child under 18. For someone aged 18 or over, contact adult social care`;
  return undefined;
};

const LABELS = { dateOfBirth: 'Date of birth', expectedDateOfDelivery: 'Expected date of delivery' } as const;

/** Every child's date that breaks the rules, named by its path (children.1.dateOfBirth). */
export const childDateErrors = (notification: Pick<Notification, 'children'>, now: Date): FieldError[] =>
  notification.children.flatMap((child, i) =>
    (['dateOfBirth', 'expectedDateOfDelivery'] as const).flatMap((field) => {
      const value = child[field];
      const message = value && childDateError(field, value, now, LABELS[field]);
      return message ? [{ path: `children.${i}.${field}`, message }] : [];
    }),
  );
