import type { Contact } from '../contacts';
import type { ContactQueries } from '../contacts/ports';
import { STALLED_AFTER_MINUTES, stalledCutoff } from '../front-door/stalled';
import { statusName } from '../web/labels';

export interface StuckRow {
  contactId: string;
  reference: string;
  receivedAt: string;
  status: string;
}

export interface StuckContacts {
  /** How many were left `received` or `triaging` past the sweeper's stall threshold: not yet in the queue. */
  stuck: number;
  /** How many automatic triage gave up on: a worker must triage them by hand. */
  failed: number;
  /** Both, oldest first, as they have waited longest. */
  rows: StuckRow[];
  /** The warning at the top of the queue, or none when nothing is stuck or failed. */
  warning?: string;
}

const row = (c: Contact): StuckRow => ({
  contactId: c.contactId,
  reference: c.reference,
  receivedAt: c.receivedAt,
  status: statusName(c.status),
});
const contacts = (n: number) => `${n} contact${n === 1 ? '' : 's'}`;
const byReceived = (a: Contact, b: Contact) => a.receivedAt.localeCompare(b.receivedAt);

/**
 * Contacts a worker would otherwise never see (issue 11, "nothing stuck"): those stalled by the
 * sweeper's own definition (the sweeper runs as often as that threshold), and those whose triage failed.
 */
export const findStuckContacts = async (deps: { store: ContactQueries; now: Date }): Promise<StuckContacts> => {
  const before = stalledCutoff(deps.now);
  const [received, triaging, failed] = await Promise.all([
    deps.store.listByStatus('received', { before }),
    deps.store.listByStatus('triaging', { before }),
    deps.store.listByStatus('triage-failed'),
  ]);
  const stuck = [...received, ...triaging];
  const sentences = [
    ...(stuck.length
      ? [
          `${contacts(stuck.length)} ${stuck.length === 1 ? 'is' : 'are'} stuck in triage: received more than ${STALLED_AFTER_MINUTES} minutes ago and not yet in the queue. The system retries them every ${STALLED_AFTER_MINUTES} minutes; if one stays here, tell the duty manager.`,
        ]
      : []),
    ...(failed.length
      ? [
          `${contacts(failed.length)} failed automatic triage and ${failed.length === 1 ? 'needs' : 'need'} a worker to triage ${failed.length === 1 ? 'it' : 'them'} by hand.`,
        ]
      : []),
  ];
  return {
    stuck: stuck.length,
    failed: failed.length,
    rows: [...stuck, ...failed].sort(byReceived).map(row),
    warning: sentences.length ? sentences.join(' ') : undefined,
  };
};
