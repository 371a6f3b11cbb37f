import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { rateLimiter, type RateLimiter } from '../../shared/web/rate-limit';
import { json } from './http';
import { logger } from './observability';

/**
 * A per-source limit for a JSON route, checked before the body is read: over the limit the
 * caller gets a 429 saying when to try again (and `Retry-After`), and nothing is stored or
 * emailed. The limit is read from the configuration on first use, so the module loads without it.
 */
export const perSourceLimit = (perMinute: () => number, what: string) => {
  let limiter: RateLimiter | undefined;
  return (event: APIGatewayProxyEventV2, now = Date.now()): APIGatewayProxyStructuredResultV2 | undefined => {
    limiter ??= rateLimiter(perMinute(), 60_000);
    const source = event.requestContext.http.sourceIp;
    if (limiter.allow(source, now)) return undefined;
    const retryAfter = Math.max(1, limiter.retryAfterSeconds(source, now));
    logger.warn('Refused: too many requests from one source', { route: event.routeKey, retryAfterSeconds: retryAfter });
    return json(
      429,
      {
        message: `Too many ${what} from your address in the last minute. Nothing was stored: send it again in ${retryAfter} seconds. If a child is in immediate danger, call 999.`,
        retryAfterSeconds: retryAfter,
      },
      { 'retry-after': String(retryAfter) },
    );
  };
};
