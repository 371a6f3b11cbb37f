import type { Contact, ContactStatus, ContactWrite } from '../../shared/contacts';
import { VersionConflict, type ContactStore } from '../../shared/contacts/ports';
import { DeliveryProblemEvent, recordDeliveryProblem } from '../../shared/referrer/delivery-problems';

/** The bounce and complaint use case with an in-memory store. */
const bounce = (tags: Record<string, string[]>, to = 'dsl@school.example') =>
  DeliveryProblemEvent.parse({
    eventType: 'Bounce',
    mail: { tags },
    bounce: {
      bounceType: 'Transient',
      bounceSubType: 'MailboxFull',
      bouncedRecipients: [{ emailAddress: to }],
      timestamp: '2026-11-21T10:00:05.000Z',
    },
  });

const setUp = (contact: Partial<Contact> | undefined, conflicts = 0) => {
  let stored = contact && ({ contactId: 'c1', version: 1, ...contact } as Contact);
  let writes = 0;
  const store = {
    get: async () => stored,
    update: async (_id: string, version: number, { changes }: ContactWrite<ContactStatus>) => {
      writes++;
      if (writes <= conflicts) {
        stored = { ...stored!, version: stored!.version! + 1 };
        throw new VersionConflict('c1', stored);
      }
      if (version !== stored!.version) throw new VersionConflict('c1', stored);
      stored = { ...stored!, ...changes, version: version + 1 } as Contact;
      return stored;
    },
  } as unknown as ContactStore;
  return { store, current: () => stored, writes: () => writes };
};

const now = new Date('2026-11-21T10:01:00Z');

describe('recording a delivery problem', () => {
  it('marks a free-text email contact, whose referrer is the sender, with the reason', async () => {
    const { store, current } = setUp({ incomingEmail: { from: 'DSL@school.example' } as Contact['incomingEmail'] });
    expect(await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), { store }, now)).toEqual({
      outcome: 'marked',
      contactId: 'c1',
    });
    expect(current()!.referrerNotReached).toEqual({
      at: '2026-11-21T10:00:05.000Z',
      reason: 'the email bounced: the mailbox could not take it, MailboxFull',
    });
  });

  it('reads the contact again when someone else wrote to it first', async () => {
    const { store, current, writes } = setUp(
      { incomingEmail: { from: 'dsl@school.example' } as Contact['incomingEmail'] },
      2,
    );
    expect((await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), { store }, now)).outcome).toBe('marked');
    expect([writes(), current()!.version]).toEqual([3, 4]);
  });

  it('does nothing for mail about no contact, a contact since deleted, or one already marked', async () => {
    expect(await recordDeliveryProblem(bounce({}), setUp({}), now)).toEqual({ outcome: 'no-contact' });
    expect(await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), setUp(undefined), now)).toEqual({
      outcome: 'no-contact',
    });
    const marked = setUp({
      incomingEmail: { from: 'dsl@school.example' } as Contact['incomingEmail'],
      referrerNotReached: { at: 'x', reason: 'y' },
    });
    expect((await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), marked, now)).outcome).toBe('already-marked');
    expect(marked.writes()).toBe(0);
  });

  it('refuses an event that is neither a bounce nor a complaint', () => {
    expect(DeliveryProblemEvent.safeParse({ eventType: 'Delivery', mail: { tags: {} } }).success).toBe(false);
  });
});
