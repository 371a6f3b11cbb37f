import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';
import { addDays, dayOfWeek, instantOf, localDateAt } from './zoned';

export { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';

/** Office hours as local wall-clock times, "HH:MM" (24 hour). */
export interface OfficeHours {
  start: string;
  end: string;
}

export interface CalendarOptions {
  timeZone?: string;
  officeHours?: OfficeHours;
  /** Non-working dates (YYYY-MM-DD) besides weekends. */
  holidays?: readonly string[];
}

/**
 * Working time for statutory clocks. "Within one working day" is counted in office time: a
 * contact received at 10:00 on a Tuesday is due at 10:00 on Wednesday; one received on a Friday
 * evening starts its clock when the office opens on Monday and is due when it closes.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly officeHours: OfficeHours;
  isWorkingDay(date: string): boolean;
  /** The local calendar date (YYYY-MM-DD) of an instant. */
  localDate(instant: Date): string;
  addWorkingDays(from: Date, days: number): Date;
  addOfficeHours(from: Date, hours: number): Date;
  /** Whether the office is open at an instant: a working day, between its opening and closing times. */
  isOfficeTime(instant: Date): boolean;
}

const HOUR = 3_600_000;

const parseTime = (value: string, label: string): { hour: number; minute: number } => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`Office hours ${label} must be a 24-hour time like 09:00, not "${value}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
};

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '09:00', end: '17:00' };

export const createWorkingCalendar = (options: CalendarOptions = {}): WorkingCalendar => {
  const timeZone = options.timeZone ?? 'Europe/London';
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const holidays = new Set(options.holidays ?? ENGLAND_AND_WALES_BANK_HOLIDAYS.dates);
  const open = parseTime(officeHours.start, 'start');
  const close = parseTime(officeHours.end, 'end');
  const dayLength = (close.hour - open.hour) * HOUR + (close.minute - open.minute) * 60_000;
  if (dayLength <= 0) throw new Error('Office hours must end after they start');

  const workingDays = new Map<string, boolean>();
  const isWorkingDay = (date: string): boolean => {
    let working = workingDays.get(date);
    if (working === undefined) {
      const dow = dayOfWeek(date);
      working = dow !== 0 && dow !== 6 && !holidays.has(date);
      if (workingDays.size > 5000) workingDays.clear();
      workingDays.set(date, working);
    }
    return working;
  };

  // The same few days are looked up on every evaluation; the caches keep Intl out of the hot path.
  const windows = new Map<string, { open: number; close: number }>();
  const windowOf = (date: string) => {
    let window = windows.get(date);
    if (!window) {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      window = {
        open: instantOf({ year, month, day, ...open }, timeZone),
        close: instantOf({ year, month, day, ...close }, timeZone),
      };
      if (windows.size > 5000) windows.clear();
      windows.set(date, window);
    }
    return window;
  };
  const following = new Map<string, string>();
  const nextWorkingDay = (date: string): string => {
    let next = following.get(date);
    if (next === undefined) {
      next = addDays(date, 1);
      while (!isWorkingDay(next)) next = addDays(next, 1);
      if (following.size > 5000) following.clear();
      following.set(date, next);
    }
    return next;
  };

  const addOfficeTime = (from: Date, ms: number): Date => {
    let date = localDateAt(from.getTime(), timeZone);
    let t = from.getTime();
    let remaining = ms;
    if (!isWorkingDay(date) || t >= windowOf(date).close) {
      date = nextWorkingDay(date);
      t = windowOf(date).open;
    }
    for (;;) {
      const window = windowOf(date);
      t = Math.max(t, window.open);
      const available = window.close - t;
      if (remaining <= available) return new Date(t + remaining);
      remaining -= available;
      date = nextWorkingDay(date);
      t = windowOf(date).open;
    }
  };

  return {
    timeZone,
    officeHours,
    isWorkingDay,
    localDate: (instant) => localDateAt(instant.getTime(), timeZone),
    addWorkingDays: (from, days) => addOfficeTime(from, days * dayLength),
    addOfficeHours: (from, hours) => addOfficeTime(from, hours * HOUR),
    isOfficeTime: (instant) => {
      const date = localDateAt(instant.getTime(), timeZone);
      const window = windowOf(date);
      return isWorkingDay(date) && instant.getTime() >= window.open && instant.getTime() < window.close;
    },
  };
};

let englandAndWales: WorkingCalendar | undefined;
/** Weekends and England and Wales bank holidays, 09:00–17:00 Europe/London. */
export const englandAndWalesCalendar = (): WorkingCalendar => (englandAndWales ??= createWorkingCalendar());
