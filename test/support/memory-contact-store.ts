import { canMove, type Contact } from '../../shared/contacts';
import type { EmailMessage } from '../../shared/mail/message';
import {
  TransitionRefused,
  VersionConflict,
  type AuditEvent,
  type ChildIndexEntry,
  type ContactMessage,
  type ContactStore,
  type KeyRecord,
} from '../../shared/front-door/ports';

/**
 * The contact store, mailer and outcome queue in memory, for unit tests of the use cases: the
 * same conditional writes as the DynamoDB adapter (versions, allowed status moves), no I/O.
 */
export const memoryPorts = (...initial: Contact[]) => {
  const contacts = new Map(initial.map((c) => [c.contactId, c]));
  const index = new Map<string, ChildIndexEntry[]>();
  const events: AuditEvent[] = [];
  const queued: ContactMessage[] = [];
  const sent = new Map<string, EmailMessage>();
  const keys = new Map<string, KeyRecord>();
  const write = (c: Contact, changes: Partial<Contact>, at: string): Contact => {
    const next = { ...c, ...changes, updatedAt: at, version: (c.version ?? 0) + 1 };
    contacts.set(c.contactId, next);
    return next;
  };
  const store = {
    claimKey: async (record) => keys.get(record.keyHash) ?? (keys.set(record.keyHash, record), 'claimed'),
    create: async (c) => (contacts.has(c.contactId) ? 'exists' : (contacts.set(c.contactId, c), 'created')),
    get: async (id) => contacts.get(id),
    findByStatusToken: async (token) => [...contacts.values()].find((c) => c.statusToken === token),
    transition: async (id, to, changes, at) => {
      const c = contacts.get(id);
      if (!c || !canMove(c.status, to)) throw new TransitionRefused(id, to, c);
      return write(c, { ...changes, status: to }, at);
    },
    amend: async (id, whileStatus, changes, at) => {
      const c = contacts.get(id);
      if (!c || c.status !== whileStatus) throw new TransitionRefused(id, whileStatus, c);
      return write(c, changes, at);
    },
    indexChildren: async (indexed) => {
      for (const { key, entry } of indexed) {
        const entries = index.get(key.key) ?? [];
        if (!entries.some((e) => e.contactId === entry.contactId && e.childIndex === entry.childIndex))
          index.set(key.key, [...entries, entry]);
      }
    },
    findByMatchKey: async (key) => index.get(key.key) ?? [],
    listByStatus: async (status) => [...contacts.values()].filter((c) => c.status === status),
    countDueBefore: async (status, dueBefore) =>
      [...contacts.values()].filter((c) => c.status === status && (c.recommendation?.dueAt ?? c.receivedAt) < dueBefore)
        .length,
    update: async (id, expected, changes, at) => {
      const c = contacts.get(id);
      if (!c || (c.version ?? 0) !== expected) throw new VersionConflict(id, c);
      return write(c, changes, at);
    },
    appendEvent: async (e) => void events.push(e),
    listEvents: async (id) => events.filter((e) => e.contactId === id),
  } satisfies Partial<ContactStore> as ContactStore;
  return {
    contacts,
    events,
    queued,
    sent,
    store,
    outcomeQueue: { send: async (m: ContactMessage) => void queued.push(m) },
    mailer: { sendOnce: async (m: EmailMessage) => void (sent.has(m.idempotencyKey) || sent.set(m.idempotencyKey, m)) },
  };
};
