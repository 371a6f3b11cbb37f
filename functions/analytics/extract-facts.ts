import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { rulesetCalendar } from '../../shared/rules';
import { extractFacts } from '../../shared/reporting/extract';
import { officeCalendar } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';
import { allegationArchive, analyticsKey, contactArchive, factsSink } from './dependencies';

/** Scheduled: every contact's and allegation's pseudonymised facts, as a new Parquet snapshot for the board's measures. */
export const handler = withObservability(
  async () => {
    const result = await extractFacts({
      archive: contactArchive(),
      allegations: allegationArchive(),
      sink: await factsSink(),
      calendar: officeCalendar() ?? rulesetCalendar(),
      secret: await analyticsKey(),
      now: new Date(),
    });
    metrics.addMetric('FactsExtracted', MetricUnit.Count, result.rows);
    logger.info('Analytics facts extracted', result);
    return result;
  },
  { metrics: true },
);
