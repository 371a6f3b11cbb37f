import { percentage, type BoardMeasures, type MonthFigures } from '../reporting/measures';
import { monthName } from '../reporting/performance-page';
import { EXACT, isSmall, type Disclosure } from '../reporting/suppression';

/**
 * The monthly board report's words: what changed in the month against the month before, in
 * sentences a board member reads before the charts. Every figure is one the charts and tables
 * show; nothing is judged good or bad, only said.
 */

/** The sentences' way of writing figures: exact, or with small numbers withheld ("1 to 5"). */
const writer = (disclosure: Disclosure) => {
  const hidden = (...ns: number[]) => disclosure.suppressing && ns.some(isSmall);
  const num = (n: number) => (hidden(n) ? '1 to 5' : n.toLocaleString('en-GB'));
  const count = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 && !hidden(n) ? one : many}`;
  const was = (n: number) => (n === 1 && !hidden(n) ? 'was' : 'were');
  const percent = (part: number, whole: number) => (hidden(part, whole) ? 'withheld' : `${percentage(part, whole)}%`);

  /** "up 32 (4.1%) on October 2026’s 780", "down 5 …", "the same as …", or "none in October 2026". */
  const changeOn = (now: number, before: number, beforeMonth: string): string => {
    if (hidden(now, before)) return `not compared with ${beforeMonth}, a small number`;
    if (before === 0) return now === 0 ? `none in ${beforeMonth} either` : `none in ${beforeMonth}`;
    if (now === before) return `the same as in ${beforeMonth}`;
    const difference = Math.abs(now - before);
    return `${now > before ? 'up' : 'down'} ${difference.toLocaleString('en-GB')} (${percentage(difference, before)}%) on ${beforeMonth}’s ${before.toLocaleString('en-GB')}`;
  };

  /** A rate this month beside last month's, in percentage points: "31.7%, up 2.7 points from 29.0%". */
  const rateOn = (part: number, whole: number, partBefore: number, wholeBefore: number): string => {
    if (hidden(part, whole)) return 'the rate withheld, a small number';
    const now = percentage(part, whole)!;
    const before = hidden(partBefore, wholeBefore) ? undefined : percentage(partBefore, wholeBefore);
    if (before === undefined) return `${now}%`;
    if (now === before) return `${now}%, as the month before`;
    const points = Math.round(Math.abs(now - before) * 10) / 10;
    return `${now}%, ${now > before ? 'up' : 'down'} ${points} percentage point${points === 1 ? '' : 's'} from ${before}%`;
  };
  return { hidden, num, count, was, percent, changeOn, rateOn };
};

const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * The month's changes, one sentence each, from a range of months that holds the month and the
 * one before it; `bySource` is the month's own (the largest source is named).
 */
export const monthNarrative = (
  range: Pick<BoardMeasures, 'months'>,
  month: string,
  bySource: BoardMeasures['bySource'] = [],
  sourceName = (s: string) => s,
  disclosure: Disclosure = EXACT,
): string[] => {
  const { hidden, num, count, was, percent, changeOn, rateOn } = writer(disclosure);
  const figures = (m: string): MonthFigures | undefined => range.months.find((f) => f.month === m);
  const now = figures(month);
  if (!now) throw new Error(`The measures do not cover ${month}`);
  const name = monthName(month);
  const beforeMonth = monthName(previousMonth(month));
  const before = figures(previousMonth(month)) ?? {
    ...now,
    ...Object.fromEntries(Object.keys(now).map((k) => [k, 0])),
  };

  if (now.contacts === 0)
    return [
      `No contacts were received in ${name} (${before.contacts ? count(before.contacts, 'contact') : 'none'} in ${beforeMonth}).`,
    ];
  const sentences = [
    `${count(now.contacts, 'contact')} about ${count(now.children, 'child', 'children')} ${was(now.contacts)} received in ${name}, ${changeOn(now.contacts, before.contacts, beforeMonth)}.`,
  ];

  const [largest] = bySource;
  if (largest)
    sentences.push(
      `The largest source was ${sourceName(largest.source)}, with ${count(largest.contacts, 'contact')} (${percent(largest.contacts, now.contacts)} of the month’s).`,
    );

  if (now.decidedChildren > 0)
    sentences.push(
      `Of ${count(now.decidedChildren, 'child', 'children')} decided, ${num(now.referrals)} ${was(now.referrals)} referred to children’s social care (${rateOn(now.referrals, now.decidedChildren, before.referrals, before.decidedChildren)}) and ${num(now.earlyHelp)} to early help.`,
    );

  if (now.referrals > 0)
    sentences.push(
      `Re-referrals within 12 months: ${num(now.reReferrals)} of ${count(now.referrals, 'referral')} (${rateOn(now.reReferrals, now.referrals, before.reReferrals, before.referrals)}).`,
    );

  // A part and its whole give the rest away (12 decided, 11 in time: 1 late), so when the rest
  // is a small number the part is withheld with it.
  if (now.decidedContacts > 0)
    sentences.push(
      hidden(now.decidedContacts - now.withinOneWorkingDay)
        ? `${count(now.decidedContacts, 'contact')} ${was(now.decidedContacts)} decided; how many within one working day is withheld, a small number.`
        : `${count(now.withinOneWorkingDay, 'contact')} of ${num(now.decidedContacts)} decided within one working day: ${rateOn(now.withinOneWorkingDay, now.decidedContacts, before.withinOneWorkingDay, before.decidedContacts)}.`,
    );

  const redLate = now.redDecided - now.redWithinHours;
  if (now.redDecided > 0)
    sentences.push(
      redLate === 0
        ? `All ${count(now.redDecided, 'red contact')} ${was(now.redDecided)} decided within their hours.`
        : hidden(redLate)
          ? `${count(now.redDecided, 'red contact')} ${was(now.redDecided)} decided; how many within their hours is withheld, a small number.`
          : `${num(now.redWithinHours)} of ${count(now.redDecided, 'red contact')} ${was(now.redWithinHours)} decided within their hours; ${num(redLate)} ${was(redLate)} late.`,
    );

  if (now.partnerRequests > 0)
    sentences.push(
      `Partner agencies answered ${num(now.partnerRequestsAnsweredWithin48h)} of ${count(now.partnerRequests, 'information request')} within 48 hours (${rateOn(now.partnerRequestsAnsweredWithin48h, now.partnerRequests, before.partnerRequestsAnsweredWithin48h, before.partnerRequests)}).`,
    );

  if (now.reconsiderationsRequested > 0)
    sentences.push(
      `Referrers asked for ${count(now.reconsiderationsRequested, 'decision')} to be reconsidered; ${num(now.reconsiderationsChanged)} ${was(now.reconsiderationsChanged)} changed.`,
    );

  if (now.referrersNotReached > 0)
    sentences.push(`${count(now.referrersNotReached, 'referrer')} could not be reached by email.`);
  if (now.ladoAllegations > 0)
    sentences.push(`${count(now.ladoAllegations, 'allegation')} about adults who work with children went to the LADO.`);
  if (now.ladoConsidered > 0)
    sentences.push(
      `The LADO considered ${count(now.ladoConsidered, 'allegation')} reported in ${name}; ${num(now.ladoConsideredWithinOneWorkingDay)} within one working day (${rateOn(now.ladoConsideredWithinOneWorkingDay, now.ladoConsidered, before.ladoConsideredWithinOneWorkingDay, before.ladoConsidered)}).`,
    );
  return sentences;
};
