import { percentage, type BoardMeasures, type MonthFigures } from '../reporting/measures';
import { monthName } from '../reporting/performance-page';

/**
 * The monthly board report's words: what changed in the month against the month before, in
 * sentences a board member reads before the charts. Every figure is one the charts and tables
 * show; nothing is judged good or bad, only said.
 */

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => `${percentage(part, whole)}%`;

/** "up 32 (4.1%) on October 2026’s 780", "down 5 …", "the same as …", or "none in October 2026". */
const changeOn = (now: number, before: number, beforeMonth: string): string => {
  if (before === 0) return now === 0 ? `none in ${beforeMonth} either` : `none in ${beforeMonth}`;
  if (now === before) return `the same as in ${beforeMonth}`;
  const difference = Math.abs(now - before);
  return `${now > before ? 'up' : 'down'} ${difference.toLocaleString('en-GB')} (${percent(difference, before)}) on ${beforeMonth}’s ${before.toLocaleString('en-GB')}`;
};

/** A rate this month beside last month's, in percentage points: "31.7%, up 2.7 points from 29.0%". */
const rateOn = (part: number, whole: number, partBefore: number, wholeBefore: number): string => {
  const now = percentage(part, whole)!;
  const before = percentage(partBefore, wholeBefore);
  if (before === undefined) return `${now}%`;
  if (now === before) return `${now}%, as the month before`;
  const points = Math.round(Math.abs(now - before) * 10) / 10;
  return `${now}%, ${now > before ? 'up' : 'down'} ${points} percentage point${points === 1 ? '' : 's'} from ${before}%`;
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
): string[] => {
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
    `${count(now.contacts, 'contact')} about ${count(now.children, 'child', 'children')} ${now.contacts === 1 ? 'was' : 'were'} received in ${name}, ${changeOn(now.contacts, before.contacts, beforeMonth)}.`,
  ];

  const [largest] = bySource;
  if (largest)
    sentences.push(
      `The largest source was ${sourceName(largest.source)}, with ${count(largest.contacts, 'contact')} (${percent(largest.contacts, now.contacts)} of the month’s).`,
    );

  if (now.decidedChildren > 0)
    sentences.push(
      `Of ${count(now.decidedChildren, 'child', 'children')} decided, ${now.referrals.toLocaleString('en-GB')} ${now.referrals === 1 ? 'was' : 'were'} referred to children’s social care (${rateOn(now.referrals, now.decidedChildren, before.referrals, before.decidedChildren)}) and ${now.earlyHelp.toLocaleString('en-GB')} to early help.`,
    );

  if (now.referrals > 0)
    sentences.push(
      `Re-referrals within 12 months: ${now.reReferrals.toLocaleString('en-GB')} of ${count(now.referrals, 'referral')} (${rateOn(now.reReferrals, now.referrals, before.reReferrals, before.referrals)}).`,
    );

  if (now.decidedContacts > 0)
    sentences.push(
      `${count(now.withinOneWorkingDay, 'contact')} of ${now.decidedContacts.toLocaleString('en-GB')} decided within one working day: ${rateOn(now.withinOneWorkingDay, now.decidedContacts, before.withinOneWorkingDay, before.decidedContacts)}.`,
    );

  if (now.redDecided > 0)
    sentences.push(
      now.redWithinHours === now.redDecided
        ? `All ${count(now.redDecided, 'red contact')} ${now.redDecided === 1 ? 'was' : 'were'} decided within their hours.`
        : `${now.redWithinHours.toLocaleString('en-GB')} of ${count(now.redDecided, 'red contact')} ${now.redWithinHours === 1 ? 'was' : 'were'} decided within their hours; ${(now.redDecided - now.redWithinHours).toLocaleString('en-GB')} ${now.redDecided - now.redWithinHours === 1 ? 'was' : 'were'} late.`,
    );

  if (now.partnerRequests > 0)
    sentences.push(
      `Partner agencies answered ${now.partnerRequestsAnsweredWithin48h.toLocaleString('en-GB')} of ${count(now.partnerRequests, 'information request')} within 48 hours (${rateOn(now.partnerRequestsAnsweredWithin48h, now.partnerRequests, before.partnerRequestsAnsweredWithin48h, before.partnerRequests)}).`,
    );

  if (now.reconsiderationsRequested > 0)
    sentences.push(
      `Referrers asked for ${count(now.reconsiderationsRequested, 'decision')} to be reconsidered; ${now.reconsiderationsChanged.toLocaleString('en-GB')} ${now.reconsiderationsChanged === 1 ? 'was' : 'were'} changed.`,
    );

  if (now.referrersNotReached > 0)
    sentences.push(`${count(now.referrersNotReached, 'referrer')} could not be reached by email.`);
  if (now.ladoAllegations > 0)
    sentences.push(`${count(now.ladoAllegations, 'allegation')} about adults who work with children went to the LADO.`);
  return sentences;
};
