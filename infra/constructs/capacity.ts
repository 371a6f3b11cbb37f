import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * How much of the pipeline runs at once, so a burst (a police force's overnight batch, a
 * backlog after an outage) waits in the triage queue and drains at the rate the tables and SES
 * allow, instead of failing. The local runtime reads the same numbers from the template and
 * caps every function further for a laptop.
 *
 * Reserved concurrency also keeps these functions from starving the HTTP API of the account's
 * concurrency; together they reserve well under the 1,000 an account has by default (AWS
 * requires 100 to stay unreserved, so an account still at a new account's low limit must ask
 * for a raise before deploying).
 */
export const CAPACITY = {
  /** Each triage step reads and writes a few small DynamoDB items: on-demand tables take this easily. */
  triageStep: 10,
  /**
   * Functions that send email one at a time (the duty alert, the acknowledgement queue's consumer):
   * SES accounts start at 14 messages a second, and each send takes ~100 ms.
   */
  emailStep: 2,
  /** Records failures only; a burst of failures must not crowd out the steps that would mend them. */
  markFailed: 2,
  /** Batches of the triage queue started at once (SQS maximum concurrency, at least 2). */
  startTriageBatches: 2,
  /** Batches of decisions' outcome emails sent at once. */
  outcomeBatches: 2,
} as const;

/**
 * Receives before an acknowledgement is dead-lettered: a send SES throttles fails its message,
 * which comes back after the visibility timeout, so a long burst must not walk it into the
 * dead-letter queue (50 receives at a minute's visibility is most of an hour of throttling).
 */
export const ACKNOWLEDGEMENT_RECEIVES = 50;

/**
 * Receives before a decision's outcome is dead-lettered. Besides SES throttling, as the
 * acknowledgement's, a red contact's outcome waits for its duty alert to be recorded: its message
 * fails until then (shared/front-door/decisions.ts sendOutcome), and a worker may decide a red
 * contact before the alert step has run. That step is retried for about ten minutes within an
 * execution of at most fifteen, and an execution that ends first is started again by the stall
 * sweeper every five minutes, up to five attempts: well over the five receives (five minutes at
 * a minute's visibility) the outcome queue had, under two hours at worst. 120 receives at a
 * minute's visibility is two hours, so only an alert that could not be sent at all leaves the
 * outcome in the dead-letter queue, whose alarm calls an engineer.
 */
export const OUTCOME_RECEIVES = 120;

/**
 * Lambda refusing work (throttled at its reserved concurrency) or a step timing out under load
 * is a reason to wait, not to fail: retried for up to about ten minutes, with full jitter so
 * that the executions of a burst do not all come back in the same second.
 */
export const WAIT_FOR_CAPACITY: RetryProps = {
  errors: [
    'Lambda.TooManyRequestsException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Sandbox.Timedout',
    'States.Timeout',
  ],
  maxAttempts: 12,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
  jitterStrategy: JitterType.FULL,
};

/** Any other error: a few quick retries, jittered, before the contact is marked triage-failed. */
export const RETRY_ERRORS: RetryProps = {
  maxAttempts: 3,
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxDelay: Duration.seconds(10),
  jitterStrategy: JitterType.FULL,
};
