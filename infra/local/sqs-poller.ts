/**
 * Emulates the Lambda service's SQS poller for each enabled
 * `AWS::Lambda::EventSourceMapping` on a queue: long-poll, batch, invoke, then
 * delete what succeeded, with as many batches in flight as the mapping's maximum
 * concurrency allows. Failed messages are left alone, so they reappear after
 * the queue's visibility timeout and the queue's own redrive policy (enforced
 * by fauxqs on receive) moves them to the dead-letter queue.
 *
 * A mapping whose function starts a state machine takes only as many messages as the machine
 * has room for open executions (a laptop's cap, see step-functions.ts), and waits while it is
 * full: a backlog waits in the queue, where waiting costs nothing, not in the emulator. Every
 * mapping also waits while the API is answering requests (up to a limit, see `requestsQuiet`),
 * so that on a laptop's two cores a referrer waiting on the front door comes before triage.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { WORK_PRIORITY, type LambdaInvoker, type LocalFunction } from './lambda';
import { clientConfig } from './resources';
import { stateMachinesStartedBy, type ExecutionRoom } from './step-functions';
import { REGION, type LocalDeployment } from './template';

export interface QueueMapping {
  logicalId: string;
  queueArn: string;
  queueUrl: string;
  fn: LocalFunction;
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  /** Batches delivered at once: the mapping's ScalingConfig.MaximumConcurrency, within the function's own cap. */
  concurrency: number;
  /** The state machines the function may start (its IAM policy says so): it takes no more messages than they have room for. */
  startsExecutionsOf: string[];
}

