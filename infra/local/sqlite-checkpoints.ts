import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints an SQLite database's write-ahead log from a thread of its own
 * (`sqlite-checkpoints-thread.ts`), for a database whose own connections have automatic
 * checkpoints switched off (`PRAGMA wal_autocheckpoint = 0`).
 *
 * Why: SQLite checkpoints on the connection whose commit takes the log past 1,000 pages, and a
 * checkpoint waits for the disk twice (fsync). fauxqs commits on the emulators' thread, so every
 * few thousand messages that thread (dynalite's requests with it) stopped for the fsyncs: usually
 * a few milliseconds, but 0.2 to 1 s while LevelDB was writing a table out, and every request in
 * flight waited (`bench:pipeline`'s slowest seconds; seen as that thread in uninterruptible sleep
 * in fsync on `fauxqs.db-wal`). Nothing about what is kept changes: commits are in the log as
 * before, and the log is copied into the database as before, by another thread.
 */
export const checkpointInAnotherThread = async (
  databaseFile: string,
  everyMs = 1000,
): Promise<{ stop(): Promise<void> }> => {
  const worker = new Worker(join(__dirname, 'sqlite-checkpoints-thread.ts'), { workerData: { databaseFile, everyMs } });
  const said = () => new Promise<string>((resolve) => worker.once('message', resolve));
  const started = await said();
  if (started !== 'started') {
    await worker.terminate();
    throw new Error(`SQLite checkpoints could not start: ${started}`);
  }
  return {
    stop: async () => {
      const stopped = said();
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
};
