import { readFileSync } from 'node:fs';
import { contactFrom, expectStatus } from '../../shared/contacts';
import { join } from 'node:path';
import type { Mailer } from '../../shared/mail/mailer';
import type { MessageQueue } from '../../shared/front-door/ports';
import type { EmailMessage } from '../../shared/mail/message';
import { receiveEmail } from '../../shared/email-intake/receive';
import type { SenderVerdicts } from '../../shared/email-intake/sender';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryIntakeStore } from '../support/memory-intake-store';
import { allegationIdFor, referAllegation } from '../../shared/lado/referral';
import {
  calendar,
  ladoSettings,
  mailConfig,
  matchKey,
  memoryAllegations,
  memoryContacts,
  memoryMailer,
} from '../lado/memory';

/** The email intake use case on the MIME samples in events/email, with in-memory ports. */
const sample = (name: string) => readFileSync(join(__dirname, '../../events/email', name));

const config = testRuntimeConfig({ INBOUND_EMAIL_MAX_BYTES: '4096' });

const setUp = () => {
  const { store, contacts } = memoryIntakeStore();
  const queued: string[] = [];
  const sent: EmailMessage[] = [];
  const triageQueue: MessageQueue = { send: async ({ contactId }) => void queued.push(contactId) };
  const mailer: Mailer = {
    sendOnce: async (m) => void (sent.some((s) => s.idempotencyKey === m.idempotencyKey) || sent.push(m)),
  };
  const receive = (
    name: string,
    raw = sample(name),
    verdicts: SenderVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  ) =>
    receiveEmail(
      raw,
      { bucket: 'inbound', key: `mail/${name}`, messageId: name, now: new Date('2026-11-20T10:00:00Z'), verdicts },
      { store, triageQueue, mailer, config },
    );
  return { contacts, queued, sent, receive };
};

