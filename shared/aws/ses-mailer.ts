import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import type { Mailer } from '../mail/mailer';
import { CONTACT_ID_TAG } from '../mail/contact-id-tag';
import type { EmailMessage } from '../mail/message';
import { leanClient } from './lean-client';

/**
 * Sends mail through SES, at most once per message idempotency key. SES itself has no
 * idempotency, and both Step Functions retries and SQS redelivery would otherwise mean a
 * referrer receives the same email twice. Powertools records each key in a DynamoDB table
 * before sending and keeps it for as long as a redelivery could still happen.
 */
const FOURTEEN_DAYS = 14 * 24 * 60 * 60;
/**
 * The least time a send is held "in progress" before a retry may take it over. Powertools holds it
 * for the Lambda's remaining time, and with none left (a handler running on past its timeout, as
 * the local runtime lets it) wrote no in-progress expiry at all: a send killed then blocked its
 * key for the whole fourteen days, every retry failing as already in progress.
 */
export const LEAST_IN_PROGRESS_MS = 10_000;
/**
 * Every function's sends share one key space: a message's idempotency key names the message
 * (`<contact>:acknowledgement`), and the outcome's consumer sends a pending acknowledgement that
 * the acknowledgement's consumer must then find sent. Powertools' default prefix is the function's
 * name (AWS_LAMBDA_FUNCTION_NAME), which gave each function its own keys: the referrer could get
 * the acknowledgement twice. Locally that variable was unset for every function, which hid it.
 */
export const MAIL_KEY_PREFIX = 'front-door-mail';

export class SesMailer implements Mailer {
  private readonly config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    expiresAfterSeconds: FOURTEEN_DAYS,
  });
  readonly sendOnce: (message: EmailMessage) => Promise<void>;

  constructor(
    idempotencyTable: string,
    private readonly from: string,
    private readonly ses: SESv2Client = leanClient(new SESv2Client({})),
    /** Told of every failed send, so failures can be counted even when a retry later succeeds. */
    private readonly onSendFailed: (error: unknown) => void = () => undefined,
    /** Publishes bounces and complaints, which find their contact by the contact-id tag. */
    private readonly configurationSet?: string,
  ) {
    this.sendOnce = makeIdempotent((message: EmailMessage) => this.send(message), {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: idempotencyTable,
        awsSdkV3Client: leanClient(new DynamoDBClient({})),
      }),
      config: this.config,
      keyPrefix: MAIL_KEY_PREFIX,
    });
  }

  /** Lets an interrupted send be retried once the Lambda that started it has timed out. */
  registerLambdaContext(context: Context): void {
    this.config.registerLambdaContext({
      ...context,
      getRemainingTimeInMillis: () => Math.max(context.getRemainingTimeInMillis(), LEAST_IN_PROGRESS_MS),
    });
  }

  private async send(message: EmailMessage): Promise<void> {
    try {
      await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: this.configurationSet,
          EmailTags: message.contactId ? [{ Name: CONTACT_ID_TAG, Value: message.contactId }] : undefined,
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
              },
            },
          },
        }),
      );
    } catch (error) {
      this.onSendFailed(error);
      throw error;
    }
  }
}
