/**
 * dynalite's LevelDB (classic-level, through `level`) keeps 64 MB of writes in memory before it
 * writes them out as a sorted table, instead of LevelDB's default 4 MB.
 *
 * Why: every contact is written several times over (the item and each index that holds it), so a
 * burst fills 4 MB within a couple of thousand notifications, and from then on LevelDB writes a
 * table out every few seconds and merges tables (compaction) on background threads, which on a
 * laptop's two cores take their turn from the handlers and the emulators. Measured side by side
 * (N=3000 bench:pipeline runs): the time a POST spent inside the system rose from about 110 ms to
 * about 190 ms once compaction began, and stayed near 110 ms with 64 MB; libuv's and LevelDB's
 * threads took 3.0 ms of CPU a contact against 5.0 to 5.3 ms. dynalite passes no options of its
 * own to LevelDB, so they are given where the database opens.
 *
 * Why it is safe: every write still goes to LevelDB's log file before the call returns, as before
 * (unsynced, as before), so a kill loses nothing more; a restart replays up to 64 MB of log, a
 * second or so. At most two such buffers (one being written out) are held in memory.
 */
import { type ClassicLevel, DynaliteLevel } from './dynalite-level';

/** How much LevelDB holds in memory before writing a sorted table: 64 MB. */
export const WRITE_BUFFER_BYTES = 64 * 1024 * 1024;

/** Makes every classic-level database dynalite opens in this thread buffer 64 MB of writes. */
export const bufferLevelDbWritesOnThisThread = (): void => {
  const open = DynaliteLevel.prototype._open;
  DynaliteLevel.prototype._open = function (this: ClassicLevel, options: Record<string, unknown>) {
    return open.call(this, { writeBufferSize: WRITE_BUFFER_BYTES, ...options });
  };
};
