import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get, signIn, submitAndTriage } from '../console/helpers';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

/**
 * Bounces and complaints on the local system. SES never bounces locally, so the test does what
 * SES's event destination does in AWS: it puts an SES bounce event on the queue the template
 * subscribes to the configuration set's topic (raw delivery), and the local poller runs the consumer.
 */
const sampleEvent = () =>
  JSON.parse(
    JSON.parse(readFileSync(join(__dirname, '../../events/sqs/delivery-problems.json'), 'utf8')).Records[0].body,
  );
const REFERRER = 'dsl@example-primary.sch.example';

describe('bounces and complaints', () => {
  const local = useLocalSystem();
  let sqs: SQSClient;
  beforeAll(() => {
    sqs = new SQSClient(local.system.clientConfig('sqs'));
  });
  afterAll(() => sqs?.destroy());

  const publish = async (event: unknown) => {
    const name = local.system.summary.queues.find(
      (q) => q.startsWith('DeliveryProblemsBouncesAndComplaints') && !q.includes('DeadLetters'),
    )!;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }));
  };
  const notReached = (contactId: string) =>
    waitFor(
      async () => (await apiClient(local.system).contact(contactId))?.referrerNotReached,
      `contact ${contactId} to be marked`,
      20_000,
    );

  it('marks the contact "referrer not reached" when the acknowledgement bounced, and the console shows it', async () => {
    const contactId = await submitAndTriage(local.system, 'school-neglect');
    // The acknowledgement went out through the configuration set, tagged with the contact.
    await apiClient(local.system).emailTo(REFERRER, /We have received your notification/);
    const bounce = sampleEvent();
    bounce.mail.tags['contact-id'] = [contactId];
    await publish(bounce);
    expect(await notReached(contactId)).toEqual({
      at: bounce.bounce.timestamp,
      reason: 'the email bounced: the address does not accept mail, General',
    });
    const page = await (
      await get(local.system, `/console/contacts/${contactId}`, await signIn(local.system, 'sam.okafor'))
    ).text();
    expect(page).toContain('could not be reached by email');
    expect(local.system.output()).not.toContain(REFERRER);
  }, 90_000);

  it('marks it on a complaint too, but not when a team address bounced', async () => {
    const contactId = await submitAndTriage(local.system, 'school-neglect');
    const teamBounce = sampleEvent();
    teamBounce.mail.tags['contact-id'] = [contactId];
    teamBounce.bounce.bouncedRecipients = [{ emailAddress: 'early-help@exampleshire.example' }];
    await publish(teamBounce);
    await waitFor(
      async () => (/"outcome":"not-the-referrer"/.test(local.system.output()) ? true : undefined),
      'the team bounce to be handled',
    );
    expect((await apiClient(local.system).contact(contactId)).referrerNotReached).toBeUndefined();
    const complaint = {
      eventType: 'Complaint',
      mail: { ...sampleEvent().mail, tags: { 'contact-id': [contactId] } },
      complaint: {
        complainedRecipients: [{ emailAddress: REFERRER.toUpperCase() }],
        timestamp: '2026-11-21T11:00:00.000Z',
        complaintFeedbackType: 'abuse',
      },
    };
    await publish(complaint);
    expect(await notReached(contactId)).toEqual({
      at: '2026-11-21T11:00:00.000Z',
      reason: 'the referrer reported our email as spam',
    });
  }, 90_000);
});
