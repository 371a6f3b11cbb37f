import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import { reindexMatchKeys, type ReindexProgress } from '../../shared/front-door/reindex';
import type { Ops } from './commands';
import { indexRewriteRun } from './index-rewrite-run';

const line = ({ contacts, reindexed, written, removed, addressesMoved }: ReindexProgress, dryRun: boolean) =>
  `${contacts} contacts read; ${reindexed} ${dryRun ? 'to re-index' : 're-indexed'} (${written} entries ${dryRun ? 'to write' : 'written'}, ${removed} ${dryRun ? 'to remove' : 'removed'}); ${addressesMoved} confirmed address${addressesMoved === 1 ? '' : 'es'} ${dryRun ? 'to move' : 'moved'}`;

/**
 * `front-door ops reindex [--dry-run] [--from <cursor>]`: the match index under today's keyed
 * match keys (shared/front-door/reindex.ts). Prints its totals and a cursor after every page, so a
 * run that stops can go on with --from; counts only, never a child or an address.
 */
export const reindex = async (ops: Ops, request: { dryRun: boolean; cursor?: string }): Promise<void> => {
  const run = await indexRewriteRun(ops, request, line);
  const totals = await reindexMatchKeys(request, {
    index: run.index,
    store: run.store,
    addresses: new DynamoReferrerAddresses(run.table, ops.dynamodb, run.years),
    matchKey: run.matchKey,
    progress: run.progress,
  });
  run.done(totals);
};
