/**
 * `npm start`: runs Front Door on this machine from the synthesised template.
 *
 *   --data-dir <dir>    where state persists (default .data/)
 *   --ports 0           every port chosen by the OS (tests); otherwise FRONT_DOOR_*_PORT or the defaults
 *   --template <file>   run a template file instead of synthesising the Front Door stack
 */
import { resolve } from 'node:path';
import { bufferOutput } from './buffered-output';
import { READY_MARKER } from './endpoints';
import { DEFAULT_PORTS, startLocalSystem, type LocalPorts } from './system';
import { obtainTemplate, REPO_ROOT } from './source';

interface StartArgs {
  dataDir: string;
  ports: LocalPorts;
  template?: string;
}

function parseArgs(argv: string[]): StartArgs {
  const args: StartArgs = { dataDir: resolve(REPO_ROOT, '.data'), ports: portsFromEnv() };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return next;
    };
    switch (argv[i]) {
      case '--data-dir':
        args.dataDir = resolve(value());
        break;
      case '--template':
        args.template = resolve(value());
        break;
      case '--ports': {
        const port = Number(value());
        args.ports = { api: port, mailbox: port, sqs: port, dynamodb: port, sfn: port, smtp: port };
        break;
      }
      default:
        throw new Error(`Unknown option ${argv[i]} (expected --data-dir, --ports or --template)`);
    }
  }
  return args;
}

function portsFromEnv(): LocalPorts {
  const port = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name}=${raw} is not a port`);
    return parsed;
  };
  return {
    api: port('FRONT_DOOR_API_PORT', DEFAULT_PORTS.api),
    mailbox: port('FRONT_DOOR_MAILBOX_PORT', DEFAULT_PORTS.mailbox),
    sqs: port('FRONT_DOOR_SQS_PORT', DEFAULT_PORTS.sqs),
    dynamodb: port('FRONT_DOOR_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
    sfn: port('FRONT_DOOR_SFN_PORT', DEFAULT_PORTS.sfn),
    smtp: port('FRONT_DOOR_SMTP_PORT', DEFAULT_PORTS.smtp),
  };
}

/** fauxqs persists through node:sqlite, whose "experimental" warning would otherwise greet every start. */
function quietenSqliteWarning(): void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && /SQLite/.test(warning.message)) return;
    for (const print of printers) print(warning);
  });
}

async function main(): Promise<void> {
  quietenSqliteWarning();
  bufferOutput(process.stdout, { errors: process.stderr });
  const args = parseArgs(process.argv.slice(2));
  const template = await obtainTemplate(args.template);
  const system = await startLocalSystem({
    template,
    templateFile: args.template,
    repoRoot: REPO_ROOT,
    dataDir: args.dataDir,
    ports: args.ports,
  });
  const { endpoints, summary } = system;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Front Door local…`);
    system
      .stop()
      .then(() => process.exit(0))
      .catch((error: Error) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  console.log(
    [
      '',
      '┌ Front Door is running locally',
      `│ API and pages:  ${endpoints.api || '(no HTTP API in the template)'}   (open it in a browser: the start page links to everything)`,
      `│ Local mailbox:  ${endpoints.mailbox}   (emails the system sends)`,
      `│ Inbound email:  ${endpoints.smtp}   (SMTP, as SES receiving: ${summary.receiptRules.join('; ') || 'no receipt rules'})`,
      `│ Data:           ${args.dataDir}`,
      `│ ${summary.functions.length} functions, ${summary.tables.length} tables, ${summary.queues.length} queues, ` +
        `${summary.routes.length} routes, ${summary.queueMappings.length} queue consumers, ${summary.stateMachines.length} state machines`,
      '└ Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  console.log(`${READY_MARKER} ${JSON.stringify({ ...endpoints, dataDir: args.dataDir, summary })}`);
}

main().catch((error: Error) => {
  console.error(`Front Door local failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
