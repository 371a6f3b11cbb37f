import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createWorkingCalendar } from '../../shared/calendar';
import { requireSetting, runtimeConfig, type RuntimeConfig } from '../../shared/config';
import { DynamoCaseRegistry } from '../../shared/aws/dynamo-case-registry';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoRateCounters } from '../../shared/aws/dynamo-rate-counters';
import { DynamoHandoverStore } from '../../shared/aws/dynamo-handover-store';
import { DynamoConsultationStore } from '../../shared/aws/dynamo-consultation-store';
import { DynamoStatusCodeStore } from '../../shared/aws/dynamo-status-code-store';
import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import { DynamoRevokedSessions } from '../../shared/aws/dynamo-revoked-sessions';
import { S3RawMessageStore } from '../../shared/aws/s3-raw-message-store';
import { matchKeyReader, rateLimitKeyReader } from '../../shared/aws/secrets-manager-key';
import { SesMailer } from '../../shared/aws/ses-mailer';
import { SqsQueue } from '../../shared/aws/sqs-queue';
import { StepFunctionsWorkflow } from '../../shared/aws/step-functions-workflow';
import { leasedRateLimiter } from '../../shared/web/leased-rate-limiter';
import { metrics } from './observability';

/**
 * The adapters a handler needs, built once per cold start from the function's environment.
 * Each is created on first use, so a function only needs the settings it actually uses.
 *
 * Once per function, named by AWS_LAMBDA_FUNCTION_NAME: in AWS a process runs one function, so
 * this is plain once; the local runtime (infra/local) runs every function in one process and one
 * module graph, giving each invocation its own function's process.env, and a value built from one
 * function's environment must not be handed to the next function that asks. A Map lookup a call.
 */
export const once = <T>(make: () => T): (() => T) => {
  const made = new Map<string | undefined, T>();
  return () => {
    const fn = process.env.AWS_LAMBDA_FUNCTION_NAME;
    if (!made.has(fn)) made.set(fn, make());
    return made.get(fn) as T;
  };
};

export const config = once((): RuntimeConfig => runtimeConfig());
/** The area's office hours from configuration, when set; otherwise the ruleset's own. */
export const officeCalendar = once(() => {
  const officeHours = config().OFFICE_HOURS;
  return officeHours ? createWorkingCalendar({ officeHours }) : undefined;
});
export const contactStore = once(
  () => new DynamoContactStore(config().CONTACTS_TABLE, undefined, config().CONTACT_RETENTION_YEARS),
);
export const handoverStore = once(
  () => new DynamoHandoverStore(config().CONTACTS_TABLE, undefined, config().CONTACT_RETENTION_YEARS),
);
export const consultationStore = once(
  () => new DynamoConsultationStore(config().CONTACTS_TABLE, undefined, config().CONTACT_RETENTION_YEARS),
);
export const statusCodes = once(() => new DynamoStatusCodeStore(config().CONTACTS_TABLE));
export const referrerAddresses = once(
  () => new DynamoReferrerAddresses(config().CONTACTS_TABLE, undefined, config().CONTACT_RETENTION_YEARS),
);
/** Per-source request counters, shared by every instance (shared/web/rate-limit.ts). */
export const rateLimiter = once(() =>
  leasedRateLimiter(
    new DynamoRateCounters(config().CONTACTS_TABLE),
    rateLimitKeyReader(config().RATE_LIMIT_KEY_SECRET_ARN),
  ),
);
export const revokedSessions = once(() => new DynamoRevokedSessions(config().CONTACTS_TABLE));
export const mailer = once(
  () =>
    new SesMailer(
      config().IDEMPOTENCY_TABLE,
      config().SENDER_ADDRESS,
      undefined,
      () => metrics.singleMetric().addMetric('EmailsFailed', MetricUnit.Count, 1),
      config().SES_CONFIGURATION_SET,
    ),
);
const readMatchKey = once(() => matchKeyReader(config().MATCH_KEY_SECRET_ARN));
/** The area's match key (Secrets Manager, once per cold start), for the functions that make match keys. */
export const matchKey = (): Promise<string> => readMatchKey()();
/**
 * What sending a referrer's acknowledgement needs: its own queue's consumer sends it, and so does
 * the outcome's when the acknowledgement is still pending (the outcome must not overtake it).
 */
export const acknowledgementDependencies = async () => ({
  store: contactStore(),
  mailer: mailer(),
  config: config(),
  addresses: referrerAddresses(),
  matchKey: await matchKey(),
});
export const caseRegistry = once(() => new DynamoCaseRegistry(requireSetting(config(), 'CASE_REGISTRY_TABLE')));
/** Raw inbound emails as SES stored them in the inbound bucket. */
export const rawMessages = once(() => new S3RawMessageStore());
export const triageQueue = once(() => new SqsQueue(requireSetting(config(), 'TRIAGE_QUEUE_URL')));
export const outcomeQueue = once(() => new SqsQueue(requireSetting(config(), 'OUTCOME_QUEUE_URL')));
export const acknowledgementQueue = once(() => new SqsQueue(requireSetting(config(), 'ACKNOWLEDGEMENT_QUEUE_URL')));
export const triageWorkflow = once(
  () => new StepFunctionsWorkflow(requireSetting(config(), 'TRIAGE_STATE_MACHINE_ARN')),
);
