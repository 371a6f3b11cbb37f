import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import startSes from 'aws-ses-v2-local';
import { getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';
import { LEAST_IN_PROGRESS_MS, SesMailer } from '../../shared/aws/ses-mailer';
import type { Mailer } from '../../shared/mail/mailer';
import type { EmailMessage } from '../../shared/mail/message';
import { useDynalite } from '../support/dynalite';
import { reachInProcess } from '../support/in-process';
import { memoryPorts } from '../support/memory-contact-store';

/**
 * The same promise asked of the in-memory mailer the use-case tests use and of the SES mailer on
 * aws-ses-v2-local (with its idempotency records in the stack's sent-emails table on dynalite):
 * an email is sent once per idempotency key, however often a retried step asks, and as written.
 */
const dynalite = useDynalite();
let ses: Awaited<ReturnType<typeof startSes>>;
let sesEndpoint: string;
const saved = { ...process.env };
beforeAll(async () => {
  ses = await startSes({ host: '127.0.0.1', port: 0 });
  reachInProcess(ses);
  sesEndpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  // Powertools makes its own DynamoDB client for the idempotency records: the SDK finds dynalite
  // through the environment, as the local system's handlers do.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint(),
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
  });
});
afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => ses.close(resolve));
});

type Sent = Pick<EmailMessage, 'to' | 'subject' | 'text' | 'html'>;
const inMemory = async () => {
  const { mailer, sent } = memoryPorts();
  return {
    mailer: mailer as Mailer,
    sent: async (): Promise<Sent[]> =>
      [...sent.values()].map(({ to, subject, text, html }) => ({ to, subject, text, ...(html && { html }) })),
  };
};
/** The SES mailer of a function: Powertools reads the function's name when the mailer is made. */
const onSes = async (functionName = 'front-door-SendAcknowledgement', table?: string) => {
  process.env.AWS_LAMBDA_FUNCTION_NAME = functionName;
  const mailer = new SesMailer(
    table ?? (await dynalite.table('sentEmails')),
    'front-door@exampleshire.example',
    new SESv2Client({
      endpoint: sesEndpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
  // As a handler does, so a send interrupted by a timeout could be retried once the Lambda has ended.
  mailer.registerLambdaContext({ getRemainingTimeInMillis: () => 60_000 } as Context);
  const before = getStoreReadonly().emails.length;
  return {
    mailer: mailer as Mailer,
    sent: async (): Promise<Sent[]> =>
      getStoreReadonly()
        .emails.slice(before)
        .map((e) => ({
          to: e.destination.to[0]!,
          subject: e.subject,
          text: e.body.text!,
          ...(e.body.html && { html: e.body.html }),
        })),
  };
};

const message = (key: string, overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  idempotencyKey: key,
  contactId: '01j00000000000000000000001',
  to: 'dsl@school.sch.example',
  subject: 'We have your notification CFC-TEST-0001',
  text: 'Thank you for telling us.',
  ...overrides,
});

describe.each([
  ['in memory', inMemory],
  ['through SES', onSes],
])('the mailer %s', (_name, make) => {
  it('sends each email once, however often a retried step asks, and each different one', async () => {
    // Prepare
    const { mailer, sent } = await make();

    // Act
    await mailer.sendOnce(message('ack-1'));
    await mailer.sendOnce(message('ack-1'));
    await mailer.sendOnce(
      message('outcome-1', { subject: 'Our decision', text: 'We have decided.', html: '<p>We have decided.</p>' }),
    );

    // Assess
    expect(await sent()).toEqual([
      {
        to: 'dsl@school.sch.example',
        subject: 'We have your notification CFC-TEST-0001',
        text: 'Thank you for telling us.',
      },
      {
        to: 'dsl@school.sch.example',
        subject: 'Our decision',
        text: 'We have decided.',
        html: '<p>We have decided.</p>',
      },
    ]);
  });
});

describe('the SES mailers of two functions', () => {
  it('send a message once between them: the outcome sends a pending acknowledgement its own consumer then finds sent', async () => {
    // Prepare
    const table = await dynalite.table('sentEmails');
    const outcomes = await onSes('front-door-SendOutcome', table);
    const acknowledgements = await onSes('front-door-SendAcknowledgement', table);

    // Act
    await outcomes.mailer.sendOnce(message('ack-shared'));
    await acknowledgements.mailer.sendOnce(message('ack-shared'));

    // Assess
    expect(await outcomes.sent()).toHaveLength(1);
  });
});

describe('the SES mailer, a send interrupted after its invocation ran out of time', () => {
  it('holds the send in progress for a bounded time, so a retry can take it over once the sender has died', async () => {
    // Prepare: the invocation has no time left (a local handler runs on past its timeout), and
    // SES never answers, as if the process were killed mid-send.
    const table = await dynalite.table('sentEmails');
    const hanging = { send: () => new Promise(() => undefined) } as unknown as SESv2Client;
    const mailer = new SesMailer(table, 'front-door@exampleshire.example', hanging);
    mailer.registerLambdaContext({ getRemainingTimeInMillis: () => 0 } as Context);

    // Act
    const before = Date.now();
    void mailer.sendOnce(message('ack-killed'));
    const record = await waitForRecord(table);

    // Assess: in progress, but only for a while (without an expiry it would block 14 days).
    expect(record.status?.S).toBe('INPROGRESS');
    const expiry = Number(record.in_progress_expiration?.N);
    expect(expiry).toBeGreaterThanOrEqual(before + LEAST_IN_PROGRESS_MS);
    expect(expiry).toBeLessThanOrEqual(Date.now() + LEAST_IN_PROGRESS_MS);
  });
});

const waitForRecord = async (table: string) => {
  for (;;) {
    const { Items = [] } = await dynalite.client().send(new ScanCommand({ TableName: table }));
    if (Items[0]) return Items[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
