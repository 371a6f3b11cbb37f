/**
 * dynalite's LevelDB (classic-level, through `level`) reads on the emulators' thread itself.
 *
 * Why: every DynamoDB request dynalite answers reads LevelDB at least twice (the table's
 * description, then the item), and classic-level's `get` is asynchronous: each read builds a
 * worker on this thread, takes a LevelDB snapshot here (under LevelDB's database lock, which
 * writes and compactions on other threads take too), wakes a libuv threadpool thread for a lookup
 * of a few microseconds, and comes back through a second wake-up and a promise. A CPU profile of
 * a burst (`bench:pipeline`) found a fifth of this thread's time inside that `get`. classic-level
 * 3 has the same lookup synchronously (`_getSync`, behind its public `getSync`), which reads the
 * memtable or the block cache at once, without the snapshot or either hop.
 *
 * Why it is safe: it changes when a read runs, not what it reads, so dynalite answers the same.
 * `_getSync` takes the same key, encodings and explicit snapshot that `get` passes `_get`, and,
 * like the asynchronous read, sees every write completed before it: LevelDB reads its latest state
 * when no snapshot is given, and the asynchronous read took its own snapshot at the call, so a
 * write still in flight was not seen then either. dynalite's per-item locks still order its own
 * read-then-write. Writes, and so what a kill can lose, are untouched.
 *
 * What it shares with the asynchronous read: both go through LevelDB 1.20's `Version::Get`, which
 * can answer an older version of a key than iterators see (google/leveldb#320, fixed in 1.21; see
 * the README's *Left, and known limits*, and `staleReads` in test/support/census.ts).
 */
import { type ClassicLevel, DynaliteLevel } from './dynalite-level';

/** Makes every classic-level database dynalite opens in this thread read synchronously. */
export const readLevelDbOnThisThread = (): void => {
  DynaliteLevel.prototype._get = async function (this: ClassicLevel, key: unknown, options: unknown) {
    return this._getSync(key, options);
  };
};
