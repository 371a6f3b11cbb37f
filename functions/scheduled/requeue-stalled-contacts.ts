import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { requeueStalledContacts } from '../../shared/front-door/stalled';
import { contactStore, triageQueue, triageWorkflow } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** Scheduled: queues again contacts still waiting for triage to begin, and restarts those whose execution ended part-way. */
export const handler = withObservability(
  async () => {
    const { requeued, restarted, waiting } = await requeueStalledContacts({
      store: contactStore(),
      triageQueue: triageQueue(),
      workflow: triageWorkflow(),
      now: new Date(),
    });
    metrics.addMetric('StalledContactsRequeued', MetricUnit.Count, requeued);
    metrics.addMetric('StuckTriageRestarted', MetricUnit.Count, restarted);
    if (requeued || restarted) logger.warn('Stalled contacts queued again or restarted', { requeued, restarted });
    if (waiting) logger.info('Contacts waiting behind the triage queue, not queued again', { waiting });
    return { requeued, restarted, waiting };
  },
  { metrics: true },
);
