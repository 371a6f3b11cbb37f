/**
 * Runs the local system as a child process for jest (fauxqs is ESM-only, so it
 * cannot load inside jest's CommonJS runtime). Tests reach it over HTTP and the
 * AWS SDK only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { READY_MARKER, type LocalEndpoints } from '../../infra/local/endpoints';
import type { LocalSystemSummary } from '../../infra/local/system';
import { stackTemplateFile } from './stack-template';

const REPO_ROOT = resolve(__dirname, '../..');
const BIN = join(REPO_ROOT, 'node_modules', '.bin');
const START_ENTRY = 'infra/local/start.ts';

/**
 * The Node flags `npm start` gives the system (package.json's start script, `tsx <flags> entry`),
 * so a system started here runs as a developer's does, from one definition.
 */
export function startScriptNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [runner, ...rest] = (scripts.start ?? '').trim().split(/\s+/);
  const flags = rest.slice(0, -1);
  if (runner !== 'tsx' || rest.at(-1) !== START_ENTRY || flags.some((flag) => !/^--?[\w-]+(=[^\s'"]*)?$/.test(flag)))
    throw new Error(
      `package.json's start script should be "tsx [node flags] ${START_ENTRY}", not "${scripts.start ?? '(none)'}"`,
    );
  return flags;
}

export interface StartOptions {
  /** A template file to run instead of the Front Door stack. */
  template?: string;
  /**
   * Have the system synthesise the Front Door stack itself, as `npm start` does. Otherwise it runs
   * the stack's template synthesised once for the whole test run (see stack-template.ts).
   */
  synthesize?: boolean;
  /** Reuse a data dir (e.g. to test a restart); by default a fresh temp dir, removed on stop. */
  dataDir?: string;
  readyTimeoutMs?: number;
  /**
   * Flags for the system's Node process beside `npm start`'s own, e.g. `--cpu-prof` to profile it
   * (`npm run bench:pipeline` with BENCH_PROFILE).
   */
  nodeFlags?: string[];
}

export interface MailboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface RunningLocalSystem {
  endpoints: LocalEndpoints;
  /** What the template gave the system: functions, tables, queues, routes, state machine names. */
  summary: LocalSystemSummary;
  dataDir: string;
  /** Everything the system logged so far (ids, routes and counts only). */
  output(): string;
  /** Config for SDK clients in the test: `new SQSClient(system.clientConfig('sqs'))`. */
  clientConfig(service: 'sqs' | 'dynamodb' | 'sfn' | 'ses' | 's3'): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  mailbox(): Promise<MailboxEmail[]>;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a pulled plug: nothing is flushed or stopped cleanly; the data dir stays. */
  kill(): Promise<void>;
}

export async function startLocalSystem(options: StartOptions = {}): Promise<RunningLocalSystem> {
  const nodeFlags = [...startScriptNodeFlags(), ...(options.nodeFlags ?? [])];
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'front-door-local-'));
  const args = [...nodeFlags, START_ENTRY, '--data-dir', dataDir, '--ports', '0'];
  const template = options.template ?? (options.synthesize ? undefined : stackTemplateFile('local'));
  if (template) args.push('--template', template);

  const child = spawn(join(BIN, 'tsx'), args, {
    cwd: REPO_ROOT,
    // tsx runs on the first `node` on PATH; the project's Node 22 (needed by fauxqs) lives in node_modules/.bin.
    // The suites post far more than a referrer would from one address; the limiter has unit tests.
    env: {
      FRONT_DOOR_RATE_LIMIT_PER_MINUTE: '1000000',
      ...process.env,
      PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`,
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const ready = await new Promise<LocalEndpoints & { summary: LocalSystemSummary }>((resolveReady, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      kill(child, 'SIGKILL');
      reject(new Error(`Local system did not start: ${reason}\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`));
    };
    const timer = setTimeout(() => fail('timed out waiting for the ready line'), options.readyTimeoutMs ?? 150_000);
    const onExit = (code: number | null, signal: string | null) => fail(`exited with ${signal ?? code}`);
    child.once('exit', onExit);
    // Only until the ready line: left on, every later chunk would split the whole output so far,
    // a cost that grows with the run (the pipeline benchmark's load generator spent its cores on it).
    const onData = () => {
      const line = stdout.split('\n').find((l) => l.startsWith(`${READY_MARKER} `));
      if (!line) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolveReady(JSON.parse(line.slice(READY_MARKER.length + 1)) as LocalEndpoints & { summary: LocalSystemSummary });
    };
    child.stdout!.on('data', onData);
  });

  const { summary, ...endpoints } = ready;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return {
    // Kept on endpoints too, for callers that read it from the ready line's shape.
    endpoints: { ...endpoints, summary } as LocalEndpoints,
    summary,
    dataDir,
    output: () => stdout,
    clientConfig: (service) => ({ endpoint: endpoints[service], region: endpoints.region, credentials }),
    mailbox: async () => {
      const response = await fetch(`${endpoints.mailbox}/store`);
      return ((await response.json()) as { emails: MailboxEmail[] }).emails;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        kill(child, 'SIGTERM');
        const timer = setTimeout(() => kill(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      kill(child, 'SIGKILL');
      await exited;
    },
  };
}

/** The child leads its own process group, so tsx's inner node process gets the signal too. */
function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/**
 * One local system for a whole test file: started before its first test, stopped after its
 * last. Read `system` inside hooks and tests, once it has started.
 */
export function useLocalSystem(options: StartOptions = {}): { system: RunningLocalSystem } {
  const handle = {} as { system: RunningLocalSystem };
  beforeAll(async () => {
    handle.system = await startLocalSystem(options);
  }, 180_000);
  afterAll(() => handle.system?.stop(), 60_000);
  return handle;
}
