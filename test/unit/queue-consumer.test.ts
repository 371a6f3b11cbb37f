import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { contactQueueConsumer } from '../../functions/lib/queue-consumer';
import { functionEnvironment, inScope } from '../../infra/local/invocation-scope';

// middy is ESM-only and jest runs CommonJS: the consumer is tested without its middlewares.
jest.mock('../../functions/lib/middleware', () => ({ withObservability: <T>(handler: T) => handler }));

/**
 * A consumer reports each invocation's own failed records, however many invocations run at once:
 * the poller deletes every record not reported, so a failure lost is a message lost.
 */
const event = (...contactIds: string[]): SQSEvent =>
  ({
    Records: contactIds.map((contactId) => ({ messageId: `m-${contactId}`, body: JSON.stringify({ contactId }) })),
  }) as unknown as SQSEvent;
const context = { getRemainingTimeInMillis: () => 5_000, functionName: 'consumer' } as unknown as Context;
const failures = (response: unknown) =>
  (response as SQSBatchResponse).batchItemFailures.map((failure) => failure.itemIdentifier);

/**
 * As the local runtime runs an invocation: in its own scope, with AWS_LAMBDA_MAX_CONCURRENCY set,
 * so Powertools keeps the batch's records and failures in the InvokeStore rather than in the
 * processor (a failure kept where the response is not read from would be a message lost).
 */
const inLocalRuntime = <T>(requestId: string, invoke: () => Promise<T>) =>
  inScope(functionEnvironment({ name: 'consumer', memoryMb: 256, environment: {} }, 8), requestId, invoke);
const directly = <T>(_: string, invoke: () => Promise<T>) => invoke();
/** What a record's handler sees of its invocation: the variable Powertools asks for, and the request id. */
const invocationSeen = () => ({
  perInvocationState: process.env.AWS_LAMBDA_MAX_CONCURRENCY,
  requestId: globalThis.awslambda?.InvokeStore?.getRequestId(),
});

describe('a contact queue consumer', () => {
  it.each([
    ['one record at a time', { oneAtATime: true }, directly],
    ['records in parallel', {}, directly],
    ['one record at a time, in the local runtime', { oneAtATime: true }, inLocalRuntime],
    ['records in parallel, in the local runtime', {}, inLocalRuntime],
  ])('reports a failed record as failed while another invocation of it runs at once (%s)', async (_, options, run) => {
    // Prepare: "failing" fails at once (as a send still in progress elsewhere does); its
    // batch-mate "fine" ends only once the second invocation has started.
    let secondStarted!: () => void;
    const started = new Promise<void>((resolve) => (secondStarted = resolve));
    const seen = new Map<string, ReturnType<typeof invocationSeen>>();
    const handler = contactQueueConsumer(async (contactId) => {
      if (contactId === 'failing') throw new Error('IdempotencyAlreadyInProgressError');
      if (contactId === 'fine') await started;
      if (contactId === 'second') secondStarted();
      seen.set(contactId, invocationSeen());
    }, options);

    // Act: the second invocation starts while the first is still handling its records.
    const first = run('first', () => handler(event('failing', 'fine'), context));
    await new Promise((resolve) => setImmediate(resolve));
    const second = run('second', () => handler(event('second', 'also-fine'), context));
    const [firstResponse, secondResponse] = await Promise.all([first, second]);

    // Assess: each invocation reports its own failures, and only those.
    expect(failures(firstResponse)).toEqual(['m-failing']);
    expect(failures(secondResponse)).toEqual([]);
    // In the local runtime each record ran in its own invocation's scope, after every await.
    if (run === inLocalRuntime)
      expect(Object.fromEntries(seen)).toEqual({
        fine: { perInvocationState: '8', requestId: 'first' },
        second: { perInvocationState: '8', requestId: 'second' },
        'also-fine': { perInvocationState: '8', requestId: 'second' },
      });
  });
});
