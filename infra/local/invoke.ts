/**
 * `npm run invoke -- <function> <event.json> [--data-dir <dir>]`: runs one handler
 * once, with the environment the template gives it, against the running local
 * system (`npm start`). Prints the result as JSON on stdout; logs go to stderr.
 *
 * <function> is a logical id, a case-insensitive part of one, or the entry path.
 * <event.json> is a path, or a file name inside events/.
 *
 * It refuses to run without a local system rather than starting throwaway
 * emulators: a handler run against empty tables and queues that vanish on
 * exit says little about how it behaves, and its writes could not be inspected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveLocalhostNames } from './emulators';
import { localDataEnvironment, readLiveEndpoints, sdkEnvironment } from './endpoints';
import { describeFunctions, findFunction, LambdaInvoker } from './lambda';
import { obtainTemplate, REPO_ROOT } from './source';
import { applyEnvironment, withLocalLimits } from './system';
import { LocalDeployment } from './template';

const USAGE = 'Usage: npm run invoke -- <function> <event.json> [--data-dir <dir>]';

function parseArgs(argv: string[]): { fn: string; eventFile: string; dataDir: string } {
  const positional: string[] = [];
  let dataDir = resolve(REPO_ROOT, '.data');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir' && argv[i + 1]) dataDir = resolve(argv[++i]!);
    else positional.push(argv[i]!);
  }
  if (positional.length !== 2) throw new Error(USAGE);
  return { fn: positional[0]!, eventFile: positional[1]!, dataDir };
}

function readEvent(file: string): unknown {
  const candidates = [resolve(file), resolve(REPO_ROOT, 'events', file)];
  const found = candidates.find(existsSync);
  if (!found) throw new Error(`Event file ${file} not found (looked in . and events/)`);
  return JSON.parse(readFileSync(found, 'utf8'));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const live = readLiveEndpoints(args.dataDir);
  if (!live) {
    throw new Error(
      `No local system is running for ${args.dataDir}. Start one with \`npm start\` in another terminal, then retry.`,
    );
  }
  const event = readEvent(args.eventFile);
  const template = await obtainTemplate(live.template);
  const deployment = new LocalDeployment(template, { sqs: live.endpoints.sqsQueueHost, apis: live.endpoints.apis });
  const fn = withLocalLimits(findFunction(describeFunctions(deployment, REPO_ROOT).functions, args.fn, REPO_ROOT));
  applyEnvironment({ ...sdkEnvironment(live.endpoints), ...localDataEnvironment(args.dataDir) });
  await resolveLocalhostNames();
  const invoker = new LambdaInvoker([fn], (line) => console.error(line));
  // Handlers log to stdout (as Lambda expects); here stdout is for the result alone, so that it
  // can be piped, and the handler's logs go to stderr while it runs.
  const stdoutWrite = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  let output: unknown;
  try {
    output = (await invoker.invoke(fn, event, 'request')) ?? null;
  } catch (error) {
    const { name, message } = error as Error;
    output = { errorType: name, errorMessage: message };
    process.exitCode = 1;
  } finally {
    process.stdout.write = stdoutWrite;
  }
  console.log(JSON.stringify(output, null, 2));
}

main()
  // Handlers may leave SDK sockets open; a one-shot command should not wait for them.
  .then(() => process.exit())
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(2);
  });
