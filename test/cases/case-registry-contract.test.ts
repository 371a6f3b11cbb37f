import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoCaseRegistry } from '../../shared/aws/dynamo-case-registry';
import type { ChildCase } from '../../shared/cases/case';
import { InMemoryCaseRegistry } from '../../shared/cases/in-memory-case-registry';
import type { CaseRegistry } from '../../shared/cases/ports';
import { useDynalite } from '../support/dynalite';

/**
 * The same promises asked of the in-memory case registry the use-case tests use and of the
 * DynamoDB adapter on dynalite, in the case registry table as the stack defines it: a statement
 * is kept under each of a child's keys, an older one never overwrites a newer one, and a lookup
 * answers for every key asked, however many.
 */
const dynalite = useDynalite();

const statement = (status: ChildCase['status'], recordedAt: string, overrides: Partial<ChildCase> = {}): ChildCase => ({
  status,
  kind: 'social-care',
  ...(status === 'open' && { holder: { name: 'Riley Example', email: 'riley.example@exampleshire.example' } }),
  team: 'Assessment team 2',
  recordedAt,
  recordedBy: 'case-system',
  source: 'api',
  ...overrides,
});
// Child keys are keyed hashes of a child's details (shared/contacts/matching.ts): never a name.
const key = (n: number) => `child-key-${String(n).padStart(4, '0')}`;

describe.each([
  ['in memory', async (): Promise<CaseRegistry> => new InMemoryCaseRegistry()],
  [
    'on DynamoDB',
    async (): Promise<CaseRegistry> => new DynamoCaseRegistry(await dynalite.table('caseRegistry'), dynalite.client()),
  ],
])('the case registry %s', (_name, makeRegistry) => {
  it("stores a statement under each of a child's keys, and answers only for the keys it holds", async () => {
    // Prepare
    const registry = await makeRegistry();
    const open = statement('open', '2026-03-02T09:00:00.000Z');

    // Act
    await registry.record([key(1), key(2)], open);
    const found = await registry.find([key(2), key(3), key(1), key(2)]);

    // Assess
    expect([...found.keys()].sort()).toEqual([key(1), key(2)]);
    expect(found.get(key(1))).toEqual(open);
    expect(found.get(key(2))).toEqual(open);
    expect((await registry.find([])).size).toBe(0);
  });

  it('keeps the later statement: an older one (a stale import) leaves it, the same time again replaces it', async () => {
    // Prepare
    const registry = await makeRegistry();
    await registry.record([key(1), key(2)], statement('closed', '2026-03-02T10:00:00.000Z', { source: 'console' }));
    await registry.record([key(2)], statement('open', '2026-03-01T10:00:00.000Z', { source: 'import' }));

    // Act
    await registry.record([key(1), key(3)], statement('open', '2026-03-01T09:00:00.000Z', { source: 'import' }));
    await registry.record([key(2)], statement('open', '2026-03-02T10:00:00.000Z', { kind: 'early-help' }));
    const found = await registry.find([key(1), key(2), key(3)]);

    // Assess
    expect(found.get(key(1))).toMatchObject({ status: 'closed', source: 'console' });
    expect(found.get(key(2))).toMatchObject({ status: 'open', kind: 'early-help', source: 'api' });
    expect(found.get(key(3))).toMatchObject({ status: 'open', source: 'import' });
  });

  it('answers for every key of a long list, past the 100 keys one DynamoDB batch reads', async () => {
    // Prepare
    const registry = await makeRegistry();
    const keys = Array.from({ length: 250 }, (_, i) => key(i));
    await registry.record(
      keys.filter((_, i) => i % 2 === 0),
      statement('closed', '2026-03-02T09:00:00.000Z'),
    );

    // Act
    const found = await registry.find(keys);

    // Assess
    expect(found.size).toBe(125);
    expect([...found.keys()].every((k) => Number(k.slice(-4)) % 2 === 0)).toBe(true);
  });
});

describe('the case registry on DynamoDB', () => {
  it('stores the child key and the statement only', async () => {
    // Prepare
    const table = await dynalite.table('caseRegistry');
    await new DynamoCaseRegistry(table, dynalite.client()).record([key(1)], statement('open', '2026-03-02T09:00:00Z'));

    // Act
    const { Items } = await dynalite.client().send(new ScanCommand({ TableName: table }));

    // Assess
    expect(Object.keys(Items![0]!).sort()).toEqual(
      ['childKey', 'holder', 'kind', 'recordedAt', 'recordedBy', 'source', 'status', 'team'].sort(),
    );
    expect(Items![0]!.childKey).toEqual({ S: key(1) });
  });
});
