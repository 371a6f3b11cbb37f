import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { INBOUND_PREFIX } from '../../shared/email-intake/inbound';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { sendSmtp } from '../support/smtp';

/**
 * Email intake end to end on the local system: mail delivered over SMTP runs the template's SES
 * receipt rule (raw message into the inbound bucket, then the intake function), as SES does in AWS.
 */
const sample = (name: string) => readFileSync(join(__dirname, '../../events/email', name), 'utf8');
const INBOUND = 'notify@exampleshire.example';

describe('email intake over local SMTP', () => {
  const local = useLocalSystem();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(local.system);
  });

  /** Delivers a sample and returns the contact SES's message id leads to (the raw message's key is its idempotency key). */
  const deliver = async (name: string, from: string) => {
    const reply = await sendSmtp(local.system.endpoints.smtp, { from, to: [INBOUND] }, sample(name));
    const messageId = /^250 Ok (\w+)$/.exec(reply)?.[1];
    expect(messageId).toBeDefined();
    return { messageId: messageId!, contactId: await api.contactIdOfEmail(messageId!) };
  };

  it('runs the receipt rule the template defines', () => {
    expect(local.system.summary.receiptRules).toEqual([`${INBOUND} → S3, Lambda`]);
  });

  it('turns an email in the template into a notification that is triaged and acknowledged', async () => {
    const { messageId, contactId } = await deliver('template.eml', 'dsl@school.example');
    const contact = await api.contactInStatus(contactId, 'awaiting-decision');
    expect(contact.channel).toBe('email');
    const stored = await new S3Client({ ...local.system.clientConfig('s3'), forcePathStyle: true }).send(
      new GetObjectCommand({
        Bucket: local.system.summary.buckets.find((b) => b.includes('inbound'))!,
        Key: `${INBOUND_PREFIX}${messageId}`,
      }),
    );
    expect(await stored.Body!.transformToString()).toContain('--- BEGIN FRONT DOOR NOTIFICATION ---');
    await api.emailTo('dsl@school.example', new RegExp(contact.reference));
  }, 60_000);

  it('keeps a free-text email with its attachment list for a worker to complete, and replies', async () => {
    const { contactId } = await deliver('free-text-with-attachment.eml', 'pat.neighbour@mail.example');
    const contact = await api.contactInStatus(contactId, 'needs-completing');
    expect(contact.incomingEmail).toMatchObject({
      subject: 'Worried about the children next door',
      attachments: [expect.objectContaining({ filename: 'notes.pdf' })],
    });
    const reply = await api.emailTo('pat.neighbour@mail.example', /We have received your email/);
    expect(reply.subject).toContain(contact.reference);
  }, 60_000);

  it('drops a message SES found a virus in, unread and unanswered', async () => {
    const bucket = local.system.summary.buckets.find((b) => b.includes('inbound'))!;
    const s3 = new S3Client({ ...local.system.clientConfig('s3'), forcePathStyle: true });
    const messageId = 'infected0message0000000000';
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${INBOUND_PREFIX}${messageId}`, Body: sample('template.eml') }),
    );
    const event = JSON.parse(sample('receive.json'));
    event.Records[0].ses.mail.messageId = messageId;
    event.Records[0].ses.receipt.virusVerdict = { status: 'FAIL' };
    const eventFile = join(local.system.dataDir, 'infected-event.json');
    writeFileSync(eventFile, JSON.stringify(event));
    const bin = join(__dirname, '..', '..', 'node_modules', '.bin');
    await promisify(execFile)(
      join(bin, 'tsx'),
      ['infra/local/invoke.ts', 'EmailIntake', eventFile, '--data-dir', local.system.dataDir],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
      },
    );
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${INBOUND_PREFIX}${messageId}` })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(api.contactIdOfEmail(messageId, 1_000)).rejects.toThrow();
    expect(await api.emailsTo('dsl@school.example')).toHaveLength(1);
  }, 60_000);

  it('refuses mail for an address no receipt rule is for, as SES does', async () => {
    await expect(
      sendSmtp(
        local.system.endpoints.smtp,
        { from: 'someone@mail.example', to: ['nobody@elsewhere.example'] },
        sample('template.eml'),
      ),
    ).rejects.toThrow(/RCPT got 550/);
  });
});
