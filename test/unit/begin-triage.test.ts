import { contactFrom, newContactId, referenceFor, type Contact } from '../../shared/contacts';
import { beginTriage, ContactNotFound } from '../../shared/front-door/triage-steps';
import { AGENCY_TYPES, type Notification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import teacherAllegation from '../../events/notifications/school-allegation-teacher.json';

/** The state machine's first step: received to triaging, once, however often it runs. */
const now = new Date('2026-12-01T09:00:00Z');

const aContact = (
  status: 'received' | 'triaging' | 'triage-failed',
  notification: unknown = aSchoolNeglectNotification(),
): Contact => {
  const contactId = newContactId();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status,
    channel: 'api',
    receivedAt: '2026-12-01T08:59:00.000Z',
    updatedAt: '2026-12-01T08:59:00.000Z',
    notification: notification as Notification,
    ...(status === 'triage-failed' && { triageFailure: { error: 'States.Timeout', at: '2026-12-01T08:59:30.000Z' } }),
  });
};

/** The store, counting the calls made to it by name. */
const watched = (store: MemoryContactStore) => {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, name: string) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(name);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
};

describe('beginning triage', () => {
  it('moves a received contact into triaging with one store call and no read, and counts it as a first attempt', async () => {
    // Prepare
    const memory = new MemoryContactStore();
    const contact = aContact('received');
    await memory.create(contact);
    const { store, calls } = watched(memory);

    // Act
    const state = await beginTriage(contact.contactId, { store, now });

    // Assess
    expect(state).toEqual({
      contactId: contact.contactId,
      reference: contact.reference,
      channel: 'api',
      source: AGENCY_TYPES.school,
      firstAttempt: true,
      adultConcern: false,
    });
    expect(calls).toEqual(['beginTriaging']);
    expect(memory.contacts.get(contact.contactId)).toMatchObject({ status: 'triaging', updatedAt: now.toISOString() });
  });

  it('leaves a contact already triaging as it is when the step runs again, and does not count it again', async () => {
    // Prepare
    const memory = new MemoryContactStore();
    const contact = aContact('triaging');
    await memory.create(contact);

    // Act
    const state = await beginTriage(contact.contactId, { store: memory, now });

    // Assess
    expect(state.firstAttempt).toBe(false);
    expect(memory.contacts.get(contact.contactId)).toEqual(contact);
  });

  it('starts a failed triage again, without counting the notification twice', async () => {
    // Prepare
    const memory = new MemoryContactStore();
    const contact = aContact('triage-failed');
    await memory.create(contact);

    // Act
    const state = await beginTriage(contact.contactId, { store: memory, now });

    // Assess
    expect(state.firstAttempt).toBe(false);
    expect(memory.contacts.get(contact.contactId)!.status).toBe('triaging');
  });

  it('says when the notification is about an adult who works with children, so only then is ReferAllegation run', async () => {
    // Prepare
    const memory = new MemoryContactStore();
    const allegation = aContact('received', structuredClone(teacherAllegation));
    const childOnly = aContact('received');
    await memory.create(allegation);
    await memory.create(childOnly);

    // Act
    const states = [
      await beginTriage(allegation.contactId, { store: memory, now }),
      await beginTriage(childOnly.contactId, { store: memory, now }),
    ];

    // Assess
    expect(states.map((state) => state.adultConcern)).toEqual([true, false]);
  });

  it('fails for a contact that does not exist', async () => {
    await expect(beginTriage(newContactId(), { store: new MemoryContactStore(), now })).rejects.toThrow(
      ContactNotFound,
    );
  });
});
