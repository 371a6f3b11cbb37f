import * as z from 'zod';
import type { Child, FieldError } from '../notification';
import { matchKeysFor } from '../matching/keys';
import {
  caseStatementAbout,
  CaseStatementSchema,
  ChildIdentitySchema,
  childKeyFromPath,
  childKeysOf,
  latestCase,
  type CaseStatement,
  type ChildCase,
  type OpenCase,
} from './case';
import { parseCsv } from './csv';
import type { CaseRegistry } from './ports';

/**
 * Use cases of the case registry: the case management system (or a worker) says a child's case
 * is open or closed, and triage asks which children of a notification have one open.
 */

type Source = ChildCase['source'];
/** The registry, and the match key its children's keys are made with (as triage makes them). */
type CaseDeps = { registry: CaseRegistry; matchKey: string };
export type RecordOutcome = { outcome: 'invalid'; errors: FieldError[] } | { outcome: 'recorded'; recorded: number };

const errorsOf = (error: z.ZodError, prefix: (string | number)[] = []): FieldError[] =>
  error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: issue.message,
  }));

const toCase = (statement: Omit<CaseStatement, 'child'>, recordedBy: string, source: Source, now: Date): ChildCase => ({
  status: statement.status,
  kind: statement.kind,
  ...(statement.holder && { holder: statement.holder }),
  ...(statement.team && { team: statement.team }),
  recordedAt: statement.recordedAt ? new Date(statement.recordedAt).toISOString() : now.toISOString(),
  recordedBy,
  source,
});

/** `PUT /api/children/{key}/case`: one child, by the key the console shows or an NHS number. */
export const recordChildCase = async (
  request: { key: string; body: unknown; recordedBy: string; source: Source; now: Date },
  deps: CaseDeps,
): Promise<RecordOutcome> => {
  const key = childKeyFromPath(request.key, deps.matchKey);
  const statement = CaseStatementSchema.safeParse(request.body);
  const errors = [
    ...(key
      ? []
      : [
          { path: 'key', message: 'Give the child key Front Door shows for the child, or a valid 10 digit NHS number' },
        ]),
    ...(statement.success ? [] : errorsOf(statement.error)),
  ];
  if (errors.length > 0 || !key || !statement.success) return { outcome: 'invalid', errors };
  await deps.registry.record([key], toCase(statement.data, request.recordedBy, request.source, request.now));
  return { outcome: 'recorded', recorded: 1 };
};

export const MAX_CASES_PER_BATCH = 500;

const CaseItemSchema = caseStatementAbout(ChildIdentitySchema);
type CaseItem = z.output<typeof CaseItemSchema>;

export const CaseBatchSchema = z
  .object({
    cases: z
      .array(CaseItemSchema, { message: 'Send the cases as a list under "cases"' })
      .min(1, 'Send at least one case')
      .max(MAX_CASES_PER_BATCH, `Send at most ${MAX_CASES_PER_BATCH} cases at a time`),
  })
  .strict();

const store = async (items: CaseItem[], request: { recordedBy: string; source: Source; now: Date }, deps: CaseDeps) => {
  for (const { child, ...statement } of items) {
    await deps.registry.record(
      childKeysOf(child, deps.matchKey),
      toCase(statement, request.recordedBy, request.source, request.now),
    );
  }
  return { outcome: 'recorded' as const, recorded: items.length };
};

/**
 * Many children at once (the batch API). Every item is checked before any is stored, so a
 * rejected batch leaves nothing half-recorded.
 */
export const recordChildCases = async (
  request: { body: unknown; recordedBy: string; source: Source; now: Date },
  deps: CaseDeps,
): Promise<RecordOutcome> => {
  const parsed = CaseBatchSchema.safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', errors: errorsOf(parsed.error) };
  return store(parsed.data.cases, request, deps);
};

