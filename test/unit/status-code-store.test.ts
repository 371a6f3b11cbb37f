import { DynamoStatusCodeStore } from '../../shared/aws/dynamo-status-code-store';
import type { StatusCode } from '../../shared/referrer/ports';
import { useDynalite } from '../support/dynalite';

/**
 * The one-time code store on dynalite: a write made from a stale read is refused, so two code
 * requests at the same moment cannot both store (and email) a code.
 */
const dynalite = useDynalite();
let table: string;
beforeAll(async () => {
  table = await dynalite.contactsTable();
});

const code = (codeHash: string, version: number): StatusCode => ({
  codeHash,
  validUntil: '2026-11-30T10:15:00.000Z',
  attempts: 0,
  issued: ['2026-11-30T10:00:00.000Z'],
  version,
});

describe('the DynamoDB status code store', () => {
  it('writes a code only over the version it was made from', async () => {
    // Prepare
    const store = new DynamoStatusCodeStore(table, dynalite.client());
    // Act: two requests both read "no code yet", then both write.
    const first = await store.put('link-1', code('first', 1));
    const second = await store.put('link-1', code('second', 1));
    const next = await store.put('link-1', code('third', 2));
    const stale = await store.put('link-1', code('fourth', 2));
    // Assess
    expect([first, second, next, stale]).toEqual([true, false, true, false]);
    expect(await store.get('link-1')).toMatchObject({ codeHash: 'third', version: 2 });
    // A try is counted without changing the version, so it does not refuse the next write.
    expect(await store.countAttempt('link-1')).toMatchObject({ attempts: 1, version: 2 });
    expect(await store.put('link-1', code('spent', 3))).toBe(true);
  });
});
