import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';

export interface QueueWithDeadLettersProps {
  visibilityTimeout: Duration;
  maxReceiveCount: number;
}

/**
 * A work queue whose poison messages move to a dead-letter queue instead of being lost:
 * the dead letters are kept for the full 14 days SQS allows, for an operator to redrive.
 */
export class QueueWithDeadLetters extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: QueueWithDeadLettersProps) {
    super(scope, id);
    const encryption = { encryption: QueueEncryption.KMS, encryptionMasterKey: DataProtectionKey.of(this) };
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      ...encryption,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(14),
      ...encryption,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    // Named outputs let `front-door ops dlq …` find the pair, in AWS and locally alike.
    new CfnOutput(this, 'QueueUrl', { key: `${id}Url`, value: this.queue.queueUrl });
    new CfnOutput(this, 'DeadLettersUrl', { key: `${id}DeadLettersUrl`, value: this.deadLetterQueue.queueUrl });
  }
}
