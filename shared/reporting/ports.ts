import type { FactTable } from './schema';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * Runs the measures' SQL over the facts, as two tables: `contact_facts` and `theme_facts`.
 * Locally DuckDB reads the Parquet files in a directory; in AWS Athena reads them in S3 through
 * the Glue catalogue. The SQL is the same text for both: positional `?` parameters, all strings.
 * Numbers may come back as strings (Athena returns every cell as text); readers use Number().
 */
export interface FactsQuery {
  query(sql: string, params: readonly string[]): Promise<Row[]>;
}

/**
 * Where the extract writes its facts (a local directory, or S3): each run is a whole snapshot, in
 * parts, which readers see only once it is published, and then instead of the one before.
 */
export interface FactsSink {
  writePart(runId: string, table: FactTable, part: number, parquet: Buffer): Promise<void>;
  publish(runId: string): Promise<void>;
}
