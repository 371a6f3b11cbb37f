import { ContactWrite } from '../../shared/contacts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { followed, post, signIn, submitAndTriage, versionOnPage } from './helpers';

/**
 * Partner information requests whose answers are late are chased by the hourly schedule (run
 * every two seconds here): once per request, at the address the worker gave, with the child's
 * details only for a secure domain.
 */
describe('reminders for overdue partner information requests', () => {
  let system: RunningLocalSystem;

  beforeAll(async () => {
    process.env.FRONT_DOOR_SCHEDULE_SECONDS = '2';
    system = await startLocalSystem().finally(() => delete process.env.FRONT_DOOR_SCHEDULE_SECONDS);
  }, 120_000);
  afterAll(() => system?.stop(), 60_000);

  const reminders = async (to: string) =>
    (await system.mailbox()).filter(
      (m) => m.subject.startsWith('Reminder: we are waiting for your answer') && m.destination.to.includes(to),
    );

  it('asks for the address, then reminds each overdue request once and counts them', async () => {
    const contactId = await submitAndTriage(system, 'school-neglect');
    const worker = await signIn(system, 'sam.okafor');
    const ask = async (fields: Record<string, string>) =>
      post(
        system,
        `/console/contacts/${contactId}/request-information`,
        { version: await versionOnPage(system, contactId, worker), ...fields },
        worker,
      );

    const noAddress = await ask({ agency: 'health', question: 'Is Ellie registered with a GP?' });
    expect((await followed(system, noAddress, worker)).text).toContain(
      'Enter the email address you sent the request to',
    );
    expect(
      (
        await ask({
          agency: 'health',
          question: 'Is Ellie registered with a GP?',
          sentTo: 'safeguarding@health.example',
        })
      ).status,
    ).toBe(303);
    expect(
      (await ask({ agency: 'police', question: 'Any call-outs to the home?', sentTo: 'mash@police.example' })).status,
    ).toBe(303);
    expect(
      (await ask({ agency: 'education', question: 'Attendance this year?', sentTo: 'attendance@school.example' }))
        .status,
    ).toBe(303);

    // Two of the three answers become late; the third is answered before it is due.
    const store = new DynamoContactStore(
      system.endpoints.outputs.ContactsTableName!,
      new DynamoDBClient(system.clientConfig('dynamodb')),
    );
    const contact = (await store.get(contactId))!;
    const late = new Date(Date.now() - 3600_000).toISOString();
    await store.update(
      contactId,
      contact.version ?? 0,
      ContactWrite.change(contact, {
        partnerRequests: contact.partnerRequests!.map((r) => (r.agency === 'education' ? r : { ...r, dueAt: late })),
      }),
      new Date().toISOString(),
    );

    await waitFor(
      async () =>
        (await reminders('safeguarding@health.example')).length && (await reminders('mash@police.example')).length
          ? true
          : undefined,
      'two reminders',
      30_000,
    );
    const health = (await reminders('safeguarding@health.example'))[0];
    const police = (await reminders('mash@police.example'))[0]!;
    expect(health!.body.text).toContain('CFC-');
    expect(health!.body.text).not.toContain('Ellie');
    expect(health!.body.text).not.toContain('GP');
    expect(police.body.text).toContain('The question: Any call-outs to the home?');
    expect(police.body.text).toContain('Ellie Fictional');

    // Later runs find the same overdue requests and send nothing new.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await reminders('safeguarding@health.example')).toHaveLength(1);
    expect(await reminders('mash@police.example')).toHaveLength(1);
    expect(await reminders('attendance@school.example')).toHaveLength(0);
    expect(system.output()).toMatch(/λ RemindOverduePartnerRequests\S* \S+ ok/);
    expect(system.output()).toContain('OverduePartnerRequests');
  }, 90_000);
});
