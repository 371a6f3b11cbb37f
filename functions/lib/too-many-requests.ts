import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { page } from './pages';

/**
 * The pages' answer to a refused request. Apart from the rate limiter, so the JSON APIs that share
 * the limiter do not carry the page renderer.
 */
const inWords = (seconds: number) =>
  seconds < 60
    ? `${seconds} second${seconds === 1 ? '' : 's'}`
    : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;

/** A page's 429: GOV.UK's "Too many requests", saying how long to wait, with `Retry-After`. */
export const tooManyRequestsPage = (
  retryAfter: number,
  context: Record<string, unknown>,
): APIGatewayProxyStructuredResultV2 => {
  const refused = page('referrer/too-many-requests.njk', { ...context, wait: inWords(retryAfter) }, 429);
  return { ...refused, headers: { ...refused.headers, 'retry-after': String(retryAfter) } };
};
