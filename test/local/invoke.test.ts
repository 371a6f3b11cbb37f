import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
/** `npm run invoke -- …` as a developer types it, with the project's Node first on the PATH. */
const invoke = (...args: string[]) =>
  run(join(BIN, 'tsx'), ['infra/local/invoke.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH}` },
  });

describe('npm run invoke', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-door-invoke-'));
  let system: RunningLocalSystem;

  beforeAll(async () => {
    system = await startLocalSystem({ dataDir });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('runs one handler against one sample event, against the running local system', async () => {
    const { stdout } = await invoke('SubmitNotification', 'api/submit-notification.json', '--data-dir', dataDir);
    const result = JSON.parse(stdout);
    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body).reference).toMatch(/^CFC-/);
  }, 60_000);

  it('runs a handler named by its source file', async () => {
    const { stdout } = await invoke(
      'functions/api/submit-notification.ts',
      'api/submit-notification-invalid.json',
      '--data-dir',
      dataDir,
    );
    expect(JSON.parse(stdout).statusCode).toBe(400);
  }, 60_000);

  it('says clearly when no local system is running', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'front-door-none-'));
    try {
      await expect(
        invoke('SubmitNotification', 'api/submit-notification.json', '--data-dir', empty),
      ).rejects.toMatchObject({
        stderr: expect.stringMatching(/npm start/),
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});
