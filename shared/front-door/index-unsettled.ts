import { isUnsettled } from '../contacts';
import type { ContactPage } from '../contacts/ports';
import { forEachContact } from './index-rewriting';

/**
 * `front-door ops index-unsettled`: puts the contacts stored before the unsettled index existed
 * into it (see ContactQueries.listUnsettled). Every write since sets or removes a contact's place
 * in that index, but a contact left untouched since it was stored (received and waiting behind a
 * burst, or awaiting a decision with its acknowledgement lost) would never be found by the stall
 * sweeper without it. Run once after deploying the version that added the index.
 *
 * Contacts are read page by page to the end, with a cursor after each page from which a stopped
 * run goes on; each unsettled one is indexed by one conditional write, which leaves alone a
 * contact settled or indexed since it was read, so a run may be repeated. A dry run counts the
 * unsettled contacts and writes nothing.
 */
export interface UnsettledIndexProgress {
  /** Contacts read. */
  contacts: number;
  /** Of those, unsettled when read (on a dry run, at most this many would be indexed). */
  unsettled: number;
  /** Contacts this run put into the index (those already in it are not counted). */
  indexed: number;
  /** Where the next page starts: give it to resume. Absent once the whole table is read. */
  cursor?: string;
}

export const indexUnsettledContacts = async (
  request: { dryRun: boolean; cursor?: string; pageSize?: number },
  deps: {
    contacts: { pageOfContacts(page: { limit: number; cursor?: string }): Promise<ContactPage> };
    index: { indexUnsettled(contactId: string): Promise<'indexed' | 'not-needed'> };
    /** Told after every page, with the running totals and where the next page starts. */
    progress: (progress: UnsettledIndexProgress) => void;
  },
): Promise<UnsettledIndexProgress> => {
  const totals: UnsettledIndexProgress = { contacts: 0, unsettled: 0, indexed: 0 };
  await forEachContact(
    request,
    deps.contacts,
    async (contact) => {
      totals.contacts += 1;
      if (!isUnsettled(contact)) return;
      totals.unsettled += 1;
      if (!request.dryRun && (await deps.index.indexUnsettled(contact.contactId)) === 'indexed') totals.indexed += 1;
    },
    (cursor) => deps.progress({ ...totals, cursor }),
  );
  return totals;
};
