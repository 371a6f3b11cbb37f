import type { ContactStore, MessageQueue } from './ports';

/** How long a stored contact may wait for triage to begin before it is queued again. */
export const STALLED_AFTER_MINUTES = 5;

/**
 * The safety net behind "an accepted notification is never lost": a contact stored but never
 * queued (the queue was unreachable) or whose message was lost waits in `received`; this queues
 * it again. Queuing twice is harmless: triage starts once per contact.
 */
export const requeueStalledContacts = async (deps: { store: ContactStore; triageQueue: MessageQueue; now: Date }): Promise<number> => {
  const cutoff = new Date(deps.now.getTime() - STALLED_AFTER_MINUTES * 60_000).toISOString();
  const stalled = (await deps.store.listByStatus('received', 100)).filter((contact) => contact.receivedAt < cutoff);
  for (const { contactId } of stalled) await deps.triageQueue.send({ contactId });
  return stalled.length;
};
