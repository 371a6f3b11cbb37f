/**
 * CPU per DynamoDB request of the SDK client itself, stock and lean (shared/aws/lean-client.ts),
 * in turns in one process. The transport answers at once with canned responses, so only the
 * client's own work is measured (middleware, serialising, signing, deserialising): a DocumentClient
 * put, get and query per item, as the stores make them.
 *   npx tsx --expose-gc bench/sdk-clients.bench.ts
 *   BENCH_N (items per turn, default 1000), BENCH_CONCURRENCY (default 20), BENCH_ROUNDS (default 8)
 * The figure that compares is the median of each round's ratio: on a shared machine the rounds'
 * absolute figures swing with the neighbours, the ratio within a round much less.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HttpResponse } from '@smithy/core/protocols';
import { leanClient } from '../shared/aws/lean-client';

const N = Number(process.env.BENCH_N ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const TABLE = 'contacts';

const stored = {
  pk: { S: 'contact#1' },
  sk: { S: 'contact' },
  status: { S: 'received' },
  body: { S: 'Synthetic concern text. '.repeat(40) },
  children: { L: [{ M: { firstName: { S: 'Child' }, lastName: { S: 'Sample' } } }] },
};
const answers: Record<string, Buffer> = {
  PutItem: Buffer.from('{}'),
  GetItem: Buffer.from(JSON.stringify({ Item: stored })),
  Query: Buffer.from(JSON.stringify({ Items: [stored], Count: 1, ScannedCount: 1 })),
};
const requestHandler = {
  handle: async (request: { headers: Record<string, string> }) => {
    const body = answers[request.headers['x-amz-target'].split('.')[1]];
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.length) };
    return { response: new HttpResponse({ statusCode: 200, headers, body: Readable.from([body]) }) };
  },
};
const client = () =>
  new DynamoDBClient({
    region: 'eu-west-2',
    endpoint: 'http://127.0.0.1:8000',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler,
  });
const documentClient = (dynamo: DynamoDBClient) =>
  DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });

const item = (i: number) => ({
  pk: `contact#${i}`,
  sk: 'contact',
  status: 'received',
  body: 'Synthetic concern text. '.repeat(40),
  children: [{ firstName: `Child${i}`, lastName: 'Sample' }],
});
const oneItem = async (db: DynamoDBDocumentClient, i: number) => {
  await db.send(new PutCommand({ TableName: TABLE, Item: item(i) }));
  await db.send(new GetCommand({ TableName: TABLE, Key: { pk: `contact#${i}`, sk: 'contact' } }));
  await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `contact#${i}` },
      Limit: 26,
    }),
  );
};

/** CPU per request in µs (this process has one busy thread here: the one running the clients). */
const turn = async (db: DynamoDBDocumentClient): Promise<number> => {
  let next = 0;
  // Collect the last turn's garbage now, so it is not charged to this one (run with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) await oneItem(db, next++);
    }),
  );
  const { user, system } = process.cpuUsage(before);
  return (user + system) / (N * 3);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const main = async () => {
  const stock = documentClient(client());
  const lean = documentClient(leanClient(client()));
  await turn(stock);
  await turn(lean);
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Each goes first in every other round, so neither always meets the warmer or colder machine.
    const first = round % 2 ? stock : lean;
    const a = await turn(first);
    const b = await turn(first === stock ? lean : stock);
    const [stockUs, leanUs] = first === stock ? [a, b] : [b, a];
    ratios.push(leanUs / stockUs);
    console.log(`round ${round}: stock ${stockUs.toFixed(0)} µs, lean ${leanUs.toFixed(0)} µs CPU per request`);
  }
  console.log(`SDK client CPU per request, lean / stock: ${median(ratios).toFixed(2)}x (median of ${ROUNDS} rounds)`);
};

void main();
