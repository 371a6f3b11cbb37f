import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { countOverdueContacts } from '../../shared/front-door/overdue';
import { contactStore } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** Scheduled: publishes how many contacts are past their decision due time, zero included. */
export const handler = withObservability(
  async () => {
    const overdue = await countOverdueContacts({ store: contactStore(), now: new Date() });
    metrics.addMetric('OverdueContacts', MetricUnit.Count, overdue);
    logger.info('Overdue contacts counted', { overdue });
    return { overdue };
  },
  { metrics: true },
);
