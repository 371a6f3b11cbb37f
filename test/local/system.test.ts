/**
 * The local runtime, driven only through HTTP and the AWS SDK, against a
 * fixture stack that uses every emulated template feature.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionOutput,
} from '@aws-sdk/client-sfn';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import {
  FIXTURE_DLQ,
  FIXTURE_FROM,
  FIXTURE_QUEUE,
  FIXTURE_STATE_MACHINE,
  onlyResourceOfType,
  writeFixtureTemplate,
} from '../fixtures/local-stack/stack';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

let system: RunningLocalSystem;
let tableName: string;
let db: DynamoDBDocumentClient;
let sqs: SQSClient;
let sfn: SFNClient;
const stateMachineArn = `arn:aws:states:eu-west-2:000000000000:stateMachine:${FIXTURE_STATE_MACHINE}`;

beforeAll(async () => {
  const fixture = writeFixtureTemplate();
  tableName = onlyResourceOfType(fixture.template, 'AWS::DynamoDB::Table');
  system = await startLocalSystem({ template: fixture.file });
  db = DynamoDBDocumentClient.from(new DynamoDBClient(system.clientConfig('dynamodb')));
  sqs = new SQSClient(system.clientConfig('sqs'));
  sfn = new SFNClient(system.clientConfig('sfn'));
});

afterAll(async () => {
  db?.destroy();
  sqs?.destroy();
  sfn?.destroy();
  await system?.stop();
});

const api = (path: string, init?: RequestInit) => fetch(`${system.endpoints.api}${path}`, init);
const item = async (id: string) => (await db.send(new GetCommand({ TableName: tableName, Key: { id } }))).Item;
const queueUrl = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;

async function finished(executionArn: string): Promise<DescribeExecutionOutput> {
  return waitFor(async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, `execution ${executionArn} to finish`);
}

async function run(name: string, input: object): Promise<DescribeExecutionOutput> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
  );
  return finished(executionArn!);
}

/** The local addresses of this machine's listening TCP sockets on a port (Linux's /proc/net tables). */
const listeningAddresses = (port: number): string[] =>
  ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // Columns: sl, local address (hex IP:hex port), remote address, state (0A is LISTEN).
      .filter(([, local, , state]) => state === '0A' && Number.parseInt(local!.split(':')[1]!, 16) === port)
      .map(([, local]) => {
        const ip = local!.split(':')[0]!;
        // IPv4 in /proc is the address's bytes in little-endian order; anything else is IPv6 hex.
        return ip.length === 8
          ? (ip.match(/../g) ?? [])
              .reverse()
              .map((byte) => Number.parseInt(byte, 16))
              .join('.')
          : ip;
      }),
  );

describe('listening', () => {
  it('listens on loopback only, emulators included: the system holds personal data', () => {
    const { api, apis, mailbox, ses, sqs, s3, dynamodb, sfn, smtp } = system.endpoints;
    const ports = new Set(
      [api, ...Object.values(apis), mailbox, ses, sqs, s3, dynamodb, sfn, smtp].map((url) => Number(new URL(url).port)),
    );

    for (const port of ports)
      expect({ port, addresses: listeningAddresses(port) }).toEqual({ port, addresses: ['127.0.0.1'] });
  });
});

