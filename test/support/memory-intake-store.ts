import type { Contact } from '../../shared/contacts';
import type { ContactStore, KeyRecord } from '../../shared/front-door/ports';

/** The store methods the intake use cases call (contacts and idempotency key records), in memory. */
export const memoryIntakeStore = (initial: Contact[] = []) => {
  const contacts = new Map(initial.map((c) => [c.contactId, c]));
  const keys = new Map<string, KeyRecord>();
  const store = {
    create: async (contact: Contact) =>
      contacts.has(contact.contactId) ? 'exists' : (contacts.set(contact.contactId, contact), 'created'),
    get: async (id: string) => contacts.get(id),
    listByStatus: async (status: string) => [...contacts.values()].filter((c) => c.status === status),
    claimKey: async (record: KeyRecord) => keys.get(record.keyHash) ?? (keys.set(record.keyHash, record), 'claimed'),
  } as unknown as ContactStore;
  return { store, contacts, keys };
};
