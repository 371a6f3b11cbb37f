import { backfillMatchIndex, type BackfillProgress } from '../../shared/front-door/backfill-match-index';
import type { Ops } from './commands';
import { indexRewriteRun } from './index-rewrite-run';

const line = ({ contacts, indexed, entries, skipped }: BackfillProgress, dryRun: boolean) =>
  `${contacts} contacts read; ${indexed} ${dryRun ? 'to index' : 'indexed'} (${entries} entries ${dryRun ? 'to write' : 'written'}); ${skipped} not yet a notification`;

/**
 * `front-door ops backfill-match-index [--dry-run] [--from <cursor>]`: every contact's match index
 * entries written again with its children's summaries as they are now
 * (shared/front-door/backfill-match-index.ts). Prints its totals and a cursor after every page,
 * so a run that stops can go on with --from; counts only, never a child.
 */
export const backfillIndex = async (ops: Ops, request: { dryRun: boolean; cursor?: string }): Promise<void> => {
  const run = await indexRewriteRun(ops, request, line);
  const totals = await backfillMatchIndex(request, {
    index: run.index,
    store: run.store,
    matchKey: run.matchKey,
    progress: run.progress,
  });
  run.done(totals);
};
