import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { beginTriage } from '../../shared/front-door/triage-steps';
import { contactStore } from '../lib/dependencies';
import { metrics } from '../lib/observability';
import { triageStep } from '../lib/triage-step';

/** Every channel's notifications pass through here once, so this is where they are counted. */
export const handler = triageStep(async ({ contactId }) => {
  const state = await beginTriage(contactId, { store: contactStore(), now: new Date() });
  if (state.firstAttempt) {
    const received = metrics.singleMetric();
    received.addDimensions({ channel: state.channel, source: state.source ?? 'unknown' });
    received.addMetric('NotificationsReceived', MetricUnit.Count, 1);
  }
  return state;
});
