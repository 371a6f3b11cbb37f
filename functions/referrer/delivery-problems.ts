import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { DeliveryProblemEvent, recordDeliveryProblem } from '../../shared/referrer/delivery-problems';
import { contactStore } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger } from '../lib/observability';

/**
 * Bounces and complaints queue consumer: SES publishes them through the configuration set's SNS
 * topic, delivered raw to this queue. A message that cannot be read fails alone and ends in the
 * dead-letter queue rather than being dropped.
 */
const recordHandler = async (record: SQSRecord) => {
  const event = DeliveryProblemEvent.parse(JSON.parse(record.body));
  const result = await recordDeliveryProblem(event, { store: contactStore() }, new Date());
  // Ids and outcomes only: the event itself holds email addresses.
  logger.info('Delivery problem', { eventType: event.eventType, ...result });
};

// A processor per invocation: it keeps the batch's failures in itself, and one shared by invocations
// running at once in one process loses them (functions/lib/queue-consumer.ts says how).
export const handler = withObservability((event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context }),
);
