import type { ContactPage, IndexedEntry } from '../../shared/contacts/ports';
import type { IndexedKey, MatchIndex } from '../../shared/front-door/reindex';
import type { MemoryContactStore } from './contact-store-in-memory';

/**
 * The match index of an in-memory contact store, as re-indexing and the backfill read and change
 * it (DynamoMatchIndex in AWS): its contacts a page at a time, each contact's entries, and
 * entries removed one by one. The cursor is where the next page starts.
 */
export const memoryMatchIndex = (store: MemoryContactStore): MatchIndex => ({
  pageOfContacts: async ({ limit, cursor }): Promise<ContactPage> => {
    const all = [...store.contacts.values()];
    const start = Number(cursor ?? 0);
    const next = start + limit;
    return {
      contacts: structuredClone(all.slice(start, next)),
      cursor: next < all.length ? String(next) : undefined,
    };
  },
  indexedKeys: async (contactId): Promise<IndexedKey[]> =>
    [...store.index].flatMap(([key, entries]) =>
      [...entries.values()].filter((e) => e.contactId === contactId).map((e) => ({ key, childIndex: e.childIndex })),
    ),
  indexChildren: (entries: IndexedEntry[]) => store.indexChildren(entries),
  unindex: async (contactId, { key, childIndex }) => void store.index.get(key)?.delete(`${contactId}#${childIndex}`),
});
