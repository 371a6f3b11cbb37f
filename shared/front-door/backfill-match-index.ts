import { forEachContact, writeEntriesAsItIsNow } from './index-rewriting';
import { indexEntriesFor } from './match-index';
import type { Contacts } from '../contacts/ports';
import type { MatchIndex } from './reindex';

/**
 * `front-door ops backfill-match-index`: writes every stored contact's match index entries again,
 * each with the summary (status, and each child's level, route and decision time) of the contact
 * as it is now. For tables whose contacts were triaged before the index existed (or before it
 * carried per-child summaries): without their entries a later contact about the same child would
 * not find them, and with stale summaries it would show an old level or route.
 *
 * Only contacts are read (the table also holds meetings, handovers, codes and the index itself),
 * page by page to the end, with a cursor after each page from which a stopped run goes on.
 * Writing an entry again is harmless, so a run may be repeated. A contact changed while its
 * entries were written is written again from what it is now, so a decision recorded meanwhile
 * is never overwritten by the summary from before it. A dry run counts and writes nothing.
 */
export interface BackfillProgress {
  /** Contacts read. */
  contacts: number;
  /** Contacts indexed (or that would be, on a dry run). */
  indexed: number;
  /** Index entries written (or that would be). */
  entries: number;
  /** Contacts with no notification yet (a free-text email still to complete): triage indexes them. */
  skipped: number;
  /** Where the next page starts: give it to resume. Absent once the whole table is read. */
  cursor?: string;
}

export const backfillMatchIndex = async (
  request: { dryRun: boolean; cursor?: string; pageSize?: number },
  deps: {
    index: Pick<MatchIndex, 'pageOfContacts' | 'indexChildren'>;
    store: Contacts;
    matchKey: string;
    /** Told after every page, with the running totals and where the next page starts. */
    progress: (progress: BackfillProgress) => void;
  },
): Promise<BackfillProgress> => {
  const totals: BackfillProgress = { contacts: 0, indexed: 0, entries: 0, skipped: 0 };
  await forEachContact(
    request,
    deps.index,
    async (read) => {
      totals.contacts += 1;
      if (!read.notification?.children?.length) {
        totals.skipped += 1;
        return;
      }
      totals.indexed += 1;
      totals.entries += indexEntriesFor(read, deps.matchKey).length;
      if (request.dryRun) return;
      await writeEntriesAsItIsNow(read, (contact) => indexEntriesFor(contact, deps.matchKey), deps);
    },
    (cursor) => deps.progress({ ...totals, cursor }),
  );
  return totals;
};