export function describeQueueMappings(deployment: LocalDeployment, invoker: LambdaInvoker): QueueMapping[] {
  const mappings: QueueMapping[] = [];
  for (const logicalId of deployment.ofType('AWS::Lambda::EventSourceMapping')) {
    const props = deployment.properties(logicalId) as {
      EventSourceArn?: string;
      FunctionName: string;
      BatchSize?: number;
      MaximumBatchingWindowInSeconds?: number;
      FunctionResponseTypes?: string[];
      Enabled?: boolean | string;
      ScalingConfig?: { MaximumConcurrency?: number };
    };
    if (props.Enabled === false || props.Enabled === 'false') continue;
    const queueId = props.EventSourceArn && deployment.findByArn(props.EventSourceArn, 'AWS::SQS::Queue');
    // Streams and other sources are not emulated; they would need their own poller.
    if (!queueId) continue;
    const fn = invoker.find(props.FunctionName);
    if (!fn)
      throw new Error(`Event source mapping ${logicalId} targets ${props.FunctionName}, which has no local entry`);
    mappings.push({
      logicalId,
      queueArn: deployment.arn(queueId),
      queueUrl: deployment.queueUrl(queueId),
      fn,
      batchSize: Number(props.BatchSize ?? 10),
      batchingWindowMs: Number(props.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportBatchItemFailures: props.FunctionResponseTypes?.includes('ReportBatchItemFailures') ?? false,
      // Beyond these, messages wait in the queue, as they do behind Lambda's pollers.
      concurrency: Math.max(
        1,
        Math.min(Number(props.ScalingConfig?.MaximumConcurrency ?? Infinity), invoker.concurrencyOf(fn)),
      ),
      startsExecutionsOf: stateMachinesStartedBy(deployment, fn.logicalId),
    });
  }
  return mappings;
}

/** Long-poll length; also bounds how long a receive can outlive `stop()`, which aborts it anyway. */
const WAIT_TIME_SECONDS = 20;
const MAX_RECEIVE = 10;

export class SqsPoller {
  private readonly client: Pick<SQSClient, 'send' | 'destroy'>;
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  /** Messages taken from a queue and not yet delivered, per state machine they may start. */
  private readonly promised = new Map<string, number>();

  constructor(
    /** The SQS endpoint, or a client for it. */
    sqs: string | Pick<SQSClient, 'send' | 'destroy'>,
    private readonly mappings: QueueMapping[],
    private readonly invoker: LambdaInvoker,
    private readonly log: (line: string) => void,
    private readonly executions?: ExecutionRoom,
  ) {
    this.client = typeof sqs === 'string' ? new SQSClient(clientConfig(sqs)) : sqs;
  }

  start(): void {
    this.loops = this.mappings.flatMap((mapping) =>
      Array.from({ length: mapping.concurrency }, () => this.poll(mapping)),
    );
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
    this.client.destroy();
  }

  private async poll(mapping: QueueMapping): Promise<void> {
    while (!this.abort.signal.aborted) {
      // Requests to the API first: the messages wait in the queue until they are answered.
      await until(this.invoker.requestsQuiet(), this.abort.signal);
      const size = await this.takeRoom(mapping);
      if (!size) continue;
      // Once received, the messages' visibility timeout runs: take them only when the batch would
      // start soon (it then goes first, WORK_PRIORITY.received). Every consumer waits for work that
      // finishes contacts (acknowledgements, outcomes, bounces), and none for triage's steps: one
      // that starts executions is bounded by the state machine's room (takeRoom above), and when it
      // waited for every waiting step too it kept about five executions open where 32 may be, so
      // the cores idled between the steps of too few contacts (a quiet 10,000 run drained at about
      // 40 a second, against 58 to 64 with the lane first come first served).
      await this.invoker.startsSoon(mapping.fn, WORK_PRIORITY.finishes, this.abort.signal);
      try {
        const messages = await this.receiveBatch(mapping, size);
        if (messages.length) await this.deliver(mapping, messages);
        // Delivered: the executions the batch started now count as open in the engine.
        this.promise(mapping, -size);
      } catch (error) {
        this.promise(mapping, -size);
        if (this.abort.signal.aborted) return;
        this.log(`! poller ${mapping.logicalId}: ${(error as Error).message}`);
        await sleep(1000, this.abort.signal);
      }
    }
  }

  /**
   * How many messages the next batch may hold, waiting until the machines it feeds have room for a
   * whole batch (or for as many as they may ever hold, if that is fewer). Taking one message each
   * time an execution ended made a batch of one per contact: a ReceiveMessage, an invocation of the
   * consumer and a DeleteMessageBatch for every contact. That room is promised to the batch before
   * this returns, so the mapping's other loops see it as taken.
   */
  private async takeRoom(mapping: QueueMapping): Promise<number> {
    const executions = this.executions;
    if (!executions || !mapping.startsExecutionsOf.length) return mapping.batchSize;
    while (!this.abort.signal.aborted) {
      const rooms = mapping.startsExecutionsOf.map((arn) => ({
        arn,
        room: executions.room(arn) - (this.promised.get(arn) ?? 0),
        wanted: Math.min(mapping.batchSize, executions.limit),
      }));
      const short = rooms.find(({ room, wanted }) => room < wanted);
      if (!short) {
        const size = Math.min(mapping.batchSize, ...rooms.map(({ room }) => room));
        this.promise(mapping, size);
        return size;
      }
      await until(executions.freed(short.arn), this.abort.signal);
    }
    return 0;
  }

  private promise(mapping: QueueMapping, messages: number): void {
    if (this.executions)
      for (const arn of mapping.startsExecutionsOf) this.promised.set(arn, (this.promised.get(arn) ?? 0) + messages);
  }

  /** Like Lambda: wait for the first message, then fill the batch until it is full (`size`) or the window closes. */
  private async receiveBatch(mapping: QueueMapping, size: number): Promise<Message[]> {
    const batch: Message[] = [];
    const windowEnds = Date.now() + mapping.batchingWindowMs;
    do {
      const waitSeconds = batch.length ? Math.max(0, Math.ceil((windowEnds - Date.now()) / 1000)) : WAIT_TIME_SECONDS;
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: mapping.queueUrl,
          MaxNumberOfMessages: Math.min(MAX_RECEIVE, size - batch.length),
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.abort.signal },
      );
      batch.push(...Messages);
      if (!Messages.length && batch.length) break;
    } while (batch.length && batch.length < size && Date.now() < windowEnds);
    return batch;
  }

  private async deliver(mapping: QueueMapping, messages: Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((message) => toRecord(message, mapping.queueArn)) };
    let failedIds: Set<string>;
    try {
      const response = await this.invoker.invoke(mapping.fn, event, 'work', WORK_PRIORITY.received);
      failedIds = mapping.reportBatchItemFailures ? failuresFrom(response, messages) : new Set();
    } catch {
      // The invoker has logged the error; the whole batch returns to the queue.
      return;
    }
    const done = messages.filter((m) => !failedIds.has(m.MessageId!));
    if (failedIds.size)
      this.log(`  ${mapping.logicalId}: ${failedIds.size} of ${messages.length} records reported as failed`);
    if (!done.length) return;
    const { Failed = [] } = await this.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: mapping.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    if (Failed.length) this.log(`! ${mapping.logicalId}: could not delete ${Failed.length} processed messages`);
  }
}

/**
 * Lambda's rules for a partial batch response: an empty or missing list means
 * all succeeded; an identifier that is empty or not in the batch fails the whole batch.
 */
function failuresFrom(response: unknown, messages: Message[]): Set<string> {
  const failures = (response as Partial<SQSBatchResponse> | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const ids = new Set(messages.map((m) => m.MessageId!));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return ids;
    failed.add(id);
  }
  return failed;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId && { MessageGroupId: attributes.MessageGroupId }),
      ...(attributes.MessageDeduplicationId && { MessageDeduplicationId: attributes.MessageDeduplicationId }),
      ...(attributes.SequenceNumber && { SequenceNumber: attributes.SequenceNumber }),
      ...(attributes.AWSTraceHeader && { AWSTraceHeader: attributes.AWSTraceHeader }),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toRecordAttribute(value)]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes && { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}

function toRecordAttribute(value: MessageAttributeValue): SQSRecord['messageAttributes'][string] {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
    ...(value.BinaryValue !== undefined && { binaryValue: base64(value.BinaryValue) }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType as SQSRecord['messageAttributes'][string]['dataType'],
  };
}

/** Settles when `event` does or the signal aborts, whichever comes first. */
function until(event: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolveUntil) => {
    const settle = () => {
      signal.removeEventListener('abort', settle);
      resolveUntil();
    };
    signal.addEventListener('abort', settle);
    void event.then(settle);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolveSleep) => {
    const timer = setTimeout(resolveSleep, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolveSleep();
    });
  });
}
