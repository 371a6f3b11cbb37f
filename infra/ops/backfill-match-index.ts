import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { backfillMatchIndex, type BackfillProgress } from '../../shared/front-door/backfill-match-index';
import { OpsError, type Ops } from './commands';
import { matchKeyOf } from './deployment';

const line = ({ contacts, indexed, entries, skipped }: BackfillProgress, dryRun: boolean) =>
  `${contacts} contacts read; ${indexed} ${dryRun ? 'to index' : 'indexed'} (${entries} entries ${dryRun ? 'to write' : 'written'}); ${skipped} not yet a notification`;

/**
 * `front-door ops backfill-match-index [--dry-run] [--from <cursor>]`: every contact's match index
 * entries written again with its children's summaries as they are now
 * (shared/front-door/backfill-match-index.ts). Prints its totals and a cursor after every page,
 * so a run that stops can go on with --from; counts only, never a child.
 */
export const backfillIndex = async (ops: Ops, request: { dryRun: boolean; cursor?: string }): Promise<void> => {
  const table = ops.deployment.outputs.ContactsTableName;
  const years = Number(ops.deployment.outputs.ContactRetentionYears);
  if (!table || !years)
    throw new OpsError(`${ops.deployment.description} has no ContactRetentionYears output: deploy this version first`);
  const totals = await backfillMatchIndex(request, {
    index: new DynamoMatchIndex(table, ops.dynamodb, years),
    store: new DynamoContactStore(table, ops.dynamodb, years),
    matchKey: await matchKeyOf(ops.deployment),
    progress: (progress) =>
      ops.say(
        `${line(progress, request.dryRun)}${progress.cursor ? `; to go on from here: --from ${progress.cursor}` : ''}`,
      ),
  });
  ops.say(`Done${request.dryRun ? ' (dry run: nothing written)' : ''}: ${line(totals, request.dryRun)}`);
};
