import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { acceptBatch, clientForKey, type ItemResult } from '../../shared/front-door/batch';
import { statusPageUrl } from '../../shared/mail/links';
import { config, contactStore, triageQueue } from '../lib/dependencies';
import { json, problem, readJsonBody } from '../lib/http';
import { webHandler } from '../lib/middleware';
import { logger } from '../lib/observability';
import { perSourceLimit } from '../lib/rate-limit';

/**
 * POST /api/notifications/batch for agency systems, authenticated by an API key in `x-api-key`.
 *
 * The HTTP API (API Gateway v2) has no usage plans or API keys, and a REST API beside it would
 * need a second local gateway, so the key is checked here against the SHA-256 hashes in the stage
 * configuration (only hashes are deployed; a leaked template reveals no key). The stage's
 * throttling protects the API as a whole; per-agency quotas would need a REST API usage plan.
 * Notifications are counted by channel where every channel meets: the first triage step.
 */
/** An accepted item's status link as a URL: the token alone is not for display. */
const withStatusUrl = (item: ItemResult) => {
  if (!('contactId' in item)) return item;
  const { statusToken, ...rest } = item;
  return { ...rest, statusUrl: statusPageUrl({ statusToken }, config()) };
};

/** Counted before the key is checked, so guessing keys is limited too. */
const limit = perSourceLimit(
  () => ({ name: 'batch', requests: config().BATCHES_PER_SOURCE_PER_MINUTE, windowSeconds: 60 }),
  'batches',
);

export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const limited = await limit(event);
  if (limited) return limited;
  const key = event.headers?.['x-api-key'];
  if (!key) return problem(401, 'Send your agency API key in the x-api-key header');
  const client = clientForKey(key, config().BATCH_API_KEYS);
  if (!client) {
    logger.warn('Batch refused: unknown API key');
    return problem(403, 'The API key is not recognised');
  }
  const body = readJsonBody(event);
  if (!body.ok) return body.response;
  const result = await acceptBatch(
    { body: body.value, client, maxItems: config().BATCH_MAX_ITEMS, now: new Date() },
    { store: contactStore(), triageQueue: triageQueue() },
  );
  if (result.outcome === 'invalid') return problem(400, 'The batch is not in the expected shape', result.errors);
  const accepted = result.results.filter((r) => r.outcome === 'accepted').length;
  const invalid = result.results.filter((r) => r.outcome === 'invalid').length;
  logger.info('Batch processed', { client, items: result.results.length, accepted, invalid });
  return json(200, {
    accepted,
    invalid,
    alreadyAccepted: result.results.length - accepted - invalid,
    results: result.results.map(withStatusUrl),
  });
});
