import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { SqsQueue } from '../../shared/aws/sqs-queue';
import {
  contactIdOfExecution,
  executionNameFor,
  StepFunctionsWorkflow,
} from '../../shared/aws/step-functions-workflow';
import { MAX_TRIAGE_ATTEMPTS, resumeTriage } from '../../shared/front-door/stalled';
import { contactFrom, isContactId, type Contact } from '../../shared/contacts';
import type { EarlierContact } from '../../shared/triage/types';
import type { Deployment } from './deployment';

/**
 * The on-call engineer's commands. They show the pipeline, never the child: a contact is shown
 * by its reference, statuses, codes and times, and no command prints a notification's contents.
 */
export class OpsError extends Error {}

export interface Ops {
  deployment: Deployment;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
  sfn: SFNClient;
  say: (line: string) => void;
}

export const opsFor = (deployment: Deployment, say: (line: string) => void): Ops => {
  const { region, endpoints, credentials } = deployment.clientConfig;
  return {
    deployment,
    say,
    sqs: new SQSClient({ region, credentials, endpoint: endpoints?.sqs }),
    dynamodb: new DynamoDBClient({ region, credentials, endpoint: endpoints?.dynamodb }),
    sfn: new SFNClient({ region, credentials, endpoint: endpoints?.sfn }),
  };
};

const output = (ops: Ops, name: string): string => {
  const value = ops.deployment.outputs[name];
  if (!value) throw new OpsError(`${ops.deployment.description} has no output ${name}: is it a Front Door stack?`);
  return value;
};

/** Each queue with dead letters, by the name its outputs share (TriageQueue, OutcomeQueue, …). */
const queuePairs = (ops: Ops) =>
  Object.keys(ops.deployment.outputs)
    .filter((key) => key.endsWith('DeadLettersUrl'))
    .map((key) => {
      const name = key.slice(0, -'DeadLettersUrl'.length);
      return { name, deadLetters: output(ops, key), queue: output(ops, `${name}Url`) };
    });

const depth = async (ops: Ops, queueUrl: string) => {
  const { Attributes = {} } = await ops.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    waiting: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
};

export const dlqList = async (ops: Ops): Promise<void> => {
  for (const pair of queuePairs(ops)) {
    const { waiting, inFlight } = await depth(ops, pair.deadLetters);
    ops.say(
      `${pair.name}: ${waiting} dead letter${waiting === 1 ? '' : 's'}${inFlight ? ` (+${inFlight} being read)` : ''}`,
    );
  }
};

/**
 * Moves dead letters back to their queue: receive, send, then delete, so a failure part-way
 * leaves a message in one queue or (at worst) both, never neither. Works where the queue has no
 * native move task (the local emulator), so it is the one way, in AWS and on a laptop.
 */
export const dlqRedrive = async (ops: Ops, only?: string): Promise<number> => {
  const pairs = queuePairs(ops).filter((pair) => !only || pair.name === only);
  if (only && pairs.length === 0)
    throw new OpsError(
      `No queue ${only}; the queues are ${queuePairs(ops)
        .map((p) => p.name)
        .join(', ')}`,
    );
  let total = 0;
  for (const pair of pairs) {
    let moved = 0;
    for (;;) {
      const { Messages = [] } = await ops.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: pair.deadLetters,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 60,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        await ops.sqs.send(
          new SendMessageCommand({
            QueueUrl: pair.queue,
            MessageBody: message.Body!,
            MessageAttributes: message.MessageAttributes,
          }),
        );
        await ops.sqs.send(
          new DeleteMessageCommand({ QueueUrl: pair.deadLetters, ReceiptHandle: message.ReceiptHandle! }),
        );
        moved += 1;
      }
      ops.say(`${pair.name}: moved ${moved} so far…`);
    }
    ops.say(`${pair.name}: ${moved} message${moved === 1 ? '' : 's'} redriven`);
    total += moved;
  }
  return total;
};

const contactStore = (ops: Ops) => new DynamoContactStore(output(ops, 'ContactsTableName'), ops.dynamodb);

const loadContact = async (ops: Ops, contactId: string): Promise<Contact> => {
  if (!isContactId(contactId)) throw new OpsError(`${contactId} is not a contact id (26 letters and digits)`);
  const contact = await contactStore(ops).get(contactId);
  if (!contact) throw new OpsError(`No contact ${contactId} in ${ops.deployment.description}`);
  return contact;
};

const executionsOf = async (ops: Ops, contactId: string) => {
  const { executions = [] } = await ops.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: output(ops, 'TriageStateMachineArn'), maxResults: 1000 }),
  );
  return executions.filter((e) => e.name && contactIdOfExecution(e.name) === contactId);
};

