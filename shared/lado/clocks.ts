import type { WorkingCalendar } from '../calendar';
import type { Allegation } from './allegation';

/**
 * The LADO's clocks (Keeping Children Safe in Education; local safeguarding partnership
 * procedures): initial consideration within one working day of the allegation being reported;
 * an allegation management meeting within 72 hours where there is immediate risk, otherwise
 * within 5 working days; and the review date the LADO sets at each meeting. Boards also count
 * allegations resolved within one month (target 80%) and three months (target 90%).
 */
const HOUR = 3_600_000;

export const considerationDue = (receivedAt: Date, calendar: WorkingCalendar): Date =>
  calendar.addWorkingDays(receivedAt, 1);

/** 72 hours is elapsed time, weekends included: a child at immediate risk does not wait for Monday. */
export const meetingDue = (receivedAt: Date, immediateRisk: boolean, calendar: WorkingCalendar): Date =>
  immediateRisk ? new Date(receivedAt.getTime() + 72 * HOUR) : calendar.addWorkingDays(receivedAt, 5);

/** A review "on" a date is due by the end of that day. */
export const reviewDue = (reviewOn: string): string => new Date(`${reviewOn}T23:59:59Z`).toISOString();

export type ClockName = 'consideration' | 'meeting' | 'review';
export interface Clock {
  name: ClockName;
  label: string;
  dueAt: string;
  overdue: boolean;
}

/** The clock an open allegation is running against now: the one the LADO must act on next. */
export const currentClock = (allegation: Allegation, now: Date): Clock | undefined => {
  const clock = (name: ClockName, label: string, dueAt: string | undefined): Clock | undefined =>
    dueAt ? { name, label, dueAt, overdue: new Date(dueAt).getTime() < now.getTime() } : undefined;
  switch (allegation.status) {
    case 'awaiting-consideration':
      return clock('consideration', 'Initial consideration due', allegation.considerationDueAt);
    case 'awaiting-meeting':
      return clock(
        'meeting',
        allegation.immediateRisk ? 'Meeting due (immediate risk: 72 hours)' : 'Meeting due (5 working days)',
        allegation.meetingDueAt,
      );
    case 'in-progress':
      return clock('review', 'Review due', allegation.reviewDueAt);
    default:
      return undefined;
  }
};

const MONTH_DAYS = (from: Date, months: number) => {
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + months);
  return to.getTime();
};

/**
 * Whether a step was taken in time: at or before its due time. A step with no clock set (a
 * meeting on an allegation from before meeting clocks) is not in time: the board's facts and the
 * LADO's CloudWatch measures count it the same way.
 */
export const inTime = (at: string, due: string | undefined): boolean =>
  due !== undefined && Date.parse(at) <= Date.parse(due);

/** Whether an allegation was resolved within one and within three calendar months of being reported. */
export const resolvedWithin = (receivedAt: string, concludedAt: string) => {
  const from = new Date(receivedAt);
  const at = new Date(concludedAt).getTime();
  return { oneMonth: at <= MONTH_DAYS(from, 1), threeMonths: at <= MONTH_DAYS(from, 3) };
};
