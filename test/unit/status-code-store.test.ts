import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { DynamoStatusCodeStore } from '../../shared/aws/dynamo-status-code-store';
import type { StatusCode } from '../../shared/front-door/ports';

/**
 * The one-time code store on dynalite: a write made from a stale read is refused, so two code
 * requests at the same moment cannot both store (and email) a code.
 */
let server: ReturnType<typeof dynalite>;
let client: DynamoDBClient;
beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: 'contacts',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
    }),
  );
});
afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve));
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
    const store = new DynamoStatusCodeStore('contacts', client);
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
