import { householdKeyFor, matchKeysFor, type ChildMatchKey, type MatchKey } from '../matching/keys';
import { matchSummary, type Contact } from '../contacts';
import type { ChildIndexEntry, IndexedEntry } from '../contacts/ports';

/**
 * Where a contact is recorded in the match index, each entry with that child's summary as the
 * contact is now: every child under its own keys, and each address once, under the first child
 * living there. Triage writes these, and the backfill writes them again from stored contacts.
 */
export const indexEntriesFor = (contact: Contact, matchKey: string): IndexedEntry[] => {
  const entryFor = (childIndex: number, childKeys: string[]): ChildIndexEntry => ({
    contactId: contact.contactId,
    reference: contact.reference,
    receivedAt: contact.receivedAt,
    childIndex,
    ...matchSummary(contact, childIndex),
    childKeys,
  });
  // A free-text email not yet completed has no notification, so no children to index yet.
  const children = [...(contact.notification?.children ?? []).entries()];
  const keysOf = children.map(([, child]) => matchKeysFor(child, matchKey));
  // Under a child's key, that child's keys; under an address, every child's, so a later contact
  // about any of them can leave it out of the household's count without reading it.
  const byChild = children.flatMap(([childIndex]) =>
    keysOf[childIndex]!.map((key) => ({
      key,
      entry: entryFor(
        childIndex,
        keysOf[childIndex]!.map((k) => k.key),
      ),
    })),
  );
  const everyChild = keysOf.flat().map((k) => k.key);
  const addresses = new Map<string, IndexedEntry>();
  for (const [childIndex, child] of children) {
    const key = householdKeyFor(child.address, matchKey);
    if (!addresses.has(key.key)) addresses.set(key.key, { key, entry: entryFor(childIndex, everyChild) });
  }
  return [...byChild, ...addresses.values()];
};

/** A key that finds the same child again, as opposed to the child's household. */
export const isChildKey = (key: MatchKey): key is ChildMatchKey => key.basis !== 'household-address';
