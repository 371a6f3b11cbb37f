import { householdKeyFor, matchKeysFor, type ChildMatchKey, type MatchKey } from '../matching/keys';
import { matchSummary, type Contact } from '../contacts';
import type { ChildIndexEntry, IndexedEntry } from '../contacts/ports';

/**
 * Where a contact is recorded in the match index, each entry with that child's summary as the
 * contact is now: every child under its own keys, and each address once, under the first child
 * living there. Triage writes these, and the backfill writes them again from stored contacts.
 */
export const indexEntriesFor = (contact: Contact, matchKey: string): IndexedEntry[] => {
  const entryFor = (childIndex: number): ChildIndexEntry => ({
    contactId: contact.contactId,
    reference: contact.reference,
    receivedAt: contact.receivedAt,
    childIndex,
    ...matchSummary(contact, childIndex),
  });
  // A free-text email not yet completed has no notification, so no children to index yet.
  const children = [...(contact.notification?.children ?? []).entries()];
  const byChild = children.flatMap(([childIndex, child]) =>
    matchKeysFor(child, matchKey).map((key) => ({ key, entry: entryFor(childIndex) })),
  );
  const addresses = new Map<string, IndexedEntry>();
  for (const [childIndex, child] of children) {
    const key = householdKeyFor(child.address, matchKey);
    if (!addresses.has(key.key)) addresses.set(key.key, { key, entry: entryFor(childIndex) });
  }
  return [...byChild, ...addresses.values()];
};

/** A key that finds the same child again, as opposed to the child's household. */
export const isChildKey = (key: MatchKey): key is ChildMatchKey => key.basis !== 'household-address';
