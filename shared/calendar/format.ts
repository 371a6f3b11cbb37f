/**
 * Times as people read them: in Europe/London, in GOV.UK style, for emails and pages alike.
 */
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A time of day in GOV.UK style, from a 24-hour hour and two-digit minute: "10am", "5:30pm", "midday", "midnight". */
export const clockTime = (hour: number, minutes: string): string => {
  const minute = minutes === '00' ? '' : `:${minutes}`;
  if (hour === 12 && !minute) return 'midday';
  if (hour === 0 && !minute) return 'midnight';
  return `${hour % 12 || 12}${minute}${hour < 12 ? 'am' : 'pm'}`;
};

/** GOV.UK style times: "10am on Monday 23 November 2026", "5:30pm", "midday", "midnight". */
export const formatLondonTime = (iso: string): string => {
  const part = Object.fromEntries(londonParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${clockTime(Number(part.hour), part.minute)} on ${part.weekday} ${part.day} ${part.month} ${part.year}`;
};

/** Month names in GOV.UK style, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A calendar date as GOV.UK writes it: "2018-03-14" → "14 March 2018" (no time zone: it is a date, not an instant). */
export const formatDate = (isoDate: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
};
