import {
  contactFrom as stored,
  newContactId,
  newStatusToken,
  referenceFor,
  type Contact,
  type ContactChanges,
  type DecidedContact,
  type NotifiedContact,
} from '../../shared/contacts';
import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import type { Mailer } from '../../shared/mail/mailer';
import { outcomeEmail } from '../../shared/mail/outcome';
import type { EmailMessage } from '../../shared/mail/message';
import { confirmAddress, openConfirmation } from '../../shared/referrer/address-confirmation';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { memoryReferrerAddresses } from '../support/memory-referrer-addresses';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * "Anyone can make the council email anyone": the first acknowledgement to an address never
 * confirmed (and not on a secure domain) carries the reference, generic text and a link that
 * confirms the address; once confirmed, emails to it greet by name and carry the status link.
 */
const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'police.example' });
const now = new Date('2026-11-30T10:00:00.000Z');
const SPOOFED_NAME = 'Win a prize: call 09098 790 000';

const contactFrom = (email: string, overrides: ContactChanges = {}): Contact => {
  const contactId = newContactId();
  const notification = aSchoolNeglectNotification() as unknown as NotifiedContact['notification'];
  notification.referrer.email = email;
  notification.referrer.name = SPOOFED_NAME;
  return stored({
    contactId,
    reference: referenceFor(contactId),
    statusToken: newStatusToken(contactId),
    status: 'awaiting-decision',
    channel: 'api',
    receivedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    notification,
    acknowledgement: { status: 'pending' },
    ...overrides,
  });
};

const setUp = (...contacts: Contact[]) => {
  const store = new MemoryContactStore(contacts);
  const { addresses } = memoryReferrerAddresses();
  const sent: EmailMessage[] = [];
  const mailer: Mailer = { sendOnce: async (m) => void sent.push(m) };
  const acknowledge = (contact: Contact, at = now) =>
    sendAcknowledgement(contact.contactId, { store, mailer, config, addresses, matchKey: TEST_MATCH_KEY, now: at });
  const confirmLink = (email: EmailMessage) =>
    /(https:\/\/front-door\.example\/confirm-email\/[A-Za-z0-9_-]{32})/.exec(email.text)?.[1];
  const tokenOf = (link: string) => link.split('/').pop()!;
  return { store, addresses, sent, acknowledge, confirmLink, tokenOf };
};

describe('confirming a first-time referrer address', () => {
  it('acknowledges an address never seen before with the reference, generic text and a confirmation link: no name, no children, no status link', async () => {
    // Prepare
    const contact = contactFrom('someone@mail.example');
    const { store, sent, acknowledge, confirmLink } = setUp(contact);
    // Act
    await acknowledge(contact);
    // Assess
    const [email] = sent;
    expect(email!.to).toBe('someone@mail.example');
    expect(email!.text).toContain(contact.reference);
    expect(email!.text).toMatch(/^Hello,/);
    expect(email!.text).not.toContain(SPOOFED_NAME);
    expect(email!.text).not.toContain('/status/');
    expect(email!.text).not.toContain('Ellie');
    expect(confirmLink(email!)).toBeDefined();
    expect(email!.html).toContain('/confirm-email/');
    const stored = await store.get(contact.contactId);
    expect(stored!.acknowledgement).toMatchObject({ status: 'sent', addressConfirmed: false });
    // The decision's email greets nobody by name until the address is confirmed.
    expect(
      outcomeEmail(
        {
          ...stored!,
          status: 'decided',
          decision: {
            children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'x' }],
            decidedAt: now.toISOString(),
            decidedBy: 'w',
          },
        } as DecidedContact,
        config,
      )!.text,
    ).toMatch(/^Hello,/);
  });

  it('confirms with a button, not by opening the link; later emails carry the detail, and the next acknowledgement to that address is the full one', async () => {
    // Prepare
    const first = contactFrom('Someone@Mail.example');
    const second = contactFrom('someone@mail.example');
    const { store, addresses, sent, acknowledge, confirmLink, tokenOf } = setUp(first, second);
    await acknowledge(first);
    const token = tokenOf(confirmLink(sent[0]!)!);
    // Act: opening the link (as a mail scanner would) shows the page and confirms nothing.
    const opened = await openConfirmation({ token, now }, { addresses, store });
    const stillUnconfirmed = (await store.get(first.contactId))!.acknowledgement;
    const confirmed = await confirmAddress({ token, now }, { addresses, matchKey: TEST_MATCH_KEY, store });
    await acknowledge(second);
    // Assess
    expect(opened!.contactId).toBe(first.contactId);
    expect(stillUnconfirmed).toMatchObject({ addressConfirmed: false });
    expect(confirmed!.acknowledgement).toMatchObject({ status: 'sent', addressConfirmed: true });
    const decided = {
      ...confirmed!,
      status: 'decided',
      decision: {
        children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'x' }],
        decidedAt: now.toISOString(),
        decidedBy: 'w',
      },
    } as DecidedContact;
    expect(outcomeEmail(decided, config)!.text).toMatch(new RegExp(`^Dear ${SPOOFED_NAME}`));
    const full = sent[1]!;
    expect(full.text).toContain('/status/');
    expect(confirmLink(full)).toBeUndefined();
    expect((await store.get(second.contactId))!.acknowledgement).toMatchObject({ addressConfirmed: true });
    // Confirming again is harmless.
    expect((await confirmAddress({ token, now }, { addresses, matchKey: TEST_MATCH_KEY, store }))!.contactId).toBe(
      first.contactId,
    );
  });

  it('opens nothing for a guessed, malformed or expired link', async () => {
    // Prepare
    const contact = contactFrom('someone@mail.example');
    const { store, addresses, sent, acknowledge, confirmLink, tokenOf } = setUp(contact);
    await acknowledge(contact);
    const token = tokenOf(confirmLink(sent[0]!)!);
    const later = new Date(now.getTime() + 91 * 86_400_000);
    // Act and assess
    expect(
      await confirmAddress({ token: 'A'.repeat(32), now }, { addresses, matchKey: TEST_MATCH_KEY, store }),
    ).toBeUndefined();
    expect(
      await confirmAddress({ token: '../../etc/passwd', now }, { addresses, matchKey: TEST_MATCH_KEY, store }),
    ).toBeUndefined();
    expect(
      await confirmAddress({ token: contact.statusToken!, now }, { addresses, matchKey: TEST_MATCH_KEY, store }),
    ).toBeUndefined();
    expect(await confirmAddress({ token, now: later }, { addresses, matchKey: TEST_MATCH_KEY, store })).toBeUndefined();
    expect((await store.get(contact.contactId))!.acknowledgement).toMatchObject({ addressConfirmed: false });
  });

  it('needs no confirmation for a secure domain, or for an emailed notification from the sender SES authenticated', async () => {
    // Prepare
    const police = contactFrom('da.unit@police.example');
    const emailed = contactFrom('dsl@school.example', {
      channel: 'email',
      senderAuthentication: { authenticated: true, dmarc: 'PASS' },
      incomingEmail: { from: 'DSL@school.example', subject: 's', text: 't', attachments: [] },
    } as unknown as Partial<Contact>);
    const { sent, acknowledge, confirmLink } = setUp(police, emailed);
    // Act
    await acknowledge(police);
    await acknowledge(emailed);
    // Assess
    expect(sent.map(confirmLink)).toEqual([undefined, undefined]);
    expect(sent.every((m) => m.text.startsWith(`Dear ${SPOOFED_NAME}`) && m.text.includes('/status/'))).toBe(true);
  });
});
