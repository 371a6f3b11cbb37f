import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger, metrics } from './observability';
import { securityHeaders } from './security-headers';

/**
 * Every handler gets the same logging context; those that record metrics say so, which
 * flushes them as embedded metric format at the end of each invocation.
 */
export const withObservability = <E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  options: { metrics?: boolean } = {},
) => {
  const wrapped = middy(handler).use(injectLambdaContext(logger, { resetKeys: true }));
  return options.metrics ? wrapped.use(logMetrics(metrics)) : wrapped;
};

/**
 * Every handler behind the HTTP API: security headers on every answer. A handler that takes HTML
 * form posts is a formHandler (web-security.ts), which adds the form checks.
 */
export const webHandler = (
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: { metrics?: boolean } = {},
) => withObservability(handler, options).use(securityHeaders());
