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
 * in fsync on `fauxqs.db-wal`). The log is still copied into the database, and synced when it is,
 * by this other thread.
 *
 * The thread is the emulators' helper, not their master: if it fails, checkpoints stop (said on
 * standard error, and the log then grows until fauxqs's own close copies it), and nothing else
 * does; if it cannot start, the emulators do not start either, saying why; `stop` returns within a few seconds whatever state the thread is in.
 */
export const checkpointInAnotherThread = async (
  databaseFile: string,
  everyMs = 1000,
): Promise<{ stop(): Promise<void> }> => {
  const worker = new Worker(join(__dirname, 'sqlite-checkpoints-thread.ts'), { workerData: { databaseFile, everyMs } });
  let ended = false;
  const exited = new Promise<string>((resolve) =>
    worker.once('exit', () => {
      ended = true;
      resolve('exited');
    }),
  );
  worker.on('error', (error) => console.error('SQS emulator: the checkpoints thread failed:', error.message));
  const said = () => Promise.race([new Promise<string>((resolve) => worker.once('message', resolve)), exited]);
  const started = await said();
  if (started !== 'started') {
    await worker.terminate();
    throw new Error(`SQLite checkpoints could not start: ${started}`);
  }
  // The emulators' thread ends when it is told to stop, with or without this one.
  worker.unref();
  return {
    stop: async () => {
      if (ended) return;
      const stopped = said();
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await worker.terminate();
    },
  };
};
