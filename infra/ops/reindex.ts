import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import { reindexMatchKeys, type ReindexProgress } from '../../shared/front-door/reindex';
import { OpsError, type Ops } from './commands';
import { matchKeyOf } from './deployment';

const line = ({ contacts, reindexed, written, removed, addressesMoved }: ReindexProgress, dryRun: boolean) =>
  `${contacts} contacts read; ${reindexed} ${dryRun ? 'to re-index' : 're-indexed'} (${written} entries ${dryRun ? 'to write' : 'written'}, ${removed} ${dryRun ? 'to remove' : 'removed'}); ${addressesMoved} confirmed address${addressesMoved === 1 ? '' : 'es'} ${dryRun ? 'to move' : 'moved'}`;

/**
 * `front-door ops reindex [--dry-run] [--from <cursor>]`: the match index under today's keyed
 * match keys (shared/front-door/reindex.ts). Prints its totals and a cursor after every page, so a
 * run that stops can go on with --from; counts only, never a child or an address.
 */
export const reindex = async (ops: Ops, request: { dryRun: boolean; cursor?: string }): Promise<void> => {
  const table = ops.deployment.outputs.ContactsTableName;
  const years = Number(ops.deployment.outputs.ContactRetentionYears);
  if (!table || !years)
    throw new OpsError(`${ops.deployment.description} has no ContactRetentionYears output: deploy this version first`);
  const totals = await reindexMatchKeys(request, {
    index: new DynamoMatchIndex(table, ops.dynamodb, years),
    store: new DynamoContactStore(table, ops.dynamodb, years),
    addresses: new DynamoReferrerAddresses(table, ops.dynamodb, years),
    matchKey: await matchKeyOf(ops.deployment),
    progress: (progress) =>
      ops.say(
        `${line(progress, request.dryRun)}${progress.cursor ? `; to go on from here: --from ${progress.cursor}` : ''}`,
      ),
  });
  ops.say(`Done${request.dryRun ? ' (dry run: nothing written)' : ''}: ${line(totals, request.dryRun)}`);
};
