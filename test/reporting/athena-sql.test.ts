import { Parser } from 'node-sql-parser';
import { MEASURES_SQL } from '../../shared/reporting/measures';

/**
 * Every measure's SQL must run on Athena (engine version 3, which is Trino) as well as on DuckDB,
 * and there is no AWS here to try it. So each query is parsed with node-sql-parser's Trino grammar
 * (its `athena` grammar is the older Presto one and refuses the `?` execution parameters Athena
 * takes), and, because a grammar accepts any function name and DuckDB's `x::type` casts, the
 * parsed query is walked for the functions and casts it uses: only those both engines define
 * alike may appear. DuckDB runs the same text in test/reporting/measures.test.ts.
 */
const parser = new Parser();
const TRINO = { database: 'trino' } as const;

/** Aggregates and functions that mean the same in Trino and DuckDB. */
const PORTABLE_FUNCTIONS = new Set(['SUM', 'COUNT', 'MAX', 'MIN', 'AVG', 'COALESCE']);

const walk = (node: unknown, visit: (n: Record<string, unknown>) => void): void => {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
};

const functionName = (n: Record<string, unknown>): string | undefined => {
  if (n.type === 'aggr_func') return String(n.name).toUpperCase();
  if (n.type !== 'function') return undefined;
  const name = n.name as { name?: { value: string }[] } | string;
  return (typeof name === 'string' ? name : (name.name ?? []).map((p) => p.value).join('.')).toUpperCase();
};

describe('the measures’ SQL in Athena’s dialect', () => {
  it.each(Object.entries(MEASURES_SQL))('%s parses as Trino SQL, with portable functions and casts only', (_, sql) => {
    // Act
    const ast = parser.astify(sql, TRINO);

    // Assess
    const functions = new Set<string>();
    const casts = new Set<string>();
    walk(ast, (n) => {
      const name = functionName(n);
      if (name) functions.add(name);
      if (n.type === 'cast') casts.add(String(n.symbol).toLowerCase());
    });
    expect([...functions].filter((f) => !PORTABLE_FUNCTIONS.has(f))).toEqual([]);
    expect([...casts].filter((c) => c !== 'as')).toEqual([]);
  });

  it('would catch what only DuckDB reads: a :: cast, a DuckDB function', () => {
    const uses = (sql: string) => {
      const found: string[] = [];
      walk(parser.astify(sql, TRINO), (n) => {
        const name = functionName(n);
        if (name && !PORTABLE_FUNCTIONS.has(name)) found.push(name);
        if (n.type === 'cast' && n.symbol === '::') found.push('::');
      });
      return found;
    };
    expect(uses('SELECT received_on::DATE FROM contact_facts')).toEqual(['::']);
    expect(uses("SELECT strftime(received_at, '%Y') FROM contact_facts")).toEqual(['STRFTIME']);
  });
});
