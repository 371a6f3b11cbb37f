import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { withObservability } from './middleware';

const ContactMessage = z.object({ contactId: z.string().min(1) });

/**
 * An SQS consumer that handles each `{ contactId }` message on its own and reports only the
 * failed ones back to SQS, so one bad message never makes its batch-mates run again. A message
 * that keeps failing ends in the queue's dead-letter queue with the contact id still in it.
 */
export const contactQueueConsumer = (
  handle: (contactId: string, context: Context) => Promise<void>,
) => {
  const processor = new BatchProcessor(EventType.SQS);
  // Records of a batch are handled concurrently, so the contact id goes into each log line
  // rather than into the logger's shared keys.
  const recordHandler = async (record: SQSRecord, context: Context) => {
    const { contactId } = ContactMessage.parse(JSON.parse(record.body));
    await handle(contactId, context);
  };
  return withObservability((event: SQSEvent, context: Context) =>
    processPartialResponse(event, (record: SQSRecord) => recordHandler(record, context), processor, { context }),
  );
};
