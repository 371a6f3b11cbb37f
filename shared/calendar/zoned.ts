/**
 * Wall-clock maths in a named time zone with nothing but Intl, so that the calendar stays a pure
 * function of its inputs and works unchanged in a bundled Lambda (whose TZ is UTC).
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const wallClockAt = (instant: number, timeZone: string): WallClock & { second: number } => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
};

const offsetAt = (instant: number, timeZone: string): number => {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
};

/**
 * The instant at which clocks in the zone show the given wall time. Office hours never fall in
 * the 01:00–02:00 gap or overlap of a UK clock change, but the second pass still settles on the
 * right offset when the first guess lands on the other side of a change.
 */
export const instantOf = (w: WallClock, timeZone: string): number => {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const firstGuess = asUtc - offsetAt(asUtc, timeZone);
  const offset = offsetAt(firstGuess, timeZone);
  return asUtc - offset;
};

export const isoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const QUARTER_HOUR = 900_000;
const dateCache = new Map<string, Map<number, string>>();

/**
 * The local date of an instant. Offsets change only on quarter-hour boundaries in every zone in
 * use, so each quarter hour falls on one local date and one Intl call serves every contact
 * received in it.
 */
export const localDateAt = (instant: number, timeZone: string): string => {
  let dates = dateCache.get(timeZone);
  if (!dates) dateCache.set(timeZone, (dates = new Map()));
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let date = dates.get(bucket);
  if (date === undefined) {
    const start = bucket * QUARTER_HOUR;
    date = new Date(start + offsetAt(start, timeZone)).toISOString().slice(0, 10);
    if (dates.size > 10_000) dates.clear();
    dates.set(bucket, date);
  }
  return date;
};

/** Calendar arithmetic on YYYY-MM-DD strings, done in UTC where days are always 24 hours. */
export const addDays = (date: string, days: number): string => {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
