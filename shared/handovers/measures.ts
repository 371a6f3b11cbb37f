import { hoursToAccept, type Handover, type HandoverTeam } from './handover';

/**
 * The "no quibble" promise, measured for one team over a period: handovers still waiting (and
 * how long the oldest has waited), accepted (and the median time to acceptance), and returned.
 */
export interface HandoverMeasures {
  team: HandoverTeam;
  waiting: number;
  oldestWaitingHours?: number;
  accepted: number;
  medianHoursToAccept?: number;
  returned: number;
}

const median = (values: number[]): number | undefined => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const handoverMeasures = (
  team: HandoverTeam,
  lists: { waiting: readonly Handover[]; accepted: readonly Handover[]; returned: readonly Handover[] },
  now: Date,
): HandoverMeasures => {
  const oldest = lists.waiting.reduce<string | undefined>(
    (min, h) => (!min || h.sentAt < min ? h.sentAt : min),
    undefined,
  );
  return {
    team,
    waiting: lists.waiting.length,
    oldestWaitingHours: oldest === undefined ? undefined : (now.getTime() - Date.parse(oldest)) / 3600_000,
    accepted: lists.accepted.length,
    medianHoursToAccept: median(lists.accepted.map((h) => hoursToAccept(h)!)),
    returned: lists.returned.length,
  };
};
