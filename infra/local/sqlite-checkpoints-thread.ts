/**
 * A thread that checkpoints fauxqs's SQLite write-ahead log, so that the emulators' thread never
 * waits for the disk (see `checkpointInAnotherThread`). It opens its own connection to the same
 * file and copies the log into the database once a second with a passive checkpoint, which never
 * makes a commit fail or wait for the disk: fauxqs's commits go on meanwhile. The log starts again
 * from its beginning once a checkpoint has copied all of it before the next commit, so during a
 * long burst it grows, and once the burst is over it is written from its beginning again (the file
 * keeps its size).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDatabaseSync } from './node-sqlite';

const { databaseFile, everyMs } = workerData as { databaseFile: string; everyMs: number };

const run = async () => {
  const DatabaseSync = await loadDatabaseSync();
  const db = new DatabaseSync(databaseFile);
  // NORMAL: a checkpoint waits for the disk (fsync) before and after copying, here and only here.
  db.exec('PRAGMA synchronous = NORMAL');
  let failing = false;
  const timer = setInterval(() => {
    try {
      db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      if (failing) console.error('SQS emulator: checkpoints work again');
      failing = false;
    } catch (error) {
      // Said once a spell: meanwhile the log grows, and fauxqs's own close copies it in the end.
      if (!failing) console.error('SQS emulator: checkpoint failed:', (error as Error).message);
      failing = true;
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
