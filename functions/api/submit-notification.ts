import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicApiScope } from '../../shared/front-door/idempotency';
import { acceptNotification } from '../../shared/front-door/intake';
import { config, contactStore, triageQueue } from '../lib/dependencies';
import { json, problem, readJsonBody } from '../lib/http';
import { webHandler } from '../lib/middleware';
import { logger } from '../lib/observability';
import { notificationLimit, perSourceLimit } from '../lib/rate-limit';

/** Anyone may send a notification, so one address may not send a flood (and have the council email anyone). */
const limit = perSourceLimit(notificationLimit, 'notifications');

/** POST /api/notifications: accept a Cause for Concern notification for triage. */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const limited = await limit(event);
  if (limited) return limited;
  const key = event.headers?.['idempotency-key'];
  if (key !== undefined && (key.trim() === '' || key.length > 200))
    return problem(400, 'Send an idempotency key of 1 to 200 characters, or none');
  const body = readJsonBody(event);
  if (!body.ok) return body.response;
  const result = await acceptNotification(
    {
      body: body.value,
      channel: 'api',
      idempotencyKey: key ? { scope: publicApiScope(body.value), key } : undefined,
      now: new Date(),
    },
    { store: contactStore(), triageQueue: triageQueue() },
  );
  if (result.outcome === 'invalid') {
    logger.info('Notification refused', { fieldErrors: result.errors.length });
    return problem(400, 'The notification has errors. Correct them and send it again.', result.errors);
  }
  if (result.outcome === 'key-reused') {
    logger.warn('Notification refused: idempotency key reused for a different body');
    return problem(409, result.message);
  }
  const { contactId, reference, status } = result.contact;
  logger.info('Notification accepted', { contactId, outcome: result.outcome, queued: result.queued });
  const statusUrl = `${config().PUBLIC_BASE_URL.replace(/\/$/, '')}/api/status/${result.contact.statusToken}`;
  return json(202, { contactId, reference, status, statusUrl }, { location: statusUrl });
});
