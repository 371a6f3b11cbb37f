import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoAllegationStore } from '../../shared/aws/dynamo-allegation-store';
import { matchKeyReader } from '../../shared/aws/secrets-manager-key';
import { englandAndWalesCalendar } from '../../shared/calendar';
import { ladoSettings as readSettings } from '../../shared/config';
import type { Measure } from '../../shared/lado/measures';
import { officeCalendar, once } from '../lib/dependencies';
import { metrics } from '../lib/observability';

/** The LADO functions' adapters, built once per cold start like the front door's shared ones. */
export const ladoSettings = once(() => readSettings());
export const allegationStore = once(() => new DynamoAllegationStore(ladoSettings().ALLEGATIONS_TABLE));
const readMatchKey = once(() => matchKeyReader(ladoSettings().MATCH_KEY_SECRET_ARN));
/** The person-matching key, the area's one match key, from Secrets Manager once per cold start. */
export const matchKey = (): Promise<string> => readMatchKey()();
/** The LADO's clocks run on the area's office hours, like the front door's. */
export const ladoCalendar = () => officeCalendar() ?? englandAndWalesCalendar();

/** The board's measures, as embedded metric format: one metric per data point, with its own dimensions. */
export const publishMeasures = (measures: Measure[]): void => {
  for (const measure of measures) {
    const single = metrics.singleMetric();
    single.addDimensions(measure.dimensions);
    single.addMetric(measure.name, MetricUnit[measure.unit], measure.value);
  }
};
