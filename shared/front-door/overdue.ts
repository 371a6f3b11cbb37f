import type { ContactStatus } from '../contacts';
import type { ContactStore } from './ports';

/** Contacts still waiting for a decision, by the statuses a decision can be waiting in. */
export const WAITING_FOR_DECISION: ContactStatus[] = ['awaiting-decision', 'awaiting-manager'];

/**
 * Late decisions nobody noticed were an inspection finding (domain brief §7): this count is
 * published every few minutes and alarms as soon as it is above zero.
 */
export const countOverdueContacts = async (deps: { store: ContactStore; now: Date }): Promise<number> => {
  const counts = await Promise.all(
    WAITING_FOR_DECISION.map((status) => deps.store.countDueBefore(status, deps.now.toISOString())),
  );
  return counts.reduce((sum, n) => sum + n, 0);
};
