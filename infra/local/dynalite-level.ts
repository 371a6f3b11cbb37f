import { createRequire } from 'node:module';

/** What the local runtime changes of the database class dynalite opens. */
export interface ClassicLevel {
  _get(key: unknown, options: unknown): Promise<unknown>;
  _getSync(key: unknown, options: unknown): unknown;
  _open(options: Record<string, unknown>): Promise<void>;
}

/**
 * The `level` dynalite resolves (classic-level under Node), not one this project depends on. A
 * change to its prototype reaches every database dynalite opens afterwards in the same thread.
 */
export const { Level: DynaliteLevel } = createRequire(require.resolve('dynalite'))('level') as {
  Level: { prototype: ClassicLevel };
};
