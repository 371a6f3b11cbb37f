import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics } from './observability';

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
