import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { applyLevelsOfNeed } from '../../shared/front-door/triage-steps';
import { acknowledgementQueue, caseRegistry, contactStore, matchKey, officeCalendar } from '../lib/dependencies';
import { metrics } from '../lib/observability';
import { triageStep } from '../lib/triage-step';

export const handler = triageStep(
  async ({ contactId }) => {
    const recommendation = await applyLevelsOfNeed(contactId, {
      store: contactStore(),
      cases: caseRegistry(),
      matchKey: await matchKey(),
      now: new Date(),
      calendar: officeCalendar(),
      acknowledgements: acknowledgementQueue(),
    });
    // Counted per child, as the CIN census counts children: a notification about two children is two.
    for (const child of recommendation.children) {
      const recommended = metrics.singleMetric();
      recommended.addDimension('level', String(child.level));
      recommended.addMetric('Recommendations', MetricUnit.Count, 1);
    }
    return recommendation;
  },
  { metrics: true },
);
