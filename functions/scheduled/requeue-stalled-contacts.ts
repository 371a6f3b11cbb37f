import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { requeueStalledContacts } from '../../shared/front-door/stalled';
import { acknowledgementQueue, contactStore, triageQueue, triageWorkflow } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** Scheduled: queues again contacts still waiting for triage to begin, restarts those whose execution ended part-way, and queues again acknowledgements left unqueued. */
export const handler = withObservability(
  async () => {
    const { requeued, restarted, waiting, acknowledgementsRequeued } = await requeueStalledContacts({
      store: contactStore(),
      triageQueue: triageQueue(),
      acknowledgementQueue: acknowledgementQueue(),
      workflow: triageWorkflow(),
      now: new Date(),
    });
    metrics.addMetric('StalledContactsRequeued', MetricUnit.Count, requeued);
    metrics.addMetric('StuckTriageRestarted', MetricUnit.Count, restarted);
    metrics.addMetric('AcknowledgementsRequeued', MetricUnit.Count, acknowledgementsRequeued);
    if (requeued || restarted || acknowledgementsRequeued)
      logger.warn('Stalled contacts queued again or restarted', { requeued, restarted, acknowledgementsRequeued });
    if (waiting) logger.info('Contacts waiting behind their queue, not queued again', { waiting });
    return { requeued, restarted, waiting, acknowledgementsRequeued };
  },
  { metrics: true },
);