/** What an engineer needs to see where a contact is stuck, and nothing about the child. */
export const contactShow = async (ops: Ops, contactId: string): Promise<void> => {
  const contact = await loadContact(ops, contactId);
  const {
    reference,
    status,
    channel,
    receivedAt,
    updatedAt,
    expiresAt,
    recommendation,
    decision,
    triageFailure,
    referrerNotReached,
    version,
  } = contact;
  const executions = await executionsOf(ops, contactId);
  ops.say(
    JSON.stringify(
      {
        contactId,
        reference,
        status,
        channel,
        receivedAt,
        updatedAt,
        version,
        expiresAt: expiresAt && new Date(expiresAt * 1000).toISOString(),
        recommendation: recommendation && {
          level: recommendation.level,
          route: recommendation.route,
          priority: recommendation.priority,
          children: recommendation.children.map(({ childIndex, route, level, priority }) => ({
            childIndex,
            route,
            level,
            priority,
          })),
          dueAt: recommendation.dueAt,
          ruleset: recommendation.ruleset,
        },
        decision: decision && {
          children: decision.children.map(({ childIndex, route, level }) => ({ childIndex, route, level })),
          decidedAt: decision.decidedAt,
        },
        triageFailure,
        referrerNotReachedAt: referrerNotReached?.at,
        executions: executions.map((e) => ({
          name: e.name,
          status: e.status,
          startDate: e.startDate,
          stopDate: e.stopDate,
        })),
      },
      null,
      2,
    ),
  );
};

/**
 * Runs triage again for a contact that never got through it: one still `received` or
 * `triaging`, or red and awaiting its acknowledgement, whose execution ended (or never started), and
 * one marked `triage-failed`, each under the next numbered execution name, as the sweeper
 * does. One whose triage is still running, or finished, is left alone; one awaiting only its
 * acknowledgement has that queued again.
 */
export const contactReplay = async (ops: Ops, contactId: string): Promise<'started' | 'not-needed'> => {
  const contact = await loadContact(ops, contactId);
  const workflow = new StepFunctionsWorkflow(output(ops, 'TriageStateMachineArn'), ops.sfn);
  const outcome = await resumeTriage(
    contactId,
    { store: contactStore(ops), workflow, now: new Date() },
    { includeFailed: true },
  );
  const latest = await workflow.latestRun(contactId, MAX_TRIAGE_ATTEMPTS);
  const name = latest ? executionNameFor(contactId, latest.attempt) : executionNameFor(contactId);
  switch (outcome) {
    case 'restarted':
      ops.say(`Triage of ${contact.reference} started again (${name})`);
      return 'started';
    case 'running':
      ops.say(`Triage of ${contact.reference} is already running (${name})`);
      return 'not-needed';
    case 'gave-up':
      ops.say(
        `Triage of ${contact.reference} did not finish in ${MAX_TRIAGE_ATTEMPTS} attempts: it is triage-failed, for a worker to decide`,
      );
      return 'not-needed';
    case 'not-needed':
      ops.say(`Nothing to replay: ${contact.reference} is ${contact.status}`);
      return 'not-needed';
    case 'acknowledgement-pending':
      // Triage is done: only the acknowledgement is queued again (it is sent once, however often queued).
      await new SqsQueue(output(ops, 'AcknowledgementQueueUrl'), ops.sqs).send({ contactId });
      ops.say(`Triage of ${contact.reference} is done; its acknowledgement is queued again`);
      return 'started';
  }
};

/**
 * Every stored contact that has a notification, as records `rules diff` can replay (notification,
 * matches, receivedAt, reference). The matches are kept beside each contact, and read in the same
 * scan. They stay in memory: the diff prints references only.
 */
export const storedContactRecords = async (ops: Ops): Promise<(Contact & { matches: EarlierContact[] })[]> => {
  const db = DynamoDBDocumentClient.from(ops.dynamodb);
  const records = new Map<string, Contact & { matches: EarlierContact[] }>();
  const matches = new Map<string, EarlierContact[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: output(ops, 'ContactsTableName'),
        FilterExpression: '(sk = :contact AND attribute_exists(notification)) OR begins_with(sk, :match)',
        ExpressionAttributeValues: { ':contact': 'CONTACT', ':match': 'MATCH#child#' },
        ExclusiveStartKey,
      }),
    );
    for (const { pk, sk, ...item } of page.Items ?? []) {
      if (sk === 'CONTACT') records.set(pk, { ...contactFrom(item), matches: [] });
      else matches.set(pk, [...(matches.get(pk) ?? []), item as EarlierContact]);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const [pk, record] of records) record.matches = matches.get(pk) ?? [];
  return [...records.values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
};
