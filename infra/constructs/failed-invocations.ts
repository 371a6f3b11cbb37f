import { Duration, Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';

/**
 * Where an asynchronously invoked function's failures go once Lambda's retries are spent (SES
 * invokes email intake this way): the failed event, with its error, kept 14 days in a queue
 * the operations alarms watch, so a failure is never silent and the message can be replayed.
 */
export class FailedInvocations extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: { fn: LambdaFunction }) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: DataProtectionKey.of(this),
      enforceSSL: true,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of a function; an alarm fires on any message in it.',
    });
    props.fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.queue), retryAttempts: 2 });
  }
}
