/**
 * The Front Door stack's synthesised template, shared by every test that reads it or runs it.
 *
 * Synthesising the stack costs a fresh process 10–30 s of CPU (loading aws-cdk-lib, then building
 * some 500 resources). Every local system the tests started used to synthesise it again, as did
 * each stack test file: thirty-odd synths of the same sources in one `npm test`. Instead the first
 * test to need a stage's template synthesises it (in-process, as `infra/synth.ts` always has) into
 * a file under the OS temp dir keyed by a hash of everything the stack is built from, and every
 * later test, worker or run reads that file while the sources stay the same. A lock directory makes
 * concurrent workers wait for the one synth rather than each start their own.
 *
 * `npm start`'s own in-process synth is still run by a test: test/integration/kill-and-restart.test.ts
 * restarts the system with `synthesize: true`, as a developer's `npm start` does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
/** What the template is built from: the CDK app and stage files, the code it names, the locked packages. */
const SOURCES = ['infra', 'shared', 'functions', 'package-lock.json'];
/** A synth that has held the lock this long has died; the next test takes over. */
const STALE_LOCK_MS = 5 * 60_000;
const CACHE_ROOT = join(tmpdir(), 'front-door-synth');

export type StageName = 'local' | 'example';

const filesUnder = (path: string): string[] =>
  statSync(path).isDirectory()
    ? readdirSync(path, { withFileTypes: true })
        .filter((e) => !e.name.startsWith('.'))
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => filesUnder(join(path, e.name)))
    : [path];

/**
 * The cache folder for the sources as they are now. The repository's path is part of the key: the
 * template holds absolute asset paths, and worktrees of one repository share the temp dir.
 */
export const templateCacheDir = (): string => {
  const hash = createHash('sha256').update(REPO_ROOT);
  for (const file of SOURCES.flatMap((s) => filesUnder(join(REPO_ROOT, s)))) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return join(CACHE_ROOT, hash.digest('hex').slice(0, 24));
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Removes templates of sources last synthesised over a day ago, so edits do not fill the temp dir. */
const forgetOldSources = (current: string) => {
  for (const dir of readdirSync(CACHE_ROOT).map((name) => join(CACHE_ROOT, name))) {
    if (dir !== current && Date.now() - statSync(dir).mtimeMs > 24 * 60 * 60_000)
      rmSync(dir, { recursive: true, force: true });
  }
};

/** Whether the process holding the lock has gone (a killed run), or has held it impossibly long. */
const abandoned = (lock: string): boolean => {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (pid) {
      process.kill(pid, 0); // throws ESRCH once that process has gone
      return false;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  // No pid yet (just taken), or just released.
  const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
  return since !== undefined && Date.now() - since > STALE_LOCK_MS;
};

/** The file holding the stage's template, synthesised now unless these sources already were. */
export function stackTemplateFile(stage: StageName = 'local'): string {
  // jest's global setup hashes the sources once for the whole run; other callers hash them here.
  const dir = process.env.FRONT_DOOR_TEMPLATE_CACHE ?? templateCacheDir();
  const file = join(dir, `${stage}.template.json`);
  const lock = `${file}.lock`;
  mkdirSync(dir, { recursive: true });
  for (;;) {
    if (existsSync(file)) return file;
    try {
      mkdirSync(lock);
    } catch {
      // Another test is synthesising this stage: wait for its file, or take over a dead synth's lock.
      if (abandoned(lock)) rmSync(lock, { force: true, recursive: true });
      sleep(250);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      // Loaded only on a miss, so a test that finds the file never loads aws-cdk-lib.
      const { synthesizeTemplate } = require('../../infra/synth') as typeof import('../../infra/synth');
      const { loadStageConfig } = require('../../infra/config') as typeof import('../../infra/config');
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(synthesizeTemplate(loadStageConfig(stage))));
      renameSync(partial, file);
      forgetOldSources(dir);
      return file;
    } finally {
      rmSync(lock, { force: true, recursive: true });
    }
  }
}

/** The stage's template as JSON: a copy each call, so a test may change its own. */
export const stackTemplate = (stage: StageName = 'local'): Record<string, any> =>
  JSON.parse(readFileSync(stackTemplateFile(stage), 'utf8'));
