import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * fauxqs's write-ahead log is checkpointed by a thread of its own (infra/local/sqlite-checkpoints.ts),
 * never by the emulators' thread that commits. node:sqlite needs the project's Node 22, so the
 * test runs as a script under the project's tsx.
 */
const ROOT = resolve(__dirname, '..', '..');

const script = `
(async () => {
  const { mkdtempSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { DatabaseSync } = await import('node:sqlite');
  const { checkpointInAnotherThread } = await import('./infra/local/sqlite-checkpoints');
  const file = join(mkdtempSync(join(tmpdir(), 'front-door-checkpoints-')), 'queues.db');
  const db = new DatabaseSync(file);
  for (const pragma of ['journal_mode = WAL', 'synchronous = OFF', 'wal_autocheckpoint = 0']) db.exec('PRAGMA ' + pragma);
  db.exec('CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO messages (body) VALUES (?)');
  for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
  const before = statSync(file).size;
  const checkpoints = await checkpointInAnotherThread(file, 20);
  await new Promise((wait) => setTimeout(wait, 500));
  for (let i = 0; i < 100; i++) insert.run('y');
  const after = statSync(file).size;
  await checkpoints.stop();
  const rows = db.prepare('SELECT count(*) AS n FROM messages').get().n;
  db.close();
  console.log(JSON.stringify({ before, after, rows }));
})();
`;

const cannotStart = `
(async () => {
  const { checkpointInAnotherThread } = await import('./infra/local/sqlite-checkpoints');
  await checkpointInAnotherThread('/nonexistent-folder-for-front-door/queues.db').then(
    () => console.log('started'),
    (error) => console.log(error.message),
  );
})();
`;

const runScript = async (text: string) =>
  (await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['--eval', text], { cwd: ROOT })).stdout;

describe('checkpoints of an SQLite log in another thread', () => {
  it('copy what the writer committed into the database while the writer goes on committing', async () => {
    // Act
    const stdout = await runScript(script);

    // Assess: a megabyte committed with the writer's own checkpoints off stays in the log until
    // the other thread copies it; the writer's later commits are all there.
    const { before, after, rows } = JSON.parse(stdout) as { before: number; after: number; rows: number };
    expect(before).toBeLessThan(64 * 1024);
    expect(after).toBeGreaterThan(1_000_000);
    expect(rows).toBe(2100);
  });

  it('that cannot start say why, so the emulators do not start without them', async () => {
    // Act
    const stdout = await runScript(cannotStart);

    // Assess
    expect(stdout.trim()).toMatch(/^SQLite checkpoints could not start: failed: .*unable to open database/);
  });
});
