import { londonToday } from './child-dates';
import type { FieldError, Notification } from './schema';

/**
 * Dates that have already happened, one definition for the form and for every other channel: an
 * adult's date of birth (a parent, carer, household member, or an adult the concern is about) and
 * the day a missing child came back. A date in the future is a typing error, and a return "next
 * year" would set the return home interview's 72 hours from a day that has not come.
 */

type Kind = 'date of birth' | 'return';

/** The earliest date of birth taken as real: anything before is a typing error too. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

/** What is wrong with such a date, in GOV.UK words starting with the field's label; undefined when nothing. */
export const pastDateError = (kind: Kind, value: string, now: Date, label: string): string | undefined => {
  if (value > londonToday(now)) return `${label} must be today or in the past`;
  if (kind === 'date of birth' && value < EARLIEST_DATE_OF_BIRTH) return `${label} must be after 1 January 1900`;
  return undefined;
};

type Dated = Pick<Notification, 'parentsAndCarers' | 'householdMembers' | 'concerns' | 'adultConcern'>;
interface DateField {
  path: string;
  kind: Kind;
  value: string | undefined;
  label: string;
}

const birth = (path: string, value: string | undefined, label = 'Date of birth'): DateField => ({
  path,
  kind: 'date of birth',
  value,
  label,
});

/** Every such date in a notification that breaks the rule, named by its path (parentsAndCarers.0.dateOfBirth). */
export const pastDateErrors = (notification: Dated, now: Date): FieldError[] => {
  const dates: DateField[] = [
    ...notification.parentsAndCarers.map((person, i) => birth(`parentsAndCarers.${i}.dateOfBirth`, person.dateOfBirth)),
    ...notification.householdMembers.map((person, i) => birth(`householdMembers.${i}.dateOfBirth`, person.dateOfBirth)),
    birth('adultConcern.dateOfBirth', notification.adultConcern?.dateOfBirth, 'Their date of birth'),
    {
      path: 'concerns.screening.returnedOn',
      kind: 'return',
      value: notification.concerns.screening.returnedOn,
      label: 'Date the child came back or was found',
    },
  ];
  return dates.flatMap(({ path, kind, value, label }) => {
    const message = value && pastDateError(kind, value, now, label);
    return message ? [{ path, message }] : [];
  });
};
