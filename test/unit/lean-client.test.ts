import { DynamoDBClient, GetItemCommand, type GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { leanClient } from '../../shared/aws/lean-client';

/**
 * A lean client (shared/aws/lean-client.ts) drops work the SDK does for nothing; what it sends,
 * signature included, and what its caller gets back are a stock client's.
 */
const signingTime = new Date('2026-12-02T01:00:00Z');

// Every request carries a random invocation id, which is signed: fixed here, so two clients'
// signatures of the same request at the same time can be compared.
jest.mock('@smithy/core/serde', () => ({
  ...jest.requireActual('@smithy/core/serde'),
  v4: () => '00000000-0000-4000-8000-000000000000',
}));

/** A client whose transport records each request and answers with `status` and `body`. */
const clientAnswering = (status: number, body: object, sent: HttpRequest[], logger = silentLogger()) =>
  new DynamoDBClient({
    region: 'eu-west-2',
    endpoint: 'http://127.0.0.1:8000',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'synthetic-secret' },
    maxAttempts: 1,
    logger,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        return {
          response: new HttpResponse({
            statusCode: status,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          }),
        };
      },
    },
  });

const silentLogger = () => ({ trace: jest.fn(), debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() });

const getItem = () =>
  new GetItemCommand({ TableName: 'contacts', Key: { pk: { S: 'contact#1' }, sk: { S: 'contact' } } });

const asSent = ({ method, hostname, port, path, headers, body }: HttpRequest) => ({
  method,
  hostname,
  port,
  path,
  headers,
  body,
});

const outcome = (promise: Promise<GetItemCommandOutput>) =>
  promise.then(
    ({ $metadata: _metadata, ...output }) => ({ output }),
    (error: Error) => ({ error: error.name }),
  );

beforeEach(() => {
  jest.useFakeTimers({ now: signingTime, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('a lean SDK client', () => {
  it('signs and sends every request as a stock client does, and returns the same output', async () => {
    // Prepare
    const item = { Item: { pk: { S: 'contact#1' }, sk: { S: 'contact' } } };
    const stockSent: HttpRequest[] = [];
    const leanSent: HttpRequest[] = [];
    const stock = clientAnswering(200, item, stockSent);
    const lean = leanClient(clientAnswering(200, item, leanSent));

    // Act
    const stockOutcomes = [await outcome(stock.send(getItem())), await outcome(stock.send(getItem()))];
    const leanOutcomes = [await outcome(lean.send(getItem())), await outcome(lean.send(getItem()))];

    // Assess
    expect(leanOutcomes).toEqual(stockOutcomes);
    expect(leanSent.map(asSent)).toEqual(stockSent.map(asSent));
    expect(leanSent[1].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261202\//);
  });

  it('gives its caller the service error a stock client gives', async () => {
    // Prepare
    const missing = { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'no table' };
    const stock = clientAnswering(400, missing, []);
    const lean = leanClient(clientAnswering(400, missing, []));

    // Act
    const stockOutcome = await outcome(stock.send(getItem()));
    const leanOutcome = await outcome(lean.send(getItem()));

    // Assess
    expect(leanOutcome).toEqual(stockOutcome);
    expect(leanOutcome).toEqual({ error: 'ResourceNotFoundException' });
  });

  it('no longer filters each request and response for a logger', async () => {
    // Prepare
    const logger = silentLogger();
    const lean = leanClient(clientAnswering(200, {}, [], logger));

    // Act
    await lean.send(getItem());

    // Assess
    expect(logger.info).not.toHaveBeenCalled();
  });
});

describe('a lean SDK client configuration', () => {
  let hasFastProperties: (object: object) => boolean;
  beforeAll(() => {
    // V8's own answer, from its natives syntax, allowed for functions compiled from here on.
    setFlagsFromString('--allow-natives-syntax');
    hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as typeof hasFastProperties;
  });

  it('has fast properties, so the three copies the SDK makes of it a request are cheap', () => {
    // Prepare
    const stock = new DynamoDBClient({ region: 'eu-west-2' });

    // Act: as the stores make them, one after another, of more than one service.
    const lean = [
      leanClient(new DynamoDBClient({ region: 'eu-west-2' })),
      leanClient(new SQSClient({ region: 'eu-west-2' })),
      leanClient(new DynamoDBClient({ region: 'eu-west-2' })),
      leanClient(new SESv2Client({ region: 'eu-west-2' })),
      leanClient(new DynamoDBClient({ region: 'eu-west-2' })),
      leanClient(new SFNClient({ region: 'eu-west-2' })),
    ];
    const documents = DynamoDBDocumentClient.from(lean[4] as DynamoDBClient, {
      marshallOptions: { removeUndefinedValues: true },
    });

    // Assess
    expect(hasFastProperties(stock.config)).toBe(false);
    expect(lean.map((client) => hasFastProperties(client.config))).toEqual(lean.map(() => true));
    expect(hasFastProperties(documents.config)).toBe(true);
  });

  it('keeps fast properties once it has sent requests', async () => {
    // Prepare
    const lean = leanClient(clientAnswering(200, {}, []));

    // Act
    await lean.send(getItem());
    await lean.send(getItem());

    // Assess
    expect(hasFastProperties(lean.config)).toBe(true);
  });
});
