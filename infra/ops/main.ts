import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { contactReplay, contactShow, dlqList, dlqRedrive, OpsError, opsFor } from './commands';
import { DeploymentNotFound, localDeployment, stackDeployment } from './deployment';

export const OPS_USAGE = `Usage:
  front-door ops [--stack <name> [--region <region>] | --data-dir <dir>] <command>

Commands:
  dlq list                 dead letters waiting in each queue
  dlq redrive [<queue>]    move dead letters back to their queue (TriageQueue, OutcomeQueue, …)
  contact show <id>        where a contact is in the pipeline (no personal data is shown)
  contact replay <id>      run triage again for a contact that never got through it

Without --stack, the commands act on the local system started by npm start (data in .data/).`;

export const runOps = async (argv: string[], io: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { stack: { type: 'string' }, region: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  const known = (group === 'dlq' && (command === 'list' || command === 'redrive')) || (group === 'contact' && (command === 'show' || command === 'replay') && argument);
  if (!known) {
    io.stderr(`${positionals.length ? `Unknown ops command: ${positionals.join(' ')}\n\n` : ''}${OPS_USAGE}`);
    return 2;
  }
  try {
    const deployment = values.stack ? await stackDeployment(values.stack, values.region) : localDeployment(resolve(values['data-dir'] ?? '.data'));
    const ops = opsFor(deployment, io.stdout);
    if (group === 'dlq' && command === 'list') await dlqList(ops);
    if (group === 'dlq' && command === 'redrive') await dlqRedrive(ops, argument);
    if (group === 'contact' && command === 'show') await contactShow(ops, argument!);
    if (group === 'contact' && command === 'replay') await contactReplay(ops, argument!);
    return 0;
  } catch (error) {
    if (error instanceof OpsError || error instanceof DeploymentNotFound) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
};
