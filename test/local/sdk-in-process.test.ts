import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import dynalite from 'dynalite';
import { createTable } from '../../infra/local/resources';
import { sendSdkRequestsInProcess } from '../../infra/local/sdk-in-process';
import { answerEmulatorRequests } from '../../infra/local/socketless-http';

/**
 * The local runtime's in-process transport: an SDK request to an emulator's loopback port goes
 * over a MessagePort to the server's request listener, without a socket, and comes back as the
 * SDK's own HTTP handler would have given it. Nothing listens on EMULATOR_PORT, so any answer
 * proves the request went in process; the MessagePort's two ends share this thread here.
 */
const EMULATOR_PORT = 1;

const echo = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/hang-up') {
      res.destroy();
      return;
    }
    if (path === '/slow') {
      setTimeout(() => res.end('late'), 2000).unref();
      return;
    }
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.writeHead(path === '/teapot' ? 418 : 200, {
      'content-type': 'application/octet-stream',
      'x-method': req.method,
      'x-url': req.url,
      'x-headers': JSON.stringify(req.headers),
    });
    res.end(Buffer.concat([Buffer.from([0xff, 0x00]), ...chunks]));
  });
});
const dynamo = dynalite({ createTableMs: 0 });
let serverOn: Server = echo;
let stop: () => void;

beforeAll(() => {
  const { port1, port2 } = new MessageChannel();
  answerEmulatorRequests(port2, (port) => (port === EMULATOR_PORT ? serverOn : undefined));
  stop = sendSdkRequestsInProcess(port1, [EMULATOR_PORT]);
  port2.unref();
});
afterAll(() => stop());

const send = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const { response } = await new NodeHttpHandler({ throwOnRequestTimeout: true }).handle(
    new HttpRequest({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: EMULATOR_PORT,
      method: init.method ?? 'POST',
      path,
      query: { q: 'a b' },
      headers: init.headers ?? {},
      body: init.body,
    }),
    { requestTimeout: path === '/slow' ? 50 : undefined },
  );
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as Readable) chunks.push(chunk as Buffer);
  return { ...response, body: Buffer.concat(chunks), sent: JSON.parse(response.headers['x-headers'] ?? '{}') };
};

describe('SDK requests to an emulator, in process', () => {
  it('carry status, headers and binary bodies both ways, whatever form the SDK gives the body in', async () => {
    // Prepare
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);

    // Act
    const fromBytes = await send('/teapot', { body: bytes, headers: { 'X-Amz-Target': 'T' } });
    const fromText = await send('/text', { body: 'é€' });
    const fromStream = await send('/stream', { body: Readable.from([Buffer.from('ab'), Buffer.from('c')]) });
    const head = await send('/head', { method: 'HEAD' });

    // Assess
    expect(fromBytes.statusCode).toBe(418);
    expect(fromBytes.reason).toBe("I'm a Teapot");
    expect(fromBytes.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-method': 'POST',
      'x-url': '/teapot?q=a%20b',
      'set-cookie': 'a=1,b=2',
    });
    expect(fromBytes.sent).toMatchObject({
      'x-amz-target': 'T',
      host: `127.0.0.1:${EMULATOR_PORT}`,
      'content-length': '256',
    });
    expect([...fromBytes.body]).toEqual([0xff, 0x00, ...bytes]);
    expect(fromText.body.subarray(2).toString()).toBe('é€');
    expect(fromText.sent['content-length']).toBe('5');
    expect(fromStream.body.subarray(2).toString()).toBe('abc');
    expect(fromStream.sent['transfer-encoding']).toBe('chunked');
    expect(head.statusCode).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('fails as the SDK handler does on a hang-up, a timeout and an abort', async () => {
    // Prepare
    const aborted = new AbortController();
    const request = new HttpRequest({ protocol: 'http:', hostname: 'localhost', port: EMULATOR_PORT, path: '/slow' });

    // Act
    const failed = (sent: Promise<unknown>) =>
      sent.then(
        () => 'answered',
        (error: unknown) => error,
      );
    const hangUp = failed(send('/hang-up'));
    const timeout = failed(send('/slow'));
    const abort = failed(new NodeHttpHandler().handle(request, { abortSignal: aborted.signal }));
    aborted.abort();

    // Assess
    expect(await hangUp).toMatchObject({ name: 'TimeoutError', code: 'ECONNRESET' });
    expect(await timeout).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(await abort).toMatchObject({ name: 'AbortError', message: 'Request aborted' });
  });

  it('gives a DynamoDB client what dynalite says: items with binary values, request ids, checksums and errors', async () => {
    // Prepare
    serverOn = dynamo;
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${EMULATOR_PORT}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const TableName = 'transport';
    const checksums: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        checksums.push((result.response as { headers: Record<string, string> }).headers['x-amz-crc32']);
        return result;
      },
      { step: 'deserialize' },
    );
    await createTable(client, TableName, {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    });
    const Item = { pk: { S: 'k' }, data: { B: Uint8Array.from([0, 1, 254, 255]) } };

    // Act
    await client.send(new PutItemCommand({ TableName, Item }));
    const read = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'k' } } }));
    const refused = await client
      .send(new PutItemCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((error: unknown) => error);

    // Assess
    expect(read.Item?.data.B).toEqual(Uint8Array.from([0, 1, 254, 255]));
    expect(read.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.stringMatching(/^[A-Z0-9]{52}$/) });
    expect(checksums.every((crc) => /^\d+$/.test(crc))).toBe(true);
    expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
    expect(refused).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    client.destroy();
  });

  it('leaves requests to anything else on HTTP', async () => {
    // Prepare
    const elsewhere = createServer((_req, res) => res.end('over a socket'));
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const { port } = elsewhere.address() as AddressInfo;

    // Act
    const { response } = await new NodeHttpHandler().handle(
      new HttpRequest({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/' }),
    );
    let text = '';
    for await (const chunk of response.body as Readable) text += chunk;

    // Assess
    expect(text).toBe('over a socket');
    await new Promise((resolve) => elsewhere.close(resolve));
  });
});
