import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { FactsQuery, Row } from '../reporting/ports';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Athena's execution parameters are SQL literals: every measure parameter is a string. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The measures' SQL in Athena, over the Glue tables the extract publishes, in the analytics
 * workgroup (whose settings enforce KMS-encrypted results and a scan limit per query).
 */
export class AthenaFactsQuery implements FactsQuery {
  constructor(
    private readonly workGroup: string,
    private readonly database: string,
    private readonly athena = new AthenaClient({}),
    private readonly timeoutMs = 12_000,
  ) {}

  async query(sql: string, params: readonly string[]): Promise<Row[]> {
    const { QueryExecutionId } = await this.athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.workGroup,
        QueryExecutionContext: { Database: this.database },
        ExecutionParameters: params.length ? params.map(literal) : undefined,
      }),
    );
    const deadline = Date.now() + this.timeoutMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
      const { QueryExecution } = await this.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') break;
      if (state === 'FAILED' || state === 'CANCELLED')
        throw new Error(
          `Athena query ${QueryExecutionId} ${state}: ${QueryExecution?.Status?.StateChangeReason ?? ''}`,
        );
      if (Date.now() > deadline)
        throw new Error(`Athena query ${QueryExecutionId} did not finish in ${this.timeoutMs} ms`);
      await sleep(wait);
    }
    const rows: Row[] = [];
    let columns: string[] | undefined;
    let NextToken: string | undefined;
    do {
      const page = await this.athena.send(new GetQueryResultsCommand({ QueryExecutionId, NextToken }));
      columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
      const data = page.ResultSet?.Rows ?? [];
      // The first row of the first page is the header.
      for (const [i, row] of data.entries()) {
        if (!NextToken && i === 0) continue;
        rows.push(Object.fromEntries(columns.map((name, j) => [name, row.Data?.[j]?.VarCharValue ?? null])));
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return rows;
  }
}
