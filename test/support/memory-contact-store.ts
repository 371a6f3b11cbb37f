import type { Contact } from '../../shared/contacts';
import type { ContactMessage } from '../../shared/front-door/ports';
import type { EmailMessage } from '../../shared/mail/message';
import { MemoryContactStore } from './contact-store-in-memory';

/**
 * The contact store (test/support/contact-store-in-memory.ts), a mailer and the outcome queue
 * in memory, for unit tests of the use cases: the contacts and audit trail as stored, what was
 * queued and what was sent.
 */
export const memoryPorts = (...initial: Contact[]) => {
  const store = new MemoryContactStore(initial);
  const queued: ContactMessage[] = [];
  const sent = new Map<string, EmailMessage>();
  return {
    contacts: store.contacts,
    events: store.events,
    queued,
    sent,
    store,
    outcomeQueue: { send: async (m: ContactMessage) => void queued.push(m) },
    mailer: { sendOnce: async (m: EmailMessage) => void (sent.has(m.idempotencyKey) || sent.set(m.idempotencyKey, m)) },
  };
};
