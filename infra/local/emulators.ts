/**
 * Starts the third-party emulators on loopback, in a thread of their own. fauxqs is ESM-only, so
 * it is imported dynamically; this module therefore only runs under tsx, never jest.
 *
 * Why a thread: the handlers, the state machines and the HTTP API share the main thread's event
 * loop, and a profile of a burst found a quarter of it spent inside dynalite (request parsing,
 * reading each table's description from LevelDB, and the main thread waiting on LevelDB's lock)
 * and more in fauxqs's synchronous SQLite writes. In their own thread they run on another core,
 * and the callers' requests no longer queue behind the emulators' work.
 */
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';
import startSes from 'aws-ses-v2-local';
import { persistMailbox } from './mailbox';
import { closeServer, listen, LOOPBACK } from './net';
import { REGION } from './template';

export interface EmulatorPorts {
  sqs: number;
  dynamodb: number;
  mailbox: number;
}

export interface EmulatorAddresses {
  sqs: string;
  /** The same SQS server under the host name fauxqs puts in queue URLs (resolvable only in this process). */
  sqsQueueHost: string;
  dynamodb: string;
  ses: string;
}

export interface Emulators extends EmulatorAddresses {
  stop(): Promise<void>;
}

/** What the emulators' thread says: its addresses once listening, or why it could not start. */
export type EmulatorThreadMessage = { started: EmulatorAddresses } | { failed: string } | { stopped: true };

/** Starts the emulators in their own thread (`emulators-thread.ts`); stop() ends the thread. */
export async function startEmulators(dataDir: string, ports: EmulatorPorts): Promise<Emulators> {
  const worker = new Worker(join(__dirname, 'emulators-thread.ts'), { workerData: { dataDir, ports } });
  const exited = new Promise<void>((resolveExit) => worker.once('exit', () => resolveExit()));
  const addresses = await new Promise<EmulatorAddresses>((resolveStart, reject) => {
    worker.once('error', reject);
    void exited.then(() => reject(new Error('The emulators\' thread ended before it started them')));
    worker.once('message', (message: EmulatorThreadMessage) => {
      if ('started' in message) resolveStart(message.started);
      else reject(new Error('failed' in message ? message.failed : 'The emulators\' thread stopped before it started them'));
    });
  }).catch(async (error: Error) => {
    await worker.terminate();
    throw error;
  });
  const restoreNames = await resolveLocalhostNames();
  return {
    ...addresses,
    stop: async () => {
      await restoreNames();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/** Starts the emulators in the calling thread (the emulators' thread calls this). */
export async function runEmulators(dataDir: string, ports: EmulatorPorts): Promise<Emulators> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => console.error('emulator stop failed:', error));
  };
  try {
    const dynamoDir = join(dataDir, 'dynamodb');
    mkdirSync(dynamoDir, { recursive: true });
    // Tables become ACTIVE at once: start-up creates them and nothing local needs the CREATING phase.
    const dynamo = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoPort = await listen(dynamo, ports.dynamodb);
    stops.push(() => closeServer(dynamo));

    const { startFauxqs } = await import('fauxqs');
    const sqsDir = join(dataDir, 'sqs');
    mkdirSync(sqsDir, { recursive: true });
    const fauxqs = await startFauxqs({ port: ports.sqs, logger: false, defaultRegion: REGION, dataDir: sqsDir });
    stops.push(() => fauxqs.stop());

    const ses = await startSes({ host: LOOPBACK, port: ports.mailbox });
    const sesAddress = ses.address() as AddressInfo | null;
    // aws-ses-v2-local resolves even when listen fails, leaving an unbound server.
    if (!sesAddress) throw new Error(`Could not listen on ${LOOPBACK}:${ports.mailbox} for the mailbox (port in use?)`);
    stops.push(() => closeServer(ses));
    stops.push(persistMailbox(dataDir));

    return {
      sqs: `http://${LOOPBACK}:${fauxqs.port}`,
      sqsQueueHost: `http://sqs.${REGION}.localhost:${fauxqs.port}`,
      dynamodb: `http://${LOOPBACK}:${dynamoPort}`,
      ses: `http://${LOOPBACK}:${sesAddress.port}`,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * fauxqs's queue URLs (from CreateQueue, GetQueueUrl...) name the host `sqs.<region>.localhost`,
 * and the SDK sends requests to a queue URL's host rather than the configured endpoint. That name
 * does not resolve everywhere, so resolve `*.localhost` to loopback for the handlers in this process.
 */
export async function resolveLocalhostNames(): Promise<() => Promise<void>> {
  const { interceptLocalhostDns } = await import('fauxqs');
  const restore = interceptLocalhostDns();
  return async () => restore();
}
