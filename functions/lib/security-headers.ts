import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { MiddlewareObj } from '@middy/core';

/**
 * The headers every answer behind the HTTP API carries. Apart from the form checks
 * (web-security.ts), which render a page and so would put the page renderer into every JSON
 * handler's bundle.
 */
export type WebMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * HSTS on every answer, pages and JSON alike (browsers ignore it over plain HTTP, so the local
 * system is unaffected), and `nosniff` so no answer is ever run as a script or a page.
 */
export const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
} as const;

export const securityHeaders = (): WebMiddleware => ({
  after: async (request) => {
    if (request.response)
      request.response = { ...request.response, headers: { ...request.response.headers, ...SECURITY_HEADERS } };
  },
});
