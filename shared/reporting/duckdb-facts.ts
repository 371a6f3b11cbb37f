import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FactsQuery, Row } from './ports';
import { FACT_TABLES, type ColumnType } from './schema';

const DUCK_TYPES: Record<ColumnType, string> = { string: 'VARCHAR', int: 'INTEGER', boolean: 'BOOLEAN' };

/** The snapshot the extract last finished, named in the directory's `current` file (written last, by rename). */
export const currentSnapshot = (directory: string): string | undefined => {
  const pointer = join(directory, 'current');
  return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() || undefined : undefined;
};

const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** A view over the snapshot's Parquet files, or an empty table of the same columns before the first extract. */
const tableSql = (directory: string, snapshot: string | undefined, table: keyof typeof FACT_TABLES): string => {
  const { folder, columns } = FACT_TABLES[table];
  const dir = snapshot && join(directory, snapshot, folder);
  if (dir && existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.parquet'))) {
    return `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${quoted(join(dir, '*.parquet'))})`;
  }
  return `CREATE OR REPLACE TABLE ${table} (${Object.entries(columns)
    .map(([name, type]) => `${name} ${DUCK_TYPES[type]}`)
    .join(', ')})`;
};

const plain = (value: unknown): Row[string] => (typeof value === 'bigint' ? Number(value) : (value as Row[string]));

/**
 * The measures' SQL over the extract's Parquet files in a local directory, with DuckDB embedded
 * in the process: what Athena does in AWS. Each query reads the latest finished snapshot.
 */
export const duckDbFacts = (directory: string): FactsQuery & { close(): void } => {
  let connection: Promise<DuckDBConnection> | undefined;
  let instance: DuckDBInstance | undefined;
  // The tables are made again when a new snapshot is published; queries running at once share one refresh.
  let views: { snapshot: string | undefined; ready: Promise<void> } | undefined;
  const connect = () =>
    (connection ??= DuckDBInstance.create(':memory:').then((db) => {
      instance = db;
      return db.connect();
    }));
  const refresh = (db: DuckDBConnection) => {
    const snapshot = currentSnapshot(directory);
    if (views?.snapshot !== snapshot || !views) {
      views = {
        snapshot,
        ready: (async () => {
          for (const table of Object.keys(FACT_TABLES) as (keyof typeof FACT_TABLES)[])
            await db.run(tableSql(directory, snapshot, table));
        })(),
      };
    }
    return views.ready;
  };
  return {
    async query(sql, params) {
      const db = await connect();
      await refresh(db);
      const statement = await db.prepare(sql);
      statement.bind([...params]);
      const reader = await statement.runAndReadAll();
      return reader
        .getRowObjectsJS()
        .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
    },
    close() {
      void connection?.then((c) => c.closeSync());
      instance?.closeSync();
    },
  };
};
