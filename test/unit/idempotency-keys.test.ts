import { acceptBatch } from '../../shared/front-door/batch';
import { keyHashOf, publicApiScope } from '../../shared/front-door/idempotency';
import { acceptNotification } from '../../shared/front-door/intake';
import type { MessageQueue } from '../../shared/front-door/ports';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { memoryIntakeStore } from '../support/memory-intake-store';

/** Idempotency keys are the caller's own, and a key never merges two different notifications. */
const now = new Date('2026-11-30T10:00:00Z');
const queue: MessageQueue = { send: async () => undefined };

describe('idempotency keys scoped by caller, with a fingerprint of the body', () => {
  it('collision: two callers, one key, two bodies make two contacts, each with its own notification', async () => {
    // Prepare
    const { store, contacts } = memoryIntakeStore();
    const police = aPoliceDomesticAbuseNotification();
    const school = aSchoolNeglectNotification();
    // Act
    const first = await acceptBatch(
      {
        body: { notifications: [{ idempotencyKey: 'INC-1', notification: police }] },
        client: 'police',
        maxItems: 50,
        now,
      },
      { store, triageQueue: queue },
    );
    const second = await acceptBatch(
      {
        body: { notifications: [{ idempotencyKey: 'INC-1', notification: school }] },
        client: 'health',
        maxItems: 50,
        now,
      },
      { store, triageQueue: queue },
    );
    // Assess
    expect([first, second].map((b) => b.outcome === 'processed' && b.results[0]!.outcome)).toEqual([
      'accepted',
      'accepted',
    ]);
    expect(contacts.size).toBe(2);
    expect([...contacts.values()].map((c) => c.notification?.referrer.email).sort()).toEqual(
      [police.referrer.email, school.referrer.email].sort(),
    );
  });

  it("collision on the public API: a key sent first by someone naming another referrer cannot take the real referrer's notification", async () => {
    const { store, contacts } = memoryIntakeStore();
    const real = aSchoolNeglectNotification();
    const squatter = { ...aPoliceDomesticAbuseNotification() };
    const key = 'school-system-0001';
    const send = (body: typeof real) =>
      acceptNotification(
        { body, channel: 'api', idempotencyKey: { scope: publicApiScope(body), key }, now },
        { store, triageQueue: queue },
      );
    const taken = await send(squatter);
    const mine = await send(real);
    expect([taken.outcome, mine.outcome]).toEqual(['accepted', 'accepted']);
    expect(contacts.size).toBe(2);
    expect(mine.outcome === 'accepted' && mine.contact.notification?.referrer.email).toBe(real.referrer.email);
  });

  it('on the public API, referrers with no email who chose the same key are two callers, and each retry still finds its contact', async () => {
    // Prepare: an anonymous referrer and a member of the public with only a phone number
    const { store, contacts } = memoryIntakeStore();
    const anonymous = aSchoolNeglectNotification();
    anonymous.referrer = { agencyType: 'anonymous' };
    const byPhone = aPoliceDomesticAbuseNotification();
    byPhone.referrer = { name: 'Pat Example', agencyType: 'member-of-public', phone: '01632 960 001' };
    const send = (body: typeof anonymous) =>
      acceptNotification(
        { body, channel: 'api', idempotencyKey: { scope: publicApiScope(body), key: '1' }, now },
        { store, triageQueue: queue },
      );

    // Act
    const first = await send(anonymous);
    const second = await send(byPhone);
    const retry = await send(anonymous);

    // Assess
    expect([first.outcome, second.outcome, retry.outcome]).toEqual(['accepted', 'accepted', 'already-accepted']);
    expect(contacts.size).toBe(2);
    expect(first.outcome === 'accepted' && retry.outcome === 'already-accepted' && retry.contact.contactId).toBe(
      first.outcome === 'accepted' && first.contact.contactId,
    );
  });

  it("refuses the same caller's key with a different body, saying why, and stores nothing; the first notification is untouched", async () => {
    const { store, contacts } = memoryIntakeStore();
    const key = { scope: 'batch:police', key: 'INC-2' };
    const first = await acceptNotification(
      { body: aPoliceDomesticAbuseNotification(), channel: 'batch', idempotencyKey: key, now },
      { store, triageQueue: queue },
    );
    const changed = aPoliceDomesticAbuseNotification();
    changed.concerns.description = 'A different incident altogether, sent with the same key.';
    const second = await acceptNotification(
      { body: changed, channel: 'batch', idempotencyKey: key, now },
      { store, triageQueue: queue },
    );
    expect(second).toEqual({ outcome: 'key-reused', message: expect.stringContaining('different notification') });
    expect(contacts.size).toBe(1);
    expect(
      first.outcome === 'accepted' && contacts.get(first.contact.contactId)!.notification?.concerns.description,
    ).not.toContain('different incident');
  });

  it('treats the same key with the same body (in any key order) as a retry of the same contact', async () => {
    const { store, contacts } = memoryIntakeStore();
    const key = { scope: 'batch:police', key: 'INC-3' };
    const body = aPoliceDomesticAbuseNotification();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await acceptNotification(
      { body, channel: 'batch', idempotencyKey: key, now },
      { store, triageQueue: queue },
    );
    const retry = await acceptNotification(
      { body: reordered, channel: 'batch', idempotencyKey: key, now },
      { store, triageQueue: queue },
    );
    expect(retry.outcome).toBe('already-accepted');
    expect(
      first.outcome !== 'invalid' &&
        first.outcome !== 'key-reused' &&
        retry.outcome === 'already-accepted' &&
        retry.contact.contactId === first.contact.contactId,
    ).toBe(true);
    expect(contacts.size).toBe(1);
  });

  it('refuses, item by item, a key repeated inside one batch with a different body', async () => {
    const { store, contacts } = memoryIntakeStore();
    const result = await acceptBatch(
      {
        body: {
          notifications: [
            { idempotencyKey: 'INC-4', notification: aPoliceDomesticAbuseNotification() },
            { idempotencyKey: 'INC-4', notification: aSchoolNeglectNotification() },
            { idempotencyKey: 'INC-4', notification: aPoliceDomesticAbuseNotification() },
          ],
        },
        client: 'police',
        maxItems: 50,
        now,
      },
      { store, triageQueue: queue },
    );
    expect(result.outcome === 'processed' && result.results.map((r) => r.outcome)).toEqual([
      'accepted',
      'key-reused',
      'already-accepted',
    ]);
    expect(contacts.size).toBe(1);
  });

  it("gives a random contact id that a key cannot predict, and finds it through the key's own record", async () => {
    const a = memoryIntakeStore();
    const b = memoryIntakeStore();
    const key = { scope: 'web', key: 'draft-1' };
    const inA = await acceptNotification(
      { body: aSchoolNeglectNotification(), channel: 'web', idempotencyKey: key, now },
      { store: a.store, triageQueue: queue },
    );
    const inB = await acceptNotification(
      { body: aSchoolNeglectNotification(), channel: 'web', idempotencyKey: key, now },
      { store: b.store, triageQueue: queue },
    );
    const ids = [inA, inB].map((r) => (r.outcome === 'accepted' ? r.contact.contactId : undefined));
    expect(ids[0]).not.toBe(ids[1]);
    expect(a.keys.get(keyHashOf(key))).toMatchObject({ contactId: ids[0] });
    // The record keeps a hash of the key, never the key.
    expect(JSON.stringify([...a.keys.entries()])).not.toContain('draft-1');
  });

  it('completes on retry a notification whose key was recorded but whose contact was never written', async () => {
    const { store, contacts } = memoryIntakeStore();
    const create = store.create.bind(store);
    store.create = async () => Promise.reject(new Error('DynamoDB unavailable'));
    const key = { scope: 'batch:police', key: 'INC-5' };
    await expect(
      acceptNotification(
        { body: aPoliceDomesticAbuseNotification(), channel: 'batch', idempotencyKey: key, now },
        { store, triageQueue: queue },
      ),
    ).rejects.toThrow();
    store.create = create;
    const retry = await acceptNotification(
      { body: aPoliceDomesticAbuseNotification(), channel: 'batch', idempotencyKey: key, now },
      { store, triageQueue: queue },
    );
    expect(retry.outcome).toBe('accepted');
    expect(contacts.size).toBe(1);
  });
});
