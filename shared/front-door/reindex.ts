import { createHash } from 'node:crypto';
import { addressHash } from '../referrer/address-confirmation';
import { forEachContact, writeEntriesAsItIsNow } from './index-rewriting';
import { indexEntriesFor } from './match-index';
import type { Contact } from '../contacts';
import type { ContactPage, ContactStore, IndexedEntry } from '../contacts/ports';

/**
 * `front-door ops reindex`: rewrites the match index of a deployed table with today's keys.
 * Match keys were once plain SHA-256 of low-entropy values (a name, date of birth and postcode,
 * an NHS number, an address); they are now keyed with the area's match key (issue 10). A contact
 * indexed under old keys would never be found by a later contact about the same child, so every
 * contact already indexed is indexed again under its keys of today, and its entries under any
 * other key are removed (nothing then holds the old, guessable hashes). Confirmed referrer
 * addresses move from their old hash to the keyed one in the same pass.
 *
 * Safe to run while the front door takes notifications, as often as needed: a contact whose
 * entries are already today's is left alone, so a second run writes nothing, and a contact
 * changed while its new entries were written has them written again from what it is now. It reads the
 * contacts page by page to the end and reports a cursor after each page, from which a run that
 * stopped part way can go on. A dry run counts what would change and writes nothing.
 */

/** One entry of a contact in the match index: the key, and the child it was written for. */
export interface IndexedKey {
  key: string;
  childIndex: number;
}

/** What re-indexing needs of the contacts table. */
export interface MatchIndex {
  /** At most `limit` stored contacts (in no particular order) from where `cursor` left off. */
  pageOfContacts(page: { limit: number; cursor?: string }): Promise<ContactPage>;
  /** Every entry the contact has in the match index. */
  indexedKeys(contactId: string): Promise<IndexedKey[]>;
  indexChildren(entries: IndexedEntry[]): Promise<void>;
  /** Removes the contact's entry under the key; removing one already gone is harmless. */
  unindex(contactId: string, indexed: IndexedKey): Promise<void>;
}

/** Confirmed referrer addresses, by the hash they are kept under. */
export interface AddressConfirmations {
  isConfirmed(addressHash: string): Promise<boolean>;
  /** Keeps a confirmation under `to` (with its date), removing it from `from`; false when `from` has none. */
  moveConfirmation(from: string, to: string): Promise<boolean>;
}

export interface ReindexProgress {
  contacts: number;
  /** Contacts whose entries changed (or would, on a dry run). */
  reindexed: number;
  written: number;
  removed: number;
  addressesMoved: number;
  /** Where the next page starts: give it to resume. Absent once the whole table is read. */
  cursor?: string;
}

/** The unkeyed hash referrer addresses were once kept under, found again only to move them. */
const legacyAddressHash = (address: string): string =>
  createHash('sha256').update(`front-door:referrer-address:${address.trim().toLowerCase()}`).digest('hex');

const same = (a: IndexedKey, b: IndexedKey) => a.key === b.key && a.childIndex === b.childIndex;

export const reindexMatchKeys = async (
  request: { dryRun: boolean; cursor?: string; pageSize?: number },
  deps: {
    index: MatchIndex;
    store: Pick<ContactStore, 'get'>;
    addresses: AddressConfirmations;
    matchKey: string;
    /** Told after every page, with the running totals and where the next page starts. */
    progress: (progress: ReindexProgress) => void;
  },
): Promise<ReindexProgress> => {
  const totals: ReindexProgress = { contacts: 0, reindexed: 0, written: 0, removed: 0, addressesMoved: 0 };
  const visit = async (contact: Contact) => {
    totals.contacts += 1;
    const indexed = await deps.index.indexedKeys(contact.contactId);
    // A contact triage has not yet matched has no entries: triage will write today's keys.
    if (indexed.length > 0) {
      const isIndexed = (w: IndexedEntry) =>
        indexed.some((i) => same(i, { key: w.key.key, childIndex: w.entry.childIndex }));
      const missingOf = (c: Contact) => indexEntriesFor(c, deps.matchKey).filter((w) => !isIndexed(w));
      const wanted = indexEntriesFor(contact, deps.matchKey);
      const missing = missingOf(contact);
      const stale = indexed.filter(
        (i) => !wanted.some((w) => same(i, { key: w.key.key, childIndex: w.entry.childIndex })),
      );
      if (missing.length + stale.length > 0) totals.reindexed += 1;
      totals.written += missing.length;
      totals.removed += stale.length;
      if (!request.dryRun) {
        // Today's entries first, then the old ones go: a contact is never missing from the index.
        if (missing.length > 0) await writeEntriesAsItIsNow(contact, missingOf, deps);
        for (const entry of stale) await deps.index.unindex(contact.contactId, entry);
      }
    }
    const email = contact.notification?.referrer.email;
    if (email) {
      const legacy = legacyAddressHash(email);
      const moved = request.dryRun
        ? await deps.addresses.isConfirmed(legacy)
        : await deps.addresses.moveConfirmation(legacy, addressHash(email, deps.matchKey));
      if (moved) totals.addressesMoved += 1;
    }
  };
  await forEachContact(request, deps.index, visit, (cursor) => deps.progress({ ...totals, cursor }));
  return totals;
};
