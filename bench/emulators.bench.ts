/**
 * CPU per DynamoDB request of dynalite on LevelDB, as the local system runs it (in a thread of its
 * own, on disk), without and with this runtime's tuning (`infra/local/leveldb-reads.ts`), in turns
 * in one run. Each contact makes the requests triage makes of the contacts table: a conditional
 * put of the contact, two index entries, a get, a conditional update and two queries.
 *   BENCH_N (contacts per turn, default 600), BENCH_CONCURRENCY (default 50), BENCH_PAIRS (default 2)
 * The figure that compares is the emulator thread's CPU per request (Linux /proc); wall time on a
 * shared machine depends on the neighbours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { clientConfig } from '../infra/local/resources';

const N = Number(process.env.BENCH_N ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 2);
const REQUESTS_PER_CONTACT = 7;
const TABLE = 'contacts';

const ask = <T>(worker: Worker, message: string): Promise<T> =>
  new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });

const contact = (i: number) => ({
  pk: { S: `contact#${i}` },
  sk: { S: 'contact' },
  status: { S: 'received' },
  receivedAt: { S: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString() },
  // A notification's size: concerns in the referrer's words, children, addresses.
  body: { S: 'Synthetic concern text. '.repeat(120) },
  children: { L: [{ M: { firstName: { S: `Child${i}` }, lastName: { S: 'Sample' }, dob: { S: '2015-01-01' } } }] },
});

const oneContact = async (client: DynamoDBClient, i: number) => {
  await client.send(
    new PutItemCommand({ TableName: TABLE, Item: contact(i), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  for (const key of ['name', 'address'])
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: `${key}#${i % 97}` }, sk: { S: `contact#${i}` }, status: { S: 'received' } },
      }),
    );
  await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `contact#${i}` }, sk: { S: 'contact' } } }));
  await client.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: { pk: { S: `contact#${i}` }, sk: { S: 'contact' } },
      UpdateExpression: 'SET #status = :awaiting, #level = :level',
      ConditionExpression: '#status = :received',
      ExpressionAttributeNames: { '#status': 'status', '#level': 'level' },
      ExpressionAttributeValues: {
        ':awaiting': { S: 'awaiting-decision' },
        ':received': { S: 'received' },
        ':level': { S: '2' },
      },
    }),
  );
  await client.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `name#${i % 97}` } },
      ScanIndexForward: false,
      Limit: 26,
    }),
  );
  await client.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'status',
      KeyConditionExpression: '#status = :awaiting',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':awaiting': { S: 'awaiting-decision' } },
      ScanIndexForward: false,
      Limit: 25,
    }),
  );
};

/** One turn: a fresh database, N contacts CONCURRENCY at a time; CPU and wall per request. */
const turn = async (tuned: boolean): Promise<{ cpuUs: number; wallUs: number }> => {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-emulators-bench-'));
  const worker = new Worker(join(__dirname, 'emulators-bench-thread.ts'), { workerData: { dir, tuned } });
  const { endpoint } = await new Promise<{ endpoint: string }>((resolve) => worker.once('message', resolve));
  const client = new DynamoDBClient(clientConfig(endpoint));
  try {
    const attribute = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [attribute('pk'), attribute('sk'), attribute('status'), attribute('receivedAt')],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'status',
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'receivedAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
    let next = 0;
    const before = await ask<{ cpuMs: number }>(worker, 'cpu');
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) await oneContact(client, next++);
      }),
    );
    const wallMs = performance.now() - started;
    const after = await ask<{ cpuMs: number }>(worker, 'cpu');
    const requests = N * REQUESTS_PER_CONTACT;
    return { cpuUs: ((after.cpuMs - before.cpuMs) * 1000) / requests, wallUs: (wallMs * 1000) / requests };
  } finally {
    client.destroy();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  console.log(`dynalite on LevelDB: ${N} contacts x ${REQUESTS_PER_CONTACT} requests, ${CONCURRENCY} at a time`);
  const ratios: number[] = [];
  for (let pair = 1; pair <= PAIRS; pair += 1) {
    const plain = await turn(false);
    const tuned = await turn(true);
    ratios.push(tuned.cpuUs / plain.cpuUs);
    const show = (name: string, r: { cpuUs: number; wallUs: number }) =>
      `${name} ${r.cpuUs.toFixed(0)} µs CPU, ${r.wallUs.toFixed(0)} µs wall`;
    console.log(
      `pair ${pair}: ${show('untuned', plain)}; ${show('tuned', tuned)} per request; CPU ${(tuned.cpuUs / plain.cpuUs).toFixed(2)}x`,
    );
  }
  const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
  console.log(`emulator thread CPU per request, tuned / untuned: ${geomean.toFixed(2)}x (geometric mean)`);
};

void main();
