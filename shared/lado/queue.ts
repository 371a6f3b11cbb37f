import { EMPLOYER_SECTORS } from '../notification';
import { ALLEGATION_STATUSES, OPEN_ALLEGATION_STATUSES, type Allegation } from './allegation';
import { currentClock, type Clock } from './clocks';
import type { AllegationStore } from './ports';

/**
 * The LADO's queue: open allegations with the clock each is running against, overdue first and
 * then soonest due, so nothing slips past its one working day or its meeting deadline.
 */
export interface QueueRow {
  allegationId: string;
  reference: string;
  receivedAt: string;
  status: string;
  person: string;
  sector: string;
  clock?: Clock;
  earlier: number;
  linkedContact: boolean;
}

const rowOf = (a: Allegation, now: Date): QueueRow => ({
  allegationId: a.allegationId,
  reference: a.reference,
  receivedAt: a.receivedAt,
  status: ALLEGATION_STATUSES[a.status],
  person: `${a.person.name}, ${a.person.role}, ${a.person.employer}`,
  sector: EMPLOYER_SECTORS[a.person.sector],
  clock: currentClock(a, now),
  earlier: a.earlier.length,
  linkedContact: !!a.childContact,
});

/** Concluded allegations shown on the queue: the latest, beside a true count of them all. */
export const CONCLUDED_SHOWN = 50;

export const allegationQueue = (open: Allegation[], concluded: Allegation[], now: Date, concludedTotal: number) => {
  const rows = open.map((a) => rowOf(a, now));
  const urgency = (r: QueueRow) => (r.clock ? (r.clock.overdue ? 0 : 1) : 2);
  rows.sort(
    (x, y) => urgency(x) - urgency(y) || (x.clock?.dueAt ?? x.receivedAt).localeCompare(y.clock?.dueAt ?? y.receivedAt),
  );
  return {
    open: rows,
    overdue: rows.filter((r) => r.clock?.overdue).length,
    concluded: concluded.map((a) => rowOf(a, now)).sort((x, y) => y.receivedAt.localeCompare(x.receivedAt)),
    concludedTotal,
  };
};

/**
 * The queue as the LADO's page shows it: every open allegation, however many (a silent cap would
 * hide one whose clock is running), and the latest concluded ones with how many there are in all.
 */
export const readAllegationQueue = async (
  store: Pick<AllegationStore, 'listByStatus' | 'countByStatus'>,
  now: Date,
) => {
  const [open, concluded, concludedTotal] = await Promise.all([
    Promise.all(OPEN_ALLEGATION_STATUSES.map((status) => store.listByStatus(status))),
    store.listByStatus('concluded', CONCLUDED_SHOWN),
    store.countByStatus('concluded'),
  ]);
  return allegationQueue(open.flat(), concluded, now, concludedTotal);
};
