import { ContactWrite, type Contact, type ContactStatus } from '../../shared/contacts';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { anEmailToComplete } from '../support/email-contact';
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

/** The in-memory store, where another writer changes the contact just before each of our first `conflicts` writes. */
const setUp = (contact: Contact | undefined, conflicts = 0) => {
  const store = new MemoryContactStore(contact ? [contact] : []);
  const update = store.update.bind(store);
  let writes = 0;
  store.update = async <S extends ContactStatus>(id: string, version: number, write: ContactWrite<S>, at: string) => {
    writes++;
    if (writes <= conflicts) {
      const current = (await store.get(id))!;
      await update(id, current.version ?? 0, ContactWrite.change(current, {}), at);
    }
    return update(id, version, write, at);
  };
  return { store, current: () => store.contacts.get('c1'), writes: () => writes };
};

const now = new Date('2026-11-21T10:01:00Z');

describe('recording a delivery problem', () => {
  it('marks a free-text email contact, whose referrer is the sender, with the reason', async () => {
    const { store, current } = setUp(anEmailToComplete({ from: 'DSL@school.example' }));
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
    const { store, current, writes } = setUp(anEmailToComplete({ from: 'dsl@school.example' }), 2);
    expect((await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), { store }, now)).outcome).toBe('marked');
    expect([writes(), current()!.version]).toEqual([3, 4]);
  });

  it('does nothing for mail about no contact, a contact since deleted, or one already marked', async () => {
    expect(await recordDeliveryProblem(bounce({}), setUp(undefined), now)).toEqual({ outcome: 'no-contact' });
    expect(await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), setUp(undefined), now)).toEqual({
      outcome: 'no-contact',
    });
    const marked = setUp(
      anEmailToComplete({ from: 'dsl@school.example' }, { referrerNotReached: { at: 'x', reason: 'y' } }),
    );
    expect((await recordDeliveryProblem(bounce({ 'contact-id': ['c1'] }), marked, now)).outcome).toBe('already-marked');
    expect(marked.writes()).toBe(0);
  });

  it('refuses an event that is neither a bounce nor a complaint', () => {
    expect(DeliveryProblemEvent.safeParse({ eventType: 'Delivery', mail: { tags: {} } }).success).toBe(false);
  });
});
