import { Arn, Stack, type Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';
import { functionMaker } from './front-door-function';
import { QueueWithDeadLetters, type QueueWithDeadLettersProps } from './queue-with-dead-letters';

export interface DeliveryProblemsProps {
  contacts: TableV2;
  /** The settings every function shares (see shared/config.ts). */
  environment: Record<string, string>;
  queue: QueueWithDeadLettersProps;
  /** Below the queue's visibility timeout, so a message is not redelivered while still being worked on. */
  consumerTimeout: Duration;
}

/**
 * Bounces and complaints: every email goes out through one SES configuration set, whose event
 * destination publishes BOUNCE and COMPLAINT events to an encrypted topic, delivered raw to a
 * queue (with dead letters) whose consumer marks the contact "referrer not reached". The queue is
 * also the local stand-in: SES never bounces locally, so a test drops an SES-shaped event on it.
 */
export class DeliveryProblems extends Construct {
  /** Name of the configuration set every mailing function sends through. */
  readonly configurationSetName: string;
  /** What `ses:SendEmail` must also be allowed on when a configuration set is named. */
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: DeliveryProblemsProps) {
    super(scope, id);
    const key = DataProtectionKey.of(this);
    const stack = Stack.of(this);
    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet');
    this.configurationSetName = configurationSet.configurationSetName;
    this.configurationSetArn = Arn.format(
      { service: 'ses', resource: 'configuration-set', resourceName: this.configurationSetName },
      stack,
    );

    // Events name the referrer's address, so the topic is encrypted with the stack's key, which
    // SES may use only to publish this account's configuration set's events.
    const topic = new Topic(this, 'Events', { masterKey: key, enforceSSL: true });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.configurationSetArn } },
      }),
    );
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    const queue = new QueueWithDeadLetters(this, 'BouncesAndComplaints', props.queue);
    // Raw delivery: the message body is SES's event itself, the same shape the local test sends.
    topic.addSubscription(new SqsSubscription(queue.queue, { rawMessageDelivery: true }));

    const consumer = functionMaker(this)('RecordDeliveryProblem', {
      entry: 'functions/referrer/delivery-problems.ts',
      description: 'Marks a contact "referrer not reached" when mail to the referrer bounced or drew a complaint',
      environment: props.environment,
      timeout: props.consumerTimeout,
    });
    props.contacts.grantReadWriteData(consumer);
    queue.consumedBy(consumer);
  }
}
