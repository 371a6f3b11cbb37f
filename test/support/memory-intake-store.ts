import type { Contact } from '../../shared/contacts';
import { MemoryContactStore } from './contact-store-in-memory';

/** The contact store in memory for the intake use cases, with its contacts and idempotency key records as stored. */
export const memoryIntakeStore = (initial: Contact[] = []) => {
  const store = new MemoryContactStore(initial);
  return { store, contacts: store.contacts, keys: store.keys };
};
