import { childDateError } from '../../notification/child-dates';
import { pastDateError } from '../../notification/past-dates';
import type { Field } from './types';

/**
 * Dates that make sense, with the GOV.UK date input pattern's messages. A child's dates follow the
 * one definition the API uses too (shared/notification/child-dates.ts), and so do a parent's date
 * of birth and a missing child's return (shared/notification/past-dates.ts).
 */

const label = (field: Field) => field.label.replace(/ \(optional\)$/, '');

/** A rule the date breaks, given today; dates the schema already refuses are not looked at. */
export const dateError = (field: Field, value: string, now: Date): string | undefined => {
  if (field.path.startsWith('children.') && (field.name === 'dateOfBirth' || field.name === 'expectedDateOfDelivery'))
    return childDateError(field.name, value, now, label(field));
  if (field.name === 'dateOfBirth' || field.path === 'adultConcern.dateOfBirth')
    return pastDateError('date of birth', value, now, label(field));
  if (field.name === 'returnedOn') return pastDateError('return', value, now, label(field));
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
