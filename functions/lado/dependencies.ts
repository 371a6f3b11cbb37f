import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoAllegationStore } from '../../shared/aws/dynamo-allegation-store';
import { secretsManagerKey } from '../../shared/aws/secrets-manager-key';
import { englandAndWalesCalendar } from '../../shared/calendar';
import { ladoSettings as readSettings } from '../../shared/lado/settings';
import type { Measure } from '../../shared/lado/measures';
import { officeCalendar } from '../lib/dependencies';
import { metrics } from '../lib/observability';

/** The LADO functions' adapters, built once per cold start like the front door's shared ones. */
let settings: ReturnType<typeof readSettings> | undefined;
export const ladoSettings = () => (settings ??= readSettings());
let store: DynamoAllegationStore | undefined;
export const allegationStore = () => (store ??= new DynamoAllegationStore(ladoSettings().ALLEGATIONS_TABLE));
/** Only the local stage's synthetic data is hashed with this; every deployed stage has its own secret. */
const LOCAL_MATCH_KEY = 'local-only-allegation-match-key-not-a-secret';
let readMatchKey: (() => Promise<string>) | undefined;
/** The person-matching key, from Secrets Manager once per cold start. */
export const matchKey = (): Promise<string> => {
  const arn = ladoSettings().MATCH_KEY_SECRET_ARN;
  if (!arn) throw new Error('The LADO pathway is misconfigured: MATCH_KEY_SECRET_ARN is not set for this function');
  if (arn === 'local-default') return Promise.resolve(LOCAL_MATCH_KEY);
  return (readMatchKey ??= secretsManagerKey(arn))();
};
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
