import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { newContactId, referenceFor } from '../../shared/contacts';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { startLocalSystem, useLocalSystem } from '../support/local-system';
import { stackTemplate } from '../support/stack-template';
import { waitFor } from '../support/wait';
import { apiClient, triageStateMachineArn } from './api-client';

const template = stackTemplate();
/** CDK's logical ids end in an 8-character hash after the construct path. */
const logicalId = (path: string, type: string) =>
  Object.keys(template.Resources).find(
    (id) => new RegExp(`^${path}[0-9A-F]{8}$`).test(id) && template.Resources[id].Type === type,
  )!;
const TRIAGE_QUEUE = logicalId('TriageQueue', 'AWS::SQS::Queue');
const TRIAGE_DEAD_LETTERS = logicalId('TriageQueueDeadLetters', 'AWS::SQS::Queue');
const MAX_RECEIVES = Number(template.Resources[TRIAGE_QUEUE].Properties.RedrivePolicy.maxReceiveCount);

const run = promisify(execFile);

const queueUrl = async (sqs: SQSClient, name: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
const visibleMessages = async (sqs: SQSClient, url: string) =>
  Number(
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })))
      .Attributes?.ApproximateNumberOfMessages ?? 0,
  );

describe('SQS delivers at least once; triage happens exactly once', () => {
  const local = useLocalSystem();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(local.system);
  });

  it('gives one contact, one execution and one acknowledgement when the message arrives three times at once', async () => {
    const notification = aSchoolNeglectNotification();
    notification.referrer.email = 'redelivery@school.example';
    const accepted = await api.submit(notification);
    const { contactId } = accepted.body;

    const sqs = new SQSClient(local.system.clientConfig('sqs'));
    const url = await queueUrl(sqs, TRIAGE_QUEUE);
    const body = JSON.stringify({ contactId });
    await Promise.all([
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body })),
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body })),
    ]);

    await api.contactInStatus(contactId, 'awaiting-decision');
    // The acknowledgement is sent from its own queue, after triage.
    await api.emailTo('redelivery@school.example', /We have received your notification/);
    await waitFor(
      async () => ((await visibleMessages(sqs, url)) === 0 ? true : undefined),
      'the triage queue to drain',
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const sfn = new SFNClient(local.system.clientConfig('sfn'));
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: triageStateMachineArn(local.system) }),
    );
    expect(executions.filter((e) => e.name?.endsWith(contactId)).map((e) => e.status)).toEqual(['SUCCEEDED']);
    expect(await api.emailsTo('redelivery@school.example')).toHaveLength(1);
  });
});

