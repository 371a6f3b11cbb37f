import { AWAITING_DECISION_STATUSES } from '../contacts';
import type { ContactQueries } from '../contacts/ports';

/**
 * Late decisions nobody noticed were an inspection finding (domain brief §7): this count is
 * published every few minutes and alarms as soon as it is above zero.
 */
export const countOverdueContacts = async (deps: { store: ContactQueries; now: Date }): Promise<number> => {
  const counts = await Promise.all(
    AWAITING_DECISION_STATUSES.map((status) => deps.store.countDueBefore(status, deps.now.toISOString())),
  );
  return counts.reduce((sum, n) => sum + n, 0);
};
