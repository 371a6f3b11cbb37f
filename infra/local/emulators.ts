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
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { sendSdkRequestsInProcess } from './sdk-in-process';

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
  const requests = new MessageChannel();
  const worker = new Worker(join(__dirname, 'emulators-thread.ts'), {
    workerData: { dataDir, ports, requests: requests.port2 },
    transferList: [requests.port2],
  });
  const exited = new Promise<void>((resolveExit) => worker.once('exit', () => resolveExit()));
  const addresses = await new Promise<EmulatorAddresses>((resolveStart, reject) => {
    worker.once('error', reject);
    void exited.then(() => reject(new Error("The emulators' thread ended before it started them")));
    worker.once('message', (message: EmulatorThreadMessage) => {
      if ('started' in message) resolveStart(message.started);
      else
        reject(
          new Error('failed' in message ? message.failed : "The emulators' thread stopped before it started them"),
        );
    });
  }).catch(async (error: Error) => {
    await worker.terminate();
    throw error;
  });
  const restoreNames = await resolveLocalhostNames();
  const { dynamodb, sqs, ses } = addresses;
  // The handlers reach the emulators through the port; other processes still use the addresses above.
  const backToHttp = sendSdkRequestsInProcess(
    requests.port1,
    [dynamodb, sqs, ses].map((address) => Number(new URL(address).port)),
  );
  return {
    ...addresses,
    stop: async () => {
      backToHttp();
      await restoreNames();
      worker.postMessage('stop');
      await exited;
    },
  };
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
