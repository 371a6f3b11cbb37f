import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { acceptNotification } from '../../shared/front-door/intake';
import { config, contactStore, triageQueue } from '../lib/dependencies';
import { json, problem, readJsonBody } from '../lib/http';
import { withObservability } from '../lib/middleware';
import { logger } from '../lib/observability';

/** POST /api/notifications: accept a Cause for Concern notification for triage. */
export const handler = withObservability(async (event: APIGatewayProxyEventV2) => {
  const body = readJsonBody(event);
  if (!body.ok) return body.response;
  const result = await acceptNotification(
    { body: body.value, channel: 'api', idempotencyKey: event.headers?.['idempotency-key'], now: new Date() },
    { store: contactStore(), triageQueue: triageQueue() },
  );
  if (result.outcome === 'invalid') {
    logger.info('Notification refused', { fieldErrors: result.errors.length });
    return problem(400, 'The notification has errors. Correct them and send it again.', result.errors);
  }
  const { contactId, reference, status } = result.contact;
  logger.info('Notification accepted', { contactId, outcome: result.outcome, queued: result.queued });
  const statusUrl = `${config().PUBLIC_BASE_URL.replace(/\/$/, '')}/api/contacts/${contactId}/status`;
  return json(202, { contactId, reference, status, statusUrl }, { location: statusUrl });
});
