/** dynalite's LevelDB read on the emulators' thread answers as classic-level's own asynchronous get. */
import { join } from 'node:path';
import { readLevelDbOnThisThread } from '../../infra/local/leveldb-reads';
import { Level, useLevelDbFolder } from '../support/dynalite-level';

describe('reading LevelDB on the emulators thread', () => {
  const dir = useLevelDbFolder('front-door-leveldb-reads-', '_get');
  const asynchronousGet = Level.prototype._get;

  it('reads what was written, nothing for a missing or deleted key, and what a snapshot holds', async () => {
    // Prepare: dynalite's own encoding, before the change and after it
    readLevelDbOnThisThread();
    const db = new Level(join(dir, 'db'), { valueEncoding: 'json' });
    await db.open();
    await db.put('item-contacts~a', { pk: { S: 'a' }, note: { S: 'first' } });
    await db.put('item-contacts~gone', { pk: { S: 'gone' } });
    await db.del('item-contacts~gone');
    const snapshot = db.snapshot();
    await db.put('item-contacts~a', { pk: { S: 'a' }, note: { S: 'second' } });

    // Act
    const read = await db.get('item-contacts~a');
    const missing = await db.get('item-contacts~never');
    const deleted = await db.get('item-contacts~gone');
    const before = await db.get('item-contacts~a', { snapshot });

    // Assess
    expect(Level.prototype._get).not.toBe(asynchronousGet);
    expect(read).toEqual({ pk: { S: 'a' }, note: { S: 'second' } });
    expect(missing).toBeUndefined();
    expect(deleted).toBeUndefined();
    expect(before).toEqual({ pk: { S: 'a' }, note: { S: 'first' } });
    await snapshot.close();
    await db.close();
  });
});
