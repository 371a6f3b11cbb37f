import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoStatusCodeStore } from '../../shared/aws/dynamo-status-code-store';
import type { StatusCode, StatusCodeStore } from '../../shared/referrer/ports';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';
import { memoryStatusCodes } from '../support/memory-status-codes';

/**
 * The same promises asked of the in-memory one-time codes the status link tests use and of the
 * DynamoDB adapter on dynalite: a write made from a stale read is refused, so two code requests
 * at the same moment cannot both store (and email) a code, and every guess uses up a try.
 */
const dynalite = useDynalite();

const code = (codeHash: string, version: number): StatusCode => ({
  codeHash,
  validUntil: '2026-11-30T10:15:00.000Z',
  attempts: 0,
  issued: ['2026-11-30T10:00:00.000Z'],
  version,
});

describe.each([
  ['in memory', async (): Promise<StatusCodeStore> => memoryStatusCodes()],
  [
    'on DynamoDB',
    async (): Promise<StatusCodeStore> => new DynamoStatusCodeStore(await dynalite.contactsTable(), dynalite.client()),
  ],
])('the status code store %s', (_name, make) => {
  it('writes a code only over the version it was made from', async () => {
    // Prepare
    const store = await make();

    // Act: two requests both read "no code yet", then both write.
    const first = await store.put('link-1', code('first', 1));
    const second = await store.put('link-1', code('second', 1));
    const next = await store.put('link-1', code('third', 2));
    const stale = await store.put('link-1', code('fourth', 2));

    // Assess
    expect([first, second, next, stale]).toEqual([true, false, true, false]);
    expect(await store.get('link-1')).toEqual(code('third', 2));
    expect(await store.get('link-2')).toBeUndefined();
  });

  it('counts every try without changing the version, and none at a code not there', async () => {
    // Prepare
    const store = await make();
    await store.put('link-1', code('first', 1));

    // Act: parallel guesses each use up a try.
    const tries = await Promise.all([store.countAttempt('link-1'), store.countAttempt('link-1')]);

    // Assess
    expect(tries.map((t) => t?.attempts).sort()).toEqual([1, 2]);
    expect(await store.get('link-1')).toMatchObject({ attempts: 2, version: 1 });
    expect(await store.put('link-1', code('second', 2))).toBe(true);
    expect(await store.countAttempt('link-2')).toBeUndefined();
    expect(await store.get('link-2')).toBeUndefined();
  });
});

describe('the status code store on DynamoDB', () => {
  it('reads a code stored before versions were kept as version 0, and keeps a code a day past its time', async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    const store = new DynamoStatusCodeStore(table, dynalite.client());
    const db = DynamoDBDocumentClient.from(dynalite.client());
    const { version: _none, ...unversioned } = code('old', 0);
    await db.send(new PutCommand({ TableName: table, Item: { pk: 'STATUSCODE#link-1', sk: 'CODE', ...unversioned } }));

    // Act
    const old = await store.get('link-1');
    const written = await store.put('link-1', code('new', 1));

    // Assess
    expect(old).toEqual(code('old', 0));
    expect(written).toBe(true);
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { pk: 'STATUSCODE#link-1', sk: 'CODE' } }));
    expect(Item![ttlAttributeOf('contacts')!]).toBe(Date.parse('2026-11-30T10:15:00.000Z') / 1000 + 86_400);
  });
});
