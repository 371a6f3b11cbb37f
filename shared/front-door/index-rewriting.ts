import type { Contact } from '../contacts';
import type { ContactPage, ContactStore, IndexedEntry } from '../contacts/ports';

/**
 * What the two commands that rewrite the match index of a deployed table (ops reindex and ops
 * backfill-match-index) share: reading every contact page by page, and writing a contact's
 * entries so that they end up with the summary of the contact as it is, not as it was read.
 */

/** The pages of stored contacts from `cursor` to the end; `pageDone` is told where the next page starts. */
export const forEachContact = async (
  request: { cursor?: string; pageSize?: number },
  contacts: { pageOfContacts(page: { limit: number; cursor?: string }): Promise<ContactPage> },
  visit: (contact: Contact) => Promise<void>,
  pageDone: (cursor: string | undefined) => void,
): Promise<void> => {
  let cursor = request.cursor;
  do {
    const page = await contacts.pageOfContacts({ limit: request.pageSize ?? 100, cursor });
    for (const contact of page.contacts) await visit(contact);
    cursor = page.cursor;
    pageDone(cursor);
  } while (cursor);
};

/** Writes of one contact's entries before giving up on keeping up with a contact that keeps changing. */
const ATTEMPTS = 3;

/**
 * Writes the contact's entries, then reads the contact again: changed since it was read, its own
 * write refreshed only the entries there were then, so the entries are written again from what
 * it is now (a decision recorded meanwhile is never overwritten by the summary from before it).
 */
export const writeEntriesAsItIsNow = async (
  read: Contact,
  entriesOf: (contact: Contact) => IndexedEntry[],
  deps: { index: { indexChildren(entries: IndexedEntry[]): Promise<void> }; store: Pick<ContactStore, 'get'> },
): Promise<void> => {
  let contact: Contact | undefined = read;
  for (let attempt = 0; contact && attempt < ATTEMPTS; attempt++) {
    await deps.index.indexChildren(entriesOf(contact));
    const now: Contact | undefined = await deps.store.get(contact.contactId);
    contact = now && (now.version ?? 0) !== (contact.version ?? 0) ? now : undefined;
  }
};
