import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { contactQueueConsumer } from '../../functions/lib/queue-consumer';

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

describe('a contact queue consumer', () => {
  it.each([
    ['one record at a time', { oneAtATime: true }],
    ['records in parallel', {}],
  ])('reports a failed record as failed while another invocation of it runs at once (%s)', async (_, options) => {
    // Prepare: "failing" fails at once (as a send still in progress elsewhere does); its
    // batch-mate "fine" ends only once the second invocation has started.
    let secondStarted!: () => void;
    const started = new Promise<void>((resolve) => (secondStarted = resolve));
    const handler = contactQueueConsumer(async (contactId) => {
      if (contactId === 'failing') throw new Error('IdempotencyAlreadyInProgressError');
      if (contactId === 'fine') await started;
      if (contactId === 'second') secondStarted();
    }, options);

    // Act: the second invocation starts while the first is still handling its records.
    const first = handler(event('failing', 'fine'), context);
    await new Promise((resolve) => setImmediate(resolve));
    const second = handler(event('second', 'also-fine'), context);
    const [firstResponse, secondResponse] = await Promise.all([first, second]);

    // Assess: each invocation reports its own failures, and only those.
    expect(failures(firstResponse)).toEqual(['m-failing']);
    expect(failures(secondResponse)).toEqual([]);
  });
});
