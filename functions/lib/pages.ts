import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { renderPage, type PageContext } from '../../shared/web/render';

/**
 * Pages hold children's personal data: never cached, never framed, no scripts but our own.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on our own form posts.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export const page = (view: string, context: PageContext, statusCode = 200): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS },
  body: renderPage(view, context),
});

export const redirect = (location: string, cookies?: string[]): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies,
});

/** A submitted HTML form as posted, repeated names (checkboxes) and all. */
export const formParams = (event: APIGatewayProxyEventV2): URLSearchParams =>
  new URLSearchParams(
    event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? ''),
  );

/** A submitted HTML form, as field name → value (the last value wins for repeated names). */
export const formFields = (event: APIGatewayProxyEventV2): Record<string, string> =>
  Object.fromEntries(formParams(event));
