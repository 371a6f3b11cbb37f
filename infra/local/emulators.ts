/**
 * Starts the third-party emulators on loopback. fauxqs is ESM-only, so it is
 * imported dynamically; this module therefore only runs under tsx, never jest.
 */
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

export interface Emulators {
  sqs: string;
  /** The same SQS server under the host name fauxqs puts in queue URLs (resolvable only in this process). */
  sqsQueueHost: string;
  dynamodb: string;
  ses: string;
  stop(): Promise<void>;
}

export async function startEmulators(dataDir: string, ports: EmulatorPorts): Promise<Emulators> {
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
    stops.push(await resolveLocalhostNames());

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