describe('resources from the template', () => {
  it('creates the table (named after its logical id) with its GSI', async () => {
    const { Table } = await new DynamoDBClient(system.clientConfig('dynamodb')).send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byStatus']);
  });

  it('creates the queue with its redrive policy and visibility timeout', async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: await queueUrl(FIXTURE_QUEUE), AttributeNames: ['All'] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe('2');
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:eu-west-2:000000000000:${FIXTURE_DLQ}`,
      maxReceiveCount: 2,
    });
  });
});

describe('HTTP API', () => {
  it('routes to the handler with path parameters and maps its response', async () => {
    const put = await api('/items/h-1', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'open' }),
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('content-type')).toBe('application/json');
    expect(await put.json()).toEqual({ id: 'h-1' });

    const get = await api('/items/h-1');
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ id: 'h-1', status: 'open' });
  });

  it('serves AWS_IAM routes to loopback callers with an IAM identity in the event', async () => {
    await api('/items/h-2', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"status":"closed"}',
    });
    const response = await api('/admin/items-by-status/closed');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ids: ['h-2'], caller: 'arn:aws:iam::000000000000:user/local' });
  });

  it('answers unknown routes with a 404 JSON body, as API Gateway does', async () => {
    const response = await api('/nowhere', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });
});

describe('SQS event source mapping', () => {
  it('delivers a batch and redelivers only the record the handler reported as failed', async () => {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: await queueUrl(FIXTURE_QUEUE),
        Entries: [
          { Id: 'ok', MessageBody: JSON.stringify({ id: 'm-ok', mode: 'ok' }) },
          { Id: 'flaky', MessageBody: JSON.stringify({ id: 'm-flaky', mode: 'fail-once' }) },
        ],
      }),
    );
    const flaky = await waitFor(async () => {
      const found = await item('m-flaky');
      return found?.deliveries === 2 ? found : undefined;
    }, 'the failed record to be redelivered');
    expect(flaky.receiveCount).toBe('2');
    expect(flaky.queueArn).toBe(`arn:aws:sqs:eu-west-2:000000000000:${FIXTURE_QUEUE}`);

    // Both were received together; had the succeeded record not been deleted it would be back by now.
    const ok = await item('m-ok');
    expect(ok).toMatchObject({ deliveries: 1, batchSize: 2, status: 'processed' });
  });

  it('lets handlers send to queue URLs from Ref and from GetQueueUrl alike', async () => {
    const response = await api('/work/m-from-api', { method: 'POST' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ sameUrl: true });
    await waitFor(async () => (await item('m-from-api'))?.deliveries, 'the message sent by the handler to be consumed');
  });

  it('moves a poison message to the dead-letter queue after maxReceiveCount deliveries', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: await queueUrl(FIXTURE_QUEUE),
        MessageBody: JSON.stringify({ id: 'm-poison', mode: 'poison' }),
      }),
    );
    const dlqUrl = await queueUrl(FIXTURE_DLQ);
    const dead = await waitFor(async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }));
      return Messages?.[0];
    }, 'the poison message in the DLQ');
    expect(JSON.parse(dead.Body!)).toEqual({ id: 'm-poison', mode: 'poison' });
    expect((await item('m-poison'))?.deliveries).toBe(2);
  });
});

describe('Step Functions', () => {
  it('runs both task shapes through the Choice and sends the email', async () => {
    const execution = await run('e-urgent', { id: 'e-urgent', urgent: true, email: 'team@example.org' });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toMatchObject({ id: 'e-urgent', notified: true });

    const emails = await system.mailbox();
    expect(emails).toContainEqual(
      expect.objectContaining({
        from: FIXTURE_FROM,
        subject: 'Item e-urgent is urgent',
        destination: expect.objectContaining({ to: ['team@example.org'] }),
      }),
    );
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn }));
    expect(events?.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionSucceeded']),
    );
  });

  it('retries a task on the error name its handler threw', async () => {
    const execution = await run('e-retry', { id: 'e-retry', failTimes: 1, urgent: false });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toMatchObject({ validated: true, attempts: 2 });
  });

  it('catches a named handler error into the Fail state', async () => {
    const execution = await run('e-invalid', { id: 'e-invalid', kind: 'invalid' });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'The item failed validation' });
  });

  it('fails with the handler error as Lambda reports it when nothing catches it', async () => {
    const execution = await run('e-crash', { id: 'e-crash', kind: 'crash' });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(JSON.parse(execution.cause!)).toMatchObject({ errorType: 'TypeError', errorMessage: 'unexpected shape' });

    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'FAILED' }));
    expect(executions?.map((e) => e.name)).toEqual(expect.arrayContaining(['e-crash', 'e-invalid']));
  });

  it('treats a repeated name as idempotent while running and as ExecutionAlreadyExists otherwise', async () => {
    // failTimes keeps the execution RUNNING through a one-second retry interval.
    const input = JSON.stringify({ id: 'e-dup', failTimes: 1, urgent: false });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e-dup', input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e-dup', input }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e-dup', input: '{"id":"other"}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    expect((await finished(first.executionArn!)).status).toBe('SUCCEEDED');
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e-dup', input }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
  });

  it('is reachable from handlers through AWS_ENDPOINT_URL_SFN, errors included', async () => {
    const body = JSON.stringify({ id: 'e-http', urgent: false });
    const started = await api('/workflows/e-http', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(started.status).toBe(202);
    const { executionArn } = (await started.json()) as { executionArn: string };
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');

    const repeated = await api('/workflows/e-http', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(repeated.status).toBe(409);
  });
});
