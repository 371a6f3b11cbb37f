import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { contactReplay, contactShow, dlqList, dlqRedrive, OpsError, opsFor, storedContactRecords } from './commands';
import { backfillIndex } from './backfill-match-index';
import { indexUnsettled } from './index-unsettled';
import { reindex } from './reindex';
import { DeploymentNotFound, localDeployment, stackDeployment } from './deployment';

export const OPS_USAGE = `Usage:
  front-door ops [--stack <name> [--region <region>] | --data-dir <dir>] <command>

Commands:
  dlq list                 dead letters waiting in each queue
  dlq redrive [<queue>]    move dead letters back to their queue (TriageQueue, OutcomeQueue, …)
  contact show <id>        where a contact is in the pipeline (no personal data is shown)
  contact replay <id>      run triage again for a contact that never got through it
  reindex [--dry-run] [--from <cursor>]
                           rewrite the match index under today's keyed match keys (once, after
                           deploying the version that keys them; safe to run again or resume)
  backfill-match-index [--dry-run] [--from <cursor>]
                           write every contact's match index entries again, with each child's
                           summary as it is now (contacts triaged before the index, or with old
                           summaries; safe to run again or resume)
  index-unsettled [--dry-run] [--from <cursor>]
                           put contacts stored before the stall sweeper's index into it (once,
                           after deploying the version that adds it; safe to run again or resume)

Without --stack, the commands act on the local system started by npm start (data in .data/).`;

export const runOps = async (
  argv: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        stack: { type: 'string' },
        region: { type: 'string' },
        'data-dir': { type: 'string' },
        'dry-run': { type: 'boolean' },
        from: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${OPS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(OPS_USAGE);
    return 0;
  }
  const [group, command, argument] = positionals;
  const known =
    (group === 'dlq' && (command === 'list' || command === 'redrive')) ||
    (group === 'contact' && (command === 'show' || command === 'replay') && argument) ||
    ((group === 'reindex' || group === 'backfill-match-index' || group === 'index-unsettled') && !command);
  if (!known) {
    io.stderr(`${positionals.length ? `Unknown ops command: ${positionals.join(' ')}\n\n` : ''}${OPS_USAGE}`);
    return 2;
  }
  try {
    const deployment = values.stack
      ? await stackDeployment(values.stack, values.region)
      : localDeployment(resolve(values['data-dir'] ?? '.data'));
    const ops = opsFor(deployment, io.stdout);
    if (group === 'dlq' && command === 'list') await dlqList(ops);
    if (group === 'dlq' && command === 'redrive') await dlqRedrive(ops, argument);
    if (group === 'contact' && command === 'show') await contactShow(ops, argument!);
    if (group === 'contact' && command === 'replay') await contactReplay(ops, argument!);
    if (group === 'reindex') await reindex(ops, { dryRun: values['dry-run'] ?? false, cursor: values.from });
    if (group === 'backfill-match-index')
      await backfillIndex(ops, { dryRun: values['dry-run'] ?? false, cursor: values.from });
    if (group === 'index-unsettled')
      await indexUnsettled(ops, { dryRun: values['dry-run'] ?? false, cursor: values.from });
    return 0;
  } catch (error) {
    if (error instanceof OpsError || error instanceof DeploymentNotFound) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
};

/**
 * `front-door rules diff old new --contacts store [--stack <name> | --data-dir <dir>]` replays the
 * contacts stored in a deployment: this loads them, and returns the arguments the pure diff takes.
 */
export const withStoredContacts = async (argv: string[]): Promise<{ argv: string[]; storedContacts: unknown[] }> => {
  const { values, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: { stack: { type: 'string' }, region: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const deploymentOptions = new Set(['stack', 'region', 'data-dir']);
  const rest = tokens.flatMap((token) => {
    if (token.kind === 'positional') return [token.value];
    if (token.kind === 'option' && !deploymentOptions.has(token.name))
      return token.value === undefined ? [token.rawName] : [token.rawName, token.value];
    return [];
  });
  const stack = typeof values.stack === 'string' ? values.stack : undefined;
  const region = typeof values.region === 'string' ? values.region : undefined;
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : '.data';
  const deployment = stack ? await stackDeployment(stack, region) : localDeployment(resolve(dataDir));
  return { argv: rest, storedContacts: await storedContactRecords(opsFor(deployment, () => undefined)) };
};