/** The CSV columns `front-door cases import` reads; the child by NHS number or by name, date of birth and postcode. */
export const CSV_COLUMNS = [
  'nhs_number',
  'first_name',
  'last_name',
  'date_of_birth',
  'expected_date_of_delivery',
  'postcode',
  'status',
  'kind',
  'holder_name',
  'holder_email',
  'team',
  'recorded_at',
] as const;

const rowToItem = (row: Record<string, string>) => {
  const value = (column: (typeof CSV_COLUMNS)[number]) => row[column] || undefined;
  const child = Object.fromEntries(
    Object.entries({
      nhsNumber: value('nhs_number'),
      firstName: value('first_name'),
      lastName: value('last_name'),
      dateOfBirth: value('date_of_birth'),
      expectedDateOfDelivery: value('expected_date_of_delivery'),
      postcode: value('postcode'),
    }).filter(([, v]) => v !== undefined),
  );
  const holder =
    value('holder_name') || value('holder_email')
      ? { name: value('holder_name'), email: value('holder_email') }
      : undefined;
  return {
    status: value('status'),
    kind: value('kind'),
    child,
    ...(holder && { holder }),
    ...(value('team') && { team: value('team') }),
    ...(value('recorded_at') && { recordedAt: value('recorded_at') }),
  };
};

const CSV_FIELDS: Record<string, string> = {
  'child.nhsNumber': 'nhs_number',
  'child.firstName': 'first_name',
  'child.lastName': 'last_name',
  'child.dateOfBirth': 'date_of_birth',
  'child.expectedDateOfDelivery': 'expected_date_of_delivery',
  'child.postcode': 'postcode',
  'holder.name': 'holder_name',
  'holder.email': 'holder_email',
  holder: 'holder_name',
  recordedAt: 'recorded_at',
  child: 'child',
};

/**
 * `front-door cases import <csv>`: a case management system's export. Every row is checked first
 * and errors name the row and column, never the value (it may be a child's name).
 */
export const importChildCases = async (
  request: { csv: string; recordedBy: string; now: Date },
  deps: CaseDeps,
): Promise<RecordOutcome> => {
  const { header, rows } = parseCsv(request.csv);
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const required = ['status', 'kind'].filter((c) => !header.includes(c));
  if (unknown.length > 0 || required.length > 0 || rows.length === 0)
    return {
      outcome: 'invalid',
      errors: [
        ...required.map((c) => ({ path: 'header', message: `The header has no ${c} column` })),
        ...unknown.map((c) => ({
          path: 'header',
          message: `Unknown column ${c}; the columns are ${CSV_COLUMNS.join(', ')}`,
        })),
        ...(rows.length === 0 ? [{ path: 'rows', message: 'The file has no cases after its header' }] : []),
      ],
    };
  const items: CaseItem[] = [];
  const errors: FieldError[] = [];
  rows.forEach((row, i) => {
    const parsed = CaseItemSchema.safeParse(rowToItem(row));
    if (parsed.success) items.push(parsed.data);
    // Row numbers count the header as row 1, as a spreadsheet shows them.
    else
      for (const e of errorsOf(parsed.error))
        errors.push({ path: `row ${i + 2} ${CSV_FIELDS[e.path] ?? e.path}`, message: e.message });
  });
  if (errors.length > 0) return { outcome: 'invalid', errors };
  return store(items, { recordedBy: request.recordedBy, source: 'import', now: request.now }, deps);
};

/** Triage: the open case, if any, of each child in the notification. Unknown means not open. */
export const openCasesFor = async (children: Child[], deps: CaseDeps): Promise<OpenCase[]> => {
  const keysByChild = children.map((child) => matchKeysFor(child, deps.matchKey).map((k) => k.key));
  const found = await deps.registry.find(keysByChild.flat());
  const open: OpenCase[] = [];
  keysByChild.forEach((keys, childIndex) => {
    const latest = latestCase(keys.map((key) => found.get(key)));
    if (latest?.status === 'open' && latest.holder)
      open.push({ childIndex, kind: latest.kind, holder: latest.holder, ...(latest.team && { team: latest.team }) });
  });
  return open;
};
