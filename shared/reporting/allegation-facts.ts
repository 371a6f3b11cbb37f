import type { WorkingCalendar } from '../calendar';
import type { Allegation } from '../lado/allegation';
import { inTime, resolvedWithin } from '../lado/clocks';
import { pseudonymFor } from './pseudonyms';

/**
 * One row per allegation the LADO holds, for the board's LADO timeliness measures (Keeping
 * Children Safe in Education part four; the clocks of shared/lado/clocks.ts). No name, employer,
 * role, child or free text: the allegation is a keyed hash, the rest are dates, the employer's
 * sector, the referrer's agency type and the outcome's category.
 */
export interface AllegationFact {
  allegation_key: string;
  received_at: string;
  /** The local (Europe/London) date and month the allegation was reported: the month it counts in. */
  received_on: string;
  received_month: string;
  /** The referrer's agency type, as the contacts' source, so the page's source filter reads both. */
  source: string;
  sector: string;
  immediate_risk: boolean;
  /** The LADO's initial consideration, and whether it came by its due time (one working day). */
  considered_at: string | null;
  considered_within_one_working_day: boolean | null;
  /** The first allegation management meeting, and whether it met its clock (72 hours, or 5 working days). */
  first_meeting_at: string | null;
  meeting_within_time: boolean | null;
  /** The outcome's category (substantiated, unsubstantiated, unfounded, false, malicious). */
  outcome: string | null;
  concluded_at: string | null;
  resolved_within_one_month: boolean | null;
  resolved_within_three_months: boolean | null;
  /** Earlier allegations about the same person were found when this one arrived. */
  repeat_allegation: boolean;
}

export const allegationFacts = (
  allegation: Allegation,
  options: { calendar: WorkingCalendar; secret: string },
): AllegationFact => {
  const receivedOn = options.calendar.localDate(new Date(allegation.receivedAt));
  const considered = allegation.initialConsideration;
  const [meeting] = allegation.meetings;
  const outcome = allegation.outcome;
  const resolved = outcome && resolvedWithin(allegation.receivedAt, outcome.at);
  return {
    allegation_key: pseudonymFor(options.secret, 'allegation', allegation.allegationId),
    received_at: allegation.receivedAt,
    received_on: receivedOn,
    received_month: receivedOn.slice(0, 7),
    source: allegation.referrer.agencyType,
    sector: allegation.person.sector,
    immediate_risk: allegation.immediateRisk,
    considered_at: considered?.at ?? null,
    considered_within_one_working_day: considered ? inTime(considered.at, allegation.considerationDueAt) : null,
    first_meeting_at: meeting?.heldAt ?? null,
    meeting_within_time: meeting ? inTime(meeting.heldAt, allegation.meetingDueAt) : null,
    outcome: outcome?.category ?? null,
    concluded_at: outcome?.at ?? null,
    resolved_within_one_month: resolved ? resolved.oneMonth : null,
    resolved_within_three_months: resolved ? resolved.threeMonths : null,
    repeat_allegation: allegation.earlier.length > 0,
  };
};
