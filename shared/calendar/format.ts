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

/** GOV.UK style times: "10am on Monday 23 November 2026", "5:30pm", "midday", "midnight". */
export const formatLondonTime = (iso: string): string => {
  const part = Object.fromEntries(londonParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const hour = Number(part.hour);
  const minute = part.minute === '00' ? '' : `:${part.minute}`;
  const time =
    hour === 12 && !minute ? 'midday' : hour === 0 && !minute ? 'midnight' : `${hour % 12 || 12}${minute}${hour < 12 ? 'am' : 'pm'}`;
  return `${time} on ${part.weekday} ${part.day} ${part.month} ${part.year}`;
};
