import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClassicLevel, DynaliteLevel } from '../../infra/local/dynalite-level';

/** What the LevelDB tests use of the classic-level database dynalite opens. */
export interface Level extends ClassicLevel {
  open(): Promise<void>;
  close(): Promise<void>;
  put(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  get(key: string, options?: { snapshot?: Snapshot }): Promise<unknown>;
  snapshot(): Snapshot;
}
export interface Snapshot {
  close(): Promise<void>;
}

/** The `level` dynalite resolves, whose prototype the local runtime changes (infra/local/dynalite-level.ts). */
export const Level = DynaliteLevel as unknown as {
  new (location: string, options: { valueEncoding: string }): Level;
  prototype: Level;
};

/**
 * For one test file: a folder for its databases, removed after it, and the prototype method the
 * runtime changes (`changed`) put back after it, so no other file sees the change.
 */
export const useLevelDbFolder = (prefix: string, changed: keyof ClassicLevel): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const original = Level.prototype[changed];
  afterAll(() => {
    (Level.prototype as unknown as Record<string, unknown>)[changed] = original;
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
};
