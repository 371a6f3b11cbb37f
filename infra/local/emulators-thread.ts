/**
 * The emulators' own thread (see `startEmulators`): starts them, reports their addresses, and
 * stops them when the main thread says so.
 */
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import startSes from 'aws-ses-v2-local';
import type { EmulatorPorts, Emulators, EmulatorThreadMessage } from './emulators';
import { readLevelDbOnThisThread } from './leveldb-reads';
import { bufferLevelDbWritesOnThisThread } from './leveldb-write-buffer';
import { watchListeningServers } from './listening-servers';
import { persistMailbox } from './mailbox';
import { closeServer, keepListeningOnLoopback, listen, LOOPBACK } from './net';
import { loadDatabaseSync, type SqliteConnection } from './node-sqlite';
import { answerEmulatorRequests } from './socketless-http';
import { checkpointInAnotherThread } from './sqlite-checkpoints';
import { REGION } from './template';

/**
 * fauxqs keeps its queues in SQLite in write-ahead-log mode with SQLite's default
 * `synchronous = FULL`, which waits for the disk (fsync) at every commit, and every SendMessage,
 * receive and delete is a commit of its own: about 8 ms each on these machines, during which
 * this thread (dynalite too) does nothing else. Here its connections never wait for the disk:
 * - `synchronous = OFF`: a commit is in the log, in the operating system's hands, when the call
 *   returns, so a crash or kill of the process loses nothing (the kill-and-restart tests). `NORMAL`
 *   also commits without an fsync, but still syncs the log's header each time the log starts
 *   again from its beginning after a checkpoint, here every second or so.
 * - `wal_autocheckpoint = 0`: checkpoints, which wait for the disk twice, run in a thread of their
 *   own (sqlite-checkpoints.ts), whose connection keeps `NORMAL`, so everything checkpointed is on
 *   the disk first.
 * Only an operating system crash or a power cut could lose the last moments' messages, as it
 * could dynalite's LevelDB writes, which never wait for the disk (SQLite's documentation warns
 * that one could even leave the file unreadable: delete `.data/sqs` to start the queues afresh);
 * the sweeper queues again any contact left `received`. fauxqs opens its database itself, so
 * every connection this thread opens gets the settings before its first statement (node:sqlite
 * is used by nothing else here).
 */
const commitWithoutWaitingForTheDisk = async () => {
  const DatabaseSync = await loadDatabaseSync();
  const exec = DatabaseSync.prototype.exec;
  const set = new WeakSet<SqliteConnection>();
  DatabaseSync.prototype.exec = function (this: SqliteConnection, sql: string) {
    if (!set.has(this)) {
      set.add(this);
      exec.call(this, 'PRAGMA synchronous = OFF');
      exec.call(this, 'PRAGMA wal_autocheckpoint = 0');
    }
    return exec.call(this, sql);
  };
};

/** Starts the emulators in this thread. */
async function runEmulators(dataDir: string, ports: EmulatorPorts): Promise<Emulators> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => console.error('emulator stop failed:', error));
  };
  try {
    const dynamoDir = join(dataDir, 'dynamodb');
    mkdirSync(dynamoDir, { recursive: true });
    readLevelDbOnThisThread();
    bufferLevelDbWritesOnThisThread();
    // Tables become ACTIVE at once: start-up creates them and nothing local needs the CREATING phase.
    const dynamo = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoPort = await listen(dynamo, ports.dynamodb);
    stops.push(() => closeServer(dynamo));

    await commitWithoutWaitingForTheDisk();
    const { startFauxqs } = await import('fauxqs');
    const sqsDir = join(dataDir, 'sqs');
    mkdirSync(sqsDir, { recursive: true });
    keepListeningOnLoopback();
    const fauxqs = await startFauxqs({ port: ports.sqs, logger: false, defaultRegion: REGION, dataDir: sqsDir });
    stops.push(() => fauxqs.stop());
    const checkpoints = await checkpointInAnotherThread(join(sqsDir, 'fauxqs.db'));
    stops.push(() => checkpoints.stop());

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

const { dataDir, ports, requests } = workerData as { dataDir: string; ports: EmulatorPorts; requests: MessagePort };
// The handlers' SDK requests arrive here without sockets (sdk-in-process.ts); each emulator also keeps its port.
answerEmulatorRequests(requests, watchListeningServers());
const say = (message: EmulatorThreadMessage) => parentPort!.postMessage(message);

runEmulators(dataDir, ports).then(
  ({ stop, ...started }) => {
    say({ started });
    parentPort!.once('message', () => {
      void stop().then(() => {
        say({ stopped: true });
        // Ends this thread only; idle keep-alive timers in the emulators would otherwise hold it open.
        process.exit(0);
      });
    });
  },
  (error: Error) => {
    say({ failed: error.message });
    process.exit(1);
  },
);
