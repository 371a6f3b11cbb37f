import { referrerAgencyName } from '../web/labels';
import { countByAgency, searchConsultations, type Consultation } from './consultation';

const DAY = 24 * 3600_000;

/**
 * The consultations page's view model: the counts (all those read, the last 30 days, by the
 * caller's agency) and the consultations found, each agency named as every console page names
 * it ("GP practice", not "Gp" made from the code).
 */
export const consultationsView = (all: readonly Consultation[], query: string, now: Date, days: number) => {
  const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString();
  return {
    counts: [
      { key: { text: `Last ${days} days` }, value: { text: String(all.length) } },
      { key: { text: 'Last 30 days' }, value: { text: String(all.filter((c) => c.recordedAt >= monthAgo).length) } },
      ...countByAgency(all).map((a) => ({
        key: { text: referrerAgencyName(a.agency) },
        value: { text: String(a.count) },
      })),
    ],
    consultations: searchConsultations(all, query).map((c) => ({
      ...c,
      callerAgency: referrerAgencyName(c.callerAgency),
    })),
  };
};
