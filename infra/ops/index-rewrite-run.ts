import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { OpsError, type Ops } from './commands';
import { matchKeyOf } from './deployment';

/**
 * What `ops reindex`, `ops backfill-match-index` and `ops index-unsettled` share: the deployed
 * contacts table and its retention (refused with a plain message on a stack too old to say them),
 * the match key, and a progress line after every page with the cursor a stopped run goes on from.
 * Counts only, never a child.
 */
export const indexRewriteRun = async <P extends { cursor?: string }>(
  ops: Ops,
  request: { dryRun: boolean },
  line: (progress: P, dryRun: boolean) => string,
) => {
  const table = ops.deployment.outputs.ContactsTableName;
  const years = Number(ops.deployment.outputs.ContactRetentionYears);
  if (!table || !years)
    throw new OpsError(`${ops.deployment.description} has no ContactRetentionYears output: deploy this version first`);
  return {
    table,
    years,
    index: new DynamoMatchIndex(table, ops.dynamodb, years),
    store: new DynamoContactStore(table, ops.dynamodb, years),
    matchKey: await matchKeyOf(ops.deployment),
    progress: (progress: P) =>
      ops.say(
        `${line(progress, request.dryRun)}${progress.cursor ? `; to go on from here: --from ${progress.cursor}` : ''}`,
      ),
    done: (totals: P) =>
      ops.say(`Done${request.dryRun ? ' (dry run: nothing written)' : ''}: ${line(totals, request.dryRun)}`),
  };
};
