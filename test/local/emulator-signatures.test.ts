import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { PLACEHOLDER_SIGNATURE, placeholderSignaturesFor } from '../../infra/local/emulator-signatures';
import { listen } from '../../infra/local/net';
import { createTable } from '../../infra/local/resources';
import { reachInProcess } from '../support/in-process';

/**
 * The local runtime's requests to its emulators carry a placeholder signature
 * (infra/local/emulator-signatures.ts); requests to anything else are signed as ever.
 */
const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret', sessionToken: 'local-session' };
const region = 'eu-west-2';

/** What dynalite saw of each request, before it answers it. */
const seen: IncomingMessage['headers'][] = [];
const dynamo = dynalite({ createTableMs: 0 });
const recordingDynamo = createServer((req, res) => {
  seen.push(req.headers);
  dynamo.emit('request', req, res);
});
/** Not an emulator: answers every request with an SQS error, having kept its headers. */
const elsewhere: Server = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'no such queue' }));
});
let endpoint: string;
let elsewhereEndpoint: string;

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await listen(recordingDynamo, 0)}`;
  elsewhereEndpoint = `http://127.0.0.1:${await listen(elsewhere, 0)}`;
  reachInProcess(recordingDynamo);
});
afterAll(async () => {
  await new Promise((done) => recordingDynamo.close(done));
  await new Promise((done) => elsewhere.close(done));
  await new Promise((done) => dynamo.close(done));
});

const signature = (headers: IncomingMessage['headers'] | undefined) =>
  /Signature=([0-9a-f]+)/.exec(headers?.authorization ?? '')?.[1];
/** A signature the SDK computed: 64 hex digits, not the placeholder's zeros. */
const computed = expect.stringMatching(/^(?!0{64}$)[0-9a-f]{64}$/);

describe('Signatures on requests to the emulators', () => {
  it('are placeholders of the shape dynalite checks, which it answers as it answers a signed request', async () => {
    // Prepare
    const client = new DynamoDBClient({ endpoint, region, credentials });
    // Waits for ACTIVE, as dynalite makes a table ACTIVE a moment after answering CreateTable.
    await createTable(client, 'Signed', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    });
    seen.length = 0;

    // Act
    await client.send(new PutItemCommand({ TableName: 'Signed', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
    const { Item } = await client.send(new GetItemCommand({ TableName: 'Signed', Key: { pk: { S: 'a' } } }));

    // Assess
    expect(Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      expect(headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=AKIDLOCAL/\\d{8}/${region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${PLACEHOLDER_SIGNATURE}$`,
        ),
      );
      expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(headers.authorization).toContain(`Credential=AKIDLOCAL/${headers['x-amz-date']?.slice(0, 8)}/`);
      expect(headers['x-amz-security-token']).toBe('local-session');
    }
    client.destroy();
  });

  it('are computed by the SDK as ever for a request to anything else', async () => {
    // Prepare
    const client = new SQSClient({ endpoint: elsewhereEndpoint, region, credentials, maxAttempts: 1 });
    seen.length = 0;

    // Act
    const sent = await client.send(new GetQueueUrlCommand({ QueueName: 'q' })).catch((error: Error) => error);

    // Assess
    expect(sent).toMatchObject({ name: 'QueueDoesNotExist' });
    expect(seen.map(signature)).toEqual([computed]);
    client.destroy();
  });

  it("are computed by the SDK as ever for S3's requests, even to an emulator", async () => {
    // Prepare
    const client = new S3Client({ endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 });
    seen.length = 0;

    // Act
    await client.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'key' })).catch(() => undefined);

    // Assess
    expect(seen.map(signature)).toEqual([computed]);
    expect(seen[0]?.['x-amz-content-sha256']).toBeDefined();
    client.destroy();
  });

  it('are computed again once every caller has put signing back, in whatever order', async () => {
    // Prepare
    const { port } = elsewhere.address() as AddressInfo;
    const first = placeholderSignaturesFor([port]);
    const second = placeholderSignaturesFor([port]);
    const client = new SQSClient({ endpoint: elsewhereEndpoint, region, credentials, maxAttempts: 1 });
    const call = () => client.send(new GetQueueUrlCommand({ QueueName: 'q' })).catch(() => undefined);
    seen.length = 0;

    // Act
    await call();
    first();
    first();
    await call();
    second();
    await call();

    // Assess
    expect(seen.map(signature)).toEqual([PLACEHOLDER_SIGNATURE, PLACEHOLDER_SIGNATURE, computed]);
    client.destroy();
  });
});
