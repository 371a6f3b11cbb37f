/** dynalite's LevelDB on the emulators' thread holds 64 MB of writes before writing a table out. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bufferLevelDbWritesOnThisThread, WRITE_BUFFER_BYTES } from '../../infra/local/leveldb-write-buffer';
import { Level, useLevelDbFolder } from '../support/dynalite-level';

/** LevelDB's sorted tables in a database's folder: none until a write buffer is written out. */
const tables = (location: string) => readdirSync(location).filter((file) => file.endsWith('.ldb'));
const until = async (met: () => boolean) => {
  for (let polls = 0; polls < 100 && !met(); polls++) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** About 8 MB of items shaped as dynalite stores them, twice LevelDB's default buffer. */
const writeEightMegabytes = async (db: Level) => {
  const note = 'x'.repeat(10_000);
  for (let i = 0; i < 800; i++) await db.put(`item-contacts~${i}`, { pk: { S: String(i) }, note: { S: note } });
};

describe("LevelDB's write buffer on the emulators' thread", () => {
  const dir = useLevelDbFolder('front-door-leveldb-buffer-', '_open');

  it('writes no table out for 8 MB of items, which the default 4 MB writes out, and reads them back', async () => {
    // Prepare: a database as dynalite opens one, before the change and after it
    const before = new Level(join(dir, 'before'), { valueEncoding: 'json' });
    await before.open();
    await writeEightMegabytes(before);
    await until(() => tables(join(dir, 'before')).length > 0);
    bufferLevelDbWritesOnThisThread();
    const after = new Level(join(dir, 'after'), { valueEncoding: 'json' });

    // Act
    await after.open();
    await writeEightMegabytes(after);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Assess
    expect(WRITE_BUFFER_BYTES).toBe(64 * 1024 * 1024);
    expect(tables(join(dir, 'before')).length).toBeGreaterThan(0);
    expect(tables(join(dir, 'after'))).toEqual([]);
    expect(await after.get('item-contacts~799')).toMatchObject({ pk: { S: '799' } });
    await before.close();
    await after.close();
  });
});
