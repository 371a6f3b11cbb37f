import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { requeueStalledContacts } from '../../shared/front-door/stalled';
import { contactStore, triageQueue } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** Scheduled: queues again any contact stored but still waiting for triage to begin. */
export const handler = withObservability(async () => {
  const requeued = await requeueStalledContacts({ store: contactStore(), triageQueue: triageQueue(), now: new Date() });
  metrics.addMetric('StalledContactsRequeued', MetricUnit.Count, requeued);
  if (requeued) logger.warn('Stalled contacts queued again', { requeued });
  return { requeued };
}, { metrics: true });