describe('email intake', () => {
  it('flags a sender SES could not authenticate on the contact, and never replies to the borrowed address', async () => {
    // Prepare
    const { contacts, sent, receive } = setUp();
    // Act
    const result = await receive('free-text-with-attachment.eml', undefined, {
      spf: 'FAIL',
      dkim: 'FAIL',
      dmarc: 'FAIL',
    });
    // Assess: kept (a real concern must not be lost), flagged, unanswered.
    expect(result.outcome).toBe('needs-completing');
    expect([...contacts.values()][0]!.senderAuthentication).toEqual({
      spf: 'FAIL',
      dkim: 'FAIL',
      dmarc: 'FAIL',
      authenticated: false,
    });
    expect(sent).toEqual([]);
  });

  it('marks an authenticated template email as such on its contact', async () => {
    const { contacts, receive } = setUp();
    await receive('template.eml');
    expect([...contacts.values()][0]!.senderAuthentication).toMatchObject({ authenticated: true });
  });

  it('never stores or replies to a crafted From that is not a plain address', async () => {
    const { contacts, sent, receive } = setUp();
    const crafted = Buffer.from(
      sample('free-text-with-attachment.eml')
        .toString('utf8')
        .replace(/^From: .*$/m, 'From: <script>alert(1)</script>@mail.example'),
    );
    const result = await receive('crafted-from.eml', crafted);
    expect(result.outcome).toBe('refused');
    expect(contacts.size).toBe(0);
    expect(sent).toEqual([]);
  });

  it('turns an email that follows the template into a notification queued for triage, once', async () => {
    const { contacts, queued, receive } = setUp();
    const first = await receive('template.eml');
    const again = await receive('template.eml');
    expect(first.outcome).toBe('accepted');
    expect(again).toEqual({ outcome: 'already-accepted', contactId: (first as { contactId: string }).contactId });
    const contact = [...contacts.values()][0]!;
    expect(contact).toMatchObject({ status: 'received', channel: 'email' });
    expect(expectStatus(contact, 'received').notification.children[0]!.firstName).toBe('Ellie');
    expect(queued).toHaveLength(2);
  });

  it("keeps a concern about one child, written under that child in the template, as that child's own", async () => {
    // Prepare: Ellie's brother Finn, who cares for their mother; the neglect is about both.
    const { contacts, receive } = setUp();
    const raw = sample('template.eml')
      .toString()
      .replace('<template-1@', '<template-2@')
      .replace(
        'parentsAndCarers:',
        [
          '  - firstName: Finn',
          '    lastName: Fictional',
          '    dateOfBirth: 2014-06-02',
          '    gender: a',
          '    address: { line1: 1 Sample Street, town: Exampleton, postcode: ZZ1 1AA }',
          '    concerns:',
          '      indicators: [young-carer]',
          'parentsAndCarers:',
        ].join('\r\n'),
      );
    // Act
    const result = await receive('template-two-children.eml', Buffer.from(raw));
    // Assess
    expect(result.outcome).toBe('accepted');
    const notification = expectStatus([...contacts.values()][0]!, 'received').notification;
    expect(notification.concerns.factors).toEqual(['16A']);
    expect(notification.children.map((c) => c.concerns)).toEqual([
      undefined,
      { factors: [], indicators: ['young-carer'] },
    ]);
  });

  it('turns an emailed notification about a teacher into an allegation for the LADO, not a contact about the child alone', async () => {
    // Prepare
    const { contacts, queued, receive } = setUp();
    // Act: the email intake stores the notification; triage's ReferAllegation step then refers it.
    const received = await receive('adult-concern.eml');
    const contact = [...contacts.values()][0]!;
    const allegations = memoryAllegations();
    const lado = memoryMailer();
    const referred = await referAllegation(contact.contactId, {
      contacts: memoryContacts([contactFrom({ ...contact, status: 'triaging' })]).store,
      allegations: allegations.store,
      mailer: lado.mailer,
      mail: mailConfig,
      settings: ladoSettings,
      matchKey,
      calendar,
      now: new Date('2026-11-23T10:00:05Z'),
    });
    // Assess
    expect(received.outcome).toBe('accepted');
    expect(queued).toEqual([contact.contactId]);
    expect(contact.notification?.adultConcern).toMatchObject({
      name: 'Alex Testperson',
      employer: 'Example Primary School',
      sector: 'education',
      stillWorkingWithChildren: 'yes',
    });
    expect(referred).toMatchObject({
      childContact: false,
      allegation: { firstTime: true, sector: 'education', source: '2A' },
    });
    expect(allegations.allegations.get(allegationIdFor(contact.contactId))).toMatchObject({
      status: 'awaiting-consideration',
      notificationReference: contact.reference,
      person: { role: 'Class teacher and PE lead' },
      children: [{ name: 'Noah Placeholder' }],
    });
  });

  it('keeps a free-text email with its attachment as a contact that needs completing, and says so to the sender', async () => {
    const { contacts, queued, sent, receive } = setUp();
    expect((await receive('free-text-with-attachment.eml')).outcome).toBe('needs-completing');
    const contact = [...contacts.values()][0]!;
    expect(contact.status).toBe('needs-completing');
    expect(contact.incomingEmail).toMatchObject({
      from: 'pat.neighbour@mail.example',
      subject: 'Worried about the children next door',
      attachments: [{ filename: 'notes.pdf', contentType: 'application/pdf' }],
      rawMessage: { bucket: 'inbound', key: 'mail/free-text-with-attachment.eml' },
    });
    expect(contact.incomingEmail!.text).toContain('left on their own every evening');
    expect(queued).toEqual([]);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['pat.neighbour@mail.example', `We have received your email: reference ${contact.reference}`],
    ]);
  });

  it('keeps only the text of an HTML body: no script, no markup, nothing that could run', async () => {
    const { contacts, receive } = setUp();
    await receive('html-with-script.eml');
    const { text } = [...contacts.values()][0]!.incomingEmail!;
    expect(text).toContain('has bruises on his arms');
    expect(text).not.toMatch(/<|script|alert|onerror|evil\.example/i);
  });

  it('keeps the text of an HTML email with a picture in it, as Outlook sends one', async () => {
    // Prepare: multipart/related with no plain part (mailparser kept no text of these at all).
    const { contacts, receive } = setUp();
    const html = sample('html-with-script.eml')
      .toString('utf8')
      .replace(
        'Content-Type: text/html; charset=utf-8\r\n',
        'Content-Type: multipart/related; boundary="r"\r\n\r\n--r\r\nContent-Type: text/html; charset=utf-8\r\n',
      )
      .concat('--r\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n');

    // Act
    const result = await receive('outlook-html.eml', Buffer.from(html));

    // Assess
    expect(result.outcome).toBe('needs-completing');
    const { text, attachments } = [...contacts.values()][0]!.incomingEmail!;
    expect(text).toBe('The boy at 5 Fictional Row has bruises on his arms.');
    expect(attachments).toEqual([{ filename: 'attachment', contentType: 'image/png', size: 8 }]);
  });

  it('refuses a message nested past the parser limits as unreadable, storing nothing', async () => {
    // Prepare
    const { contacts, sent, receive } = setUp();
    const nesting = Array.from(
      { length: 60 },
      (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`,
    );
    const raw = Buffer.from(`From: pat.neighbour@mail.example\nSubject: deep\n${nesting.join('')}\ntext\n`);

    // Act
    const result = await receive('deep.eml', raw);

    // Assess
    expect(result).toEqual({ outcome: 'refused', reason: 'we could not read it as an email.' });
    expect(contacts.size).toBe(0);
    expect(sent.map((m) => m.to)).toEqual(['pat.neighbour@mail.example']);
  });

  it('refuses malformed, oversized and unsupported messages with a reply, storing nothing', async () => {
    const { contacts, sent, receive } = setUp();
    expect((await receive('malformed.eml')).outcome).toBe('refused');
    const big = Buffer.concat([sample('free-text-with-attachment.eml'), Buffer.alloc(5000, 'A')]);
    expect(await receive('oversized.eml', big)).toEqual({
      outcome: 'refused',
      reason: expect.stringContaining('larger than'),
    });
    expect(await receive('unsupported-attachment.eml')).toEqual({
      outcome: 'refused',
      reason: expect.stringContaining('application/x-msdownload'),
    });
    expect(contacts.size).toBe(0);
    expect(sent.map((m) => m.to)).toEqual(['pat.neighbour@mail.example', 'dsl@school.example']);
    expect(sent[0]!.text).toContain('We have not kept any of it');
  });

  it('keeps a template email that fails validation for a worker, with the errors', async () => {
    const { contacts, receive } = setUp();
    const broken = sample('template.eml')
      .toString('utf8')
      .replace(/expectation: .*\r\n/, '');
    expect((await receive('broken-template.eml', Buffer.from(broken))).outcome).toBe('needs-completing');
    expect([...contacts.values()][0]!.incomingEmail!.templateErrors).toEqual([
      { path: 'expectation', message: 'This field is required' },
    ]);
  });
});
