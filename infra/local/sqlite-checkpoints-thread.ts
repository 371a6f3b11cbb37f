/**
 * A thread that checkpoints fauxqs's SQLite write-ahead log, so that the emulators' thread never
 * waits for the disk (see `checkpointInAnotherThread`). It opens its own connection to the same
 * file and copies the log into the database once a second with a passive checkpoint, which takes
 * no lock a writer needs: fauxqs's commits go on meanwhile, and the log restarts from its
 * beginning once a checkpoint has copied all of it.
 */
import { parentPort, workerData } from 'node:worker_threads';

type Connection = { exec(sql: string): void; close(): void };

const { databaseFile, everyMs } = workerData as { databaseFile: string; everyMs: number };

const run = async () => {
  // This Node's type definitions predate node:sqlite (Node 22, which runs the emulators).
  const { DatabaseSync } = (await import('node:sqlite' as string)) as {
    DatabaseSync: new (path: string) => Connection;
  };
  const db = new DatabaseSync(databaseFile);
  // NORMAL: a checkpoint waits for the disk (fsync) before and after copying, here and only here.
  db.exec('PRAGMA synchronous = NORMAL');
  let failures = 0;
  const timer = setInterval(() => {
    try {
      db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Said once: the log then grows until the emulators stop, when fauxqs's own close copies it.
      if (failures++ === 0) console.error('SQS emulator: checkpoint failed:', (error as Error).message);
    }
  }, everyMs);
  parentPort!.postMessage('started');
  parentPort!.once('message', () => {
    clearInterval(timer);
    db.close();
    parentPort!.postMessage('stopped');
  });
};

run().catch((error: Error) => {
  parentPort!.postMessage(`failed: ${error.message}`);
});
