import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger, metrics } from './observability';
import { formToken, sameOrigin, securityHeaders } from './web-security';

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
 * Every handler behind the HTTP API: security headers on every answer and, where it takes HTML
 * form posts, the origin checks and the form token. Forms that act on a signed-in session
 * (the console) also require an `Origin` header; public forms (the referrer's) refuse a wrong
 * one and rely on the token when a privacy setting drops it.
 */
export const webHandler = (
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: { forms?: 'signed-in' | 'public'; metrics?: boolean } = {},
) => {
  const wrapped = withObservability(handler, options).use(securityHeaders());
  return options.forms
    ? wrapped.use(sameOrigin({ requireOrigin: options.forms === 'signed-in' })).use(formToken())
    : wrapped;
};
