/** State written before a restart with the same data dir is still there after it. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FIXTURE_DLQ, FIXTURE_STATE_MACHINE, writeFixtureTemplate } from '../fixtures/local-stack/stack';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

jest.setTimeout(90_000);

const stateMachineArn = `arn:aws:states:eu-west-2:000000000000:stateMachine:${FIXTURE_STATE_MACHINE}`;
const executionArn = `arn:aws:states:eu-west-2:000000000000:execution:${FIXTURE_STATE_MACHINE}:before-restart`;
const input = JSON.stringify({ id: 'before-restart', urgent: false });
let dataDir: string;
let system: RunningLocalSystem | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'front-door-restart-'));
});

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps items, queued messages, execution records and the mailbox across a restart', async () => {
  const { file } = writeFixtureTemplate();

  system = await startLocalSystem({ template: file, dataDir });
  const put = await fetch(`${system.endpoints.api}/items/kept`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{"status":"open"}',
  });
  expect(put.status).toBe(201);
  // The dead-letter queue has no consumer, so the message just waits there.
  await withSqs(system, async (sqs, dlqUrl) =>
    sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'kept' })),
  );
  await withSfn(system, async (sfn) => {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'before-restart', input }));
    await waitFor(async () => {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return status === 'SUCCEEDED' ? status : undefined;
    }, 'the execution to succeed');
  });
  await withSes(system, (ses) =>
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'front-door@exampleshire.example',
        Destination: { ToAddresses: ['kept@school.example'] },
        Content: { Simple: { Subject: { Data: 'Kept' }, Body: { Text: { Data: 'Still here after a restart' } } } },
      }),
    ),
  );
  await system.stop();
  expect(existsSync(join(dataDir, 'local-endpoints.json'))).toBe(false);

  system = await startLocalSystem({ template: file, dataDir });
  expect((await system.mailbox()).map((m) => m.subject)).toEqual(['Kept']);
  const get = await fetch(`${system.endpoints.api}/items/kept`);
  expect(await get.json()).toEqual({ id: 'kept', status: 'open' });
  const { Messages } = await withSqs(system, (sqs, dlqUrl) =>
    sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 })),
  );
  expect(Messages?.map((m) => m.Body)).toEqual(['kept']);
  await withSfn(system, async (sfn) => {
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'before-restart', input })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });
});

/** Uses an SDK client for one step and closes it, so no socket outlives the system it talks to. */
async function using<C extends { destroy(): void }, T>(client: C, use: (client: C) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

const withSqs = <T>(running: RunningLocalSystem, use: (sqs: SQSClient, dlqUrl: string) => Promise<T>): Promise<T> =>
  using(new SQSClient(running.clientConfig('sqs')), async (sqs) => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: FIXTURE_DLQ }));
    return use(sqs, QueueUrl!);
  });
const withSes = <T>(running: RunningLocalSystem, use: (ses: SESv2Client) => Promise<T>) =>
  using(new SESv2Client(running.clientConfig('ses')), use);
const withSfn = <T>(running: RunningLocalSystem, use: (sfn: SFNClient) => Promise<T>) =>
  using(new SFNClient(running.clientConfig('sfn')), use);
