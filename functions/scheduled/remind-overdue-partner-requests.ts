import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { remindOverduePartnerRequests } from '../../shared/front-door/partner-reminders';
import { config, contactStore, mailer } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** Scheduled: reminds partner agencies whose answers are late, and publishes how many are, zero included. */
export const handler = withObservability(
  async (_event: unknown, context: Context) => {
    mailer().registerLambdaContext(context);
    const result = await remindOverduePartnerRequests({
      store: contactStore(),
      mailer: mailer(),
      config: config(),
      now: new Date(),
    });
    metrics.addMetric('OverduePartnerRequests', MetricUnit.Count, result.overdue);
    logger.info('Overdue partner requests reminded', result);
    return result;
  },
  { metrics: true },
);
