import { createRequire } from 'node:module';

/** What the LevelDB tests use of the classic-level database dynalite opens. */
export interface Level {
  open(): Promise<void>;
  close(): Promise<void>;
  put(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  get(key: string, options?: { snapshot?: Snapshot }): Promise<unknown>;
  snapshot(): Snapshot;
  _get(key: unknown, options: unknown): Promise<unknown>;
  _open(options: unknown): Promise<void>;
}
export interface Snapshot {
  close(): Promise<void>;
}

/** The `level` dynalite resolves (classic-level under Node), whose prototype the local runtime changes. */
export const { Level } = createRequire(require.resolve('dynalite'))('level') as {
  Level: { new (location: string, options: { valueEncoding: string }): Level; prototype: Level };
};