describe('a message that always fails', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-door-poison-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  /** `npx front-door ops …` against the local system in dataDir, as an engineer would run it. */
  const ops = async (...args: string[]) =>
    (
      await run(process.execPath, [
        join(__dirname, '..', '..', 'bin', 'front-door.mjs'),
        'ops',
        '--data-dir',
        dataDir,
        ...args,
      ])
    ).stdout;

  it(`moves to the dead-letter queue after ${MAX_RECEIVES} receives; the contact is kept, replayed and its message redriven without a second triage`, async () => {
    // Step Functions refusing every start (here: a state machine that does not exist) is the
    // outage that makes every triage message fail.
    const broken = structuredClone(template);
    // Every function that starts executions sees the same outage (they share one local environment).
    for (const resource of Object.values(broken.Resources as Record<string, any>)) {
      const variables = resource.Properties?.Environment?.Variables;
      if (variables?.TRIAGE_STATE_MACHINE_ARN)
        variables.TRIAGE_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-2:000000000000:stateMachine:DoesNotExist';
    }
    const brokenFile = join(dataDir, 'broken-template.json');
    writeFileSync(brokenFile, JSON.stringify(broken));

    const notification = aSchoolNeglectNotification();
    notification.referrer.email = 'poison@school.example';
    let contactId: string;
    const outage = await startLocalSystem({ template: brokenFile, dataDir });
    try {
      const api = apiClient(outage);
      const accepted = await api.submit(notification);
      expect(accepted.status).toBe(202);
      contactId = accepted.body.contactId;

      const sqs = new SQSClient(outage.clientConfig('sqs'));
      const deadLetters = await queueUrl(sqs, TRIAGE_DEAD_LETTERS);
      await waitFor(
        async () => ((await visibleMessages(sqs, deadLetters)) === 1 ? true : undefined),
        'the message to reach the dead-letter queue',
        60_000,
      );
      expect(await visibleMessages(sqs, await queueUrl(sqs, TRIAGE_QUEUE))).toBe(0);
      const attempts = outage
        .output()
        .split('\n')
        .filter((line) => line.includes('StartTriage') && /error|fail/i.test(line));
      expect(attempts.length).toBeGreaterThanOrEqual(MAX_RECEIVES);

      const stored = await api.contact(contactId);
      expect(stored.status).toBe('received');
      expect(stored.notification.children[0].firstName).toBe(notification.children[0]!.firstName);
    } finally {
      await outage.stop();
    }

    // Service restored, same data: the contact is still there, and the on-call engineer's
    // tools find it, replay it and redrive its message without triaging it twice.
    const restored = await startLocalSystem({ dataDir });
    try {
      const api = apiClient(restored);
      const shown = JSON.parse(await ops('contact', 'show', contactId!));
      expect(shown).toEqual(expect.objectContaining({ contactId: contactId!, status: 'received', executions: [] }));
      expect(JSON.stringify(shown)).not.toContain(notification.children[0]!.firstName);
      expect(await ops('dlq', 'list')).toContain('TriageQueue: 1 dead letter');

      expect(await ops('contact', 'replay', contactId!)).toMatch(/started again \(triage-/);
      await api.contactInStatus(contactId!, 'awaiting-decision');
      await api.emailTo('poison@school.example', /We have received your notification/);
      expect(await ops('contact', 'replay', contactId!)).toMatch(/Nothing to replay: CFC-.* is awaiting-decision/);

      expect(await ops('dlq', 'redrive')).toContain('TriageQueue: 1 message redriven');
      const sqs = new SQSClient(restored.clientConfig('sqs'));
      await waitFor(
        async () => ((await visibleMessages(sqs, await queueUrl(sqs, TRIAGE_QUEUE))) === 0 ? true : undefined),
        'the redriven message to be consumed',
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await api.emailsTo('poison@school.example')).toHaveLength(1);
      expect(await ops('dlq', 'list')).toContain('TriageQueue: 0 dead letters');

      // The index rewrites an operator runs after deploying: counts and a cursor, never a child.
      for (const command of ['reindex', 'backfill-match-index', 'index-unsettled']) {
        const said = await ops(command, '--dry-run');
        expect(said).toMatch(/^Done \(dry run: nothing written\): \d+ contacts read;/m);
        expect(said).not.toContain(notification.children[0]!.firstName);
      }
    } finally {
      await restored.stop();
    }
  }, 180_000);
});

describe('a contact stored but never queued', () => {
  it('is queued again by the stall sweeper and triaged', async () => {
    process.env.FRONT_DOOR_SCHEDULE_SECONDS = '2';
    const system = await startLocalSystem().finally(() => delete process.env.FRONT_DOOR_SCHEDULE_SECONDS);
    try {
      // As if SQS had been unreachable when the notification was accepted ten minutes ago.
      const parsed = parseNotification(aSchoolNeglectNotification());
      if (!parsed.ok) throw new Error('fixture is invalid');
      const contactId = newContactId();
      const receivedAt = new Date(Date.now() - 10 * 60_000).toISOString();
      const table = system.endpoints.outputs.ContactsTableName!;
      await new DynamoContactStore(table, new DynamoDBClient(system.clientConfig('dynamodb'))).create({
        contactId,
        reference: referenceFor(contactId),
        status: 'received',
        channel: 'api',
        receivedAt,
        updatedAt: receivedAt,
        notification: parsed.notification,
      });
      const triaged = await apiClient(system).contactInStatus(contactId, 'awaiting-decision');
      expect(triaged.recommendation).toBeDefined();
      expect(system.output()).toMatch(/λ RequeueStalledContacts\S* \S+ ok/);
    } finally {
      await system.stop();
    }
  }, 120_000);
});
