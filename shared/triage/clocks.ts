import type { Clock, Recommendation } from './types';

/**
 * The clocks a contact starts besides its decision, as the console tracks them. A clock from a
 * missing child's return (the return home interview) is the front door's to watch: it runs
 * whether or not the contact has been decided, so it is marked overdue wherever it is shown.
 */

export const isTracked = (clock: Clock): boolean => clock.from === 'missing-return';

export const isOverdue = (clock: Clock, now: Date): boolean =>
  isTracked(clock) && Date.parse(clock.dueAt) < now.getTime();

/** The tracked clocks past their due time, for the queue's marker and the contact page. */
export const overdueClocks = (recommendation: Pick<Recommendation, 'clocks'> | undefined, now: Date): Clock[] =>
  (recommendation?.clocks ?? []).filter((clock) => isOverdue(clock, now));

/** One clock in words: its due time, what it runs from, and whether it is overdue. */
export const describeClock = (clock: Clock, now: Date, time: (iso: string) => string): string => {
  const from = !isTracked(clock)
    ? ''
    : clock.returnNotGiven
      ? ' (from receipt: the referrer did not say when the child came back)'
      : ` (from the child's return at ${time(clock.startsAt!)})`;
  return `${clock.name}: due ${time(clock.dueAt)}${from}${isOverdue(clock, now) ? ', overdue' : ''}`;
};
