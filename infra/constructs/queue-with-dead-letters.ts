import { CfnOutput, Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
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

  /**
   * Has `consumer` take the queue's messages ten at a time, reporting only the failed ones back
   * (functions/lib/queue-consumer.ts), so one bad message never makes its batch-mates run again.
   */
  consumedBy(consumer: IFunction, options: { maxConcurrency?: number; maxBatchingWindow?: Duration } = {}): void {
    consumer.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, ...options }),
    );
  }
}
