import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { ContactMessage } from '../../shared/front-door/ports';
import { withObservability } from './middleware';

const ContactMessageSchema = z.object({ contactId: z.string().min(1), newDecision: z.literal(true).optional() });

/**
 * An SQS consumer that handles each `{ contactId }` message on its own and reports only the
 * failed ones back to SQS, so one bad message never makes its batch-mates run again. A message
 * that keeps failing ends in the queue's dead-letter queue with the contact id still in it.
 */
export const contactQueueConsumer = (
  handle: (contactId: string, context: Context, message: ContactMessage) => Promise<void>,
  /** One record after another: the function's concurrency is then the number sent at once (an email rate). */
  options: { oneAtATime?: boolean } = {},
) => {
  // Records of a batch are handled concurrently (unless oneAtATime), so the contact id goes into each log line
  // rather than into the logger's shared keys.
  const recordHandler = async (record: SQSRecord, context: Context) => {
    const message = ContactMessageSchema.parse(JSON.parse(record.body));
    await handle(message.contactId, context, message);
  };
  return withObservability((event: SQSEvent, context: Context) =>
    processPartialResponse(
      event,
      (record: SQSRecord) => recordHandler(record, context),
      // A processor per invocation. Where AWS_LAMBDA_MAX_CONCURRENCY is set (Lambda's managed
      // instances, and the local runtime, which runs a function's invocations in one process)
      // Powertools keeps the batch's state in the invocation's InvokeStore scope; without it, in
      // the processor itself, and one processor shared by two invocations at once lost one batch's
      // failures to the other's start, so a failed record was reported as done and deleted.
      new BatchProcessor(EventType.SQS),
      { context, processInParallel: !options.oneAtATime },
    ),
  );
};
