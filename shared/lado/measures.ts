import type { Allegation } from './allegation';
import { inTime, resolvedWithin } from './clocks';
import type { ReferralResult } from './referral';

/**
 * The board's LADO measures (domain brief §9; Walsall's and Worcestershire's board reports):
 * allegations by employer sector and source, time to initial consideration, to the meeting and
 * to the outcome (resolved within one month, target 80%, and three months, target 90%), outcomes
 * by category, and repeat allegations about the same person. Each is a plain data point here; the
 * handlers publish them as CloudWatch embedded metrics. No personal data in any dimension.
 */
export interface Measure {
  name: string;
  /** CloudWatch units: times are in seconds, which the dashboard shows as hours and days. */
  unit: 'Count' | 'Seconds';
  value: number;
  dimensions: Record<string, string>;
}

const secondsBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 1000;

export const referralMeasures = (result: ReferralResult): Measure[] => {
  const a = result.allegation;
  if (!a?.firstTime) return [];
  return [
    { name: 'AllegationsReceived', unit: 'Count', value: 1, dimensions: { sector: a.sector, source: a.source } },
    ...(a.earlierAllegations > 0
      ? [{ name: 'RepeatAllegations', unit: 'Count' as const, value: 1, dimensions: { sector: a.sector } }]
      : []),
  ];
};

/** What changed between two versions of an allegation, as the measures it completes. */
export const progressMeasures = (before: Allegation, after: Allegation): Measure[] => {
  const sector = after.person.sector;
  const measures: Measure[] = [];
  if (!before.initialConsideration && after.initialConsideration) {
    const { at } = after.initialConsideration;
    measures.push(
      {
        name: 'TimeToInitialConsideration',
        unit: 'Seconds',
        value: secondsBetween(after.receivedAt, at),
        dimensions: { sector },
      },
      {
        name: inTime(at, after.considerationDueAt) ? 'InitialConsiderationInTime' : 'InitialConsiderationLate',
        unit: 'Count',
        value: 1,
        dimensions: { sector },
      },
    );
  }
  if (!before.meetings.length && after.meetings.length) {
    const { heldAt } = after.meetings[0]!;
    measures.push(
      {
        name: 'TimeToMeeting',
        unit: 'Seconds',
        value: secondsBetween(after.receivedAt, heldAt),
        dimensions: { sector, immediateRisk: String(after.immediateRisk) },
      },
      {
        name: inTime(heldAt, after.meetingDueAt) ? 'MeetingInTime' : 'MeetingLate',
        unit: 'Count',
        value: 1,
        dimensions: { sector, immediateRisk: String(after.immediateRisk) },
      },
    );
  }
  if (!before.outcome && after.outcome) {
    const within = resolvedWithin(after.receivedAt, after.outcome.at);
    measures.push(
      {
        name: 'TimeToOutcome',
        unit: 'Seconds',
        value: secondsBetween(after.receivedAt, after.outcome.at),
        dimensions: { sector },
      },
      { name: 'AllegationOutcomes', unit: 'Count', value: 1, dimensions: { outcome: after.outcome.category } },
      { name: 'ResolvedWithinOneMonth', unit: 'Count', value: within.oneMonth ? 1 : 0, dimensions: { sector } },
      { name: 'ResolvedWithinThreeMonths', unit: 'Count', value: within.threeMonths ? 1 : 0, dimensions: { sector } },
      { name: 'AllegationsResolved', unit: 'Count', value: 1, dimensions: { sector } },
      ...after.outcome.furtherActions.map((action) => ({
        name: 'FurtherActions',
        unit: 'Count' as const,
        value: 1,
        dimensions: { action },
      })),
    );
  }
  return measures;
};
