import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RateLimit } from '../../shared/web/rate-limit';
import { config, rateLimiter } from './dependencies';
import { json } from './http';
import { logger } from './observability';

/**
 * Counts the request against `limit` for its source address, in the counters every instance
 * shares: the whole seconds to wait when it is over the limit, otherwise undefined. Checked
 * before anything is read or stored, so a refused request stores and emails nothing.
 */
export const refusedFor = async (
  event: APIGatewayProxyEventV2,
  limit: RateLimit,
  now = Date.now(),
): Promise<number | undefined> => {
  const decision = await rateLimiter().take(limit, event.requestContext.http.sourceIp, now);
  if (decision.allowed) return undefined;
  logger.warn('Refused: too many requests from one source', {
    route: event.routeKey,
    limit: limit.name,
    retryAfterSeconds: decision.retryAfterSeconds,
  });
  return decision.retryAfterSeconds;
};

/**
 * Notifications one address may send a minute, by the API or the web form together: anyone may
 * send one, so nobody may send a flood (and have the council email anyone).
 */
export const notificationLimit = (): RateLimit => ({
  name: 'notification',
  requests: config().NOTIFICATIONS_PER_SOURCE_PER_MINUTE,
  windowSeconds: 60,
});

/** A JSON route's limit: over it, a 429 saying when to try again, with `Retry-After`. */
export const perSourceLimit =
  (limit: () => RateLimit, what: string) =>
  async (event: APIGatewayProxyEventV2, now?: number): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    const retryAfter = await refusedFor(event, limit(), now);
    if (retryAfter === undefined) return undefined;
    return json(
      429,
      {
        message: `Too many ${what} from your address in a short time. Nothing was stored: send it again in ${retryAfter} seconds. If a child is in immediate danger, call 999.`,
        retryAfterSeconds: retryAfter,
      },
      { 'retry-after': String(retryAfter) },
    );
  };
