import { createHash } from 'node:crypto';
import { acceptBatch, clientForKey } from '../../shared/front-door/batch';
import type { ContactMessage } from '../../shared/front-door/ports';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { memoryIntakeStore } from '../support/memory-intake-store';

/**
 * An agency system's batch of notifications (police domestic abuse notifications above all):
 * each item is accepted or refused on its own, as a single notification would be, so one bad
 * item never holds back the others. The idempotency of keys is in idempotency-keys.test.ts.
 */
const now = new Date('2026-11-30T10:00:00Z');

const memory = () => {
  const intake = memoryIntakeStore();
  const queued: ContactMessage[] = [];
  return {
    ...intake,
    queued,
    deps: { store: intake.store, triageQueue: { send: async (m: ContactMessage) => void queued.push(m) } },
  };
};

describe('accepting a batch of notifications', () => {
  it('accepts the good items and queues each for triage, while refusing a bad one by its own field errors', async () => {
    // Prepare
    const m = memory();
    const noChildren = { ...aSchoolNeglectNotification(), children: [] };
    // Act
    const result = await acceptBatch(
      {
        body: {
          notifications: [
            { idempotencyKey: 'INC-1', notification: aPoliceDomesticAbuseNotification() },
            { idempotencyKey: 'INC-2', notification: noChildren },
            { idempotencyKey: 'INC-3', notification: aSchoolNeglectNotification() },
          ],
        },
        client: 'police',
        maxItems: 50,
        now,
      },
      m.deps,
    );
    // Assess
    if (result.outcome !== 'processed') throw new Error(`expected a processed batch, got ${result.outcome}`);
    expect(result.results.map((r) => [r.index, r.idempotencyKey, r.outcome])).toEqual([
      [0, 'INC-1', 'accepted'],
      [1, 'INC-2', 'invalid'],
      [2, 'INC-3', 'accepted'],
    ]);
    const refused = result.results[1]!;
    expect(refused.outcome === 'invalid' && refused.errors.map((e) => e.path)).toContain('children');
    const accepted = result.results.filter((r) => r.outcome === 'accepted');
    expect(m.contacts.size).toBe(2);
    expect(m.queued.map((q) => q.contactId).sort()).toEqual(
      accepted.map((r) => 'contactId' in r && r.contactId).sort(),
    );
    for (const item of accepted)
      expect(item).toMatchObject({ reference: expect.any(String), statusToken: expect.any(String) });
  });

  it('refuses a batch with nothing in it, and stores nothing', async () => {
    const m = memory();

    const result = await acceptBatch({ body: { notifications: [] }, client: 'police', maxItems: 50, now }, m.deps);

    expect(result).toEqual({
      outcome: 'invalid',
      errors: [expect.objectContaining({ message: 'Send at least one notification' })],
    });
    expect(m.contacts.size).toBe(0);
  });

  it('refuses a whole batch over the limit rather than accepting part of it', async () => {
    const m = memory();
    const item = (n: number) => ({ idempotencyKey: `INC-${n}`, notification: aPoliceDomesticAbuseNotification() });

    const result = await acceptBatch(
      { body: { notifications: [item(1), item(2), item(3)] }, client: 'police', maxItems: 2, now },
      m.deps,
    );

    expect(result).toEqual({
      outcome: 'invalid',
      errors: [expect.objectContaining({ message: 'Send at most 2 notifications in one batch' })],
    });
    expect(m.contacts.size).toBe(0);
    expect(m.queued).toEqual([]);
  });

  it('refuses an item without an idempotency key, since a resent batch could not land on the same contacts', async () => {
    const m = memory();

    const result = await acceptBatch(
      {
        body: { notifications: [{ idempotencyKey: '  ', notification: aPoliceDomesticAbuseNotification() }] },
        client: 'police',
        maxItems: 50,
        now,
      },
      m.deps,
    );

    expect(result).toEqual({
      outcome: 'invalid',
      errors: [expect.objectContaining({ message: 'Give each notification an idempotency key' })],
    });
    expect(m.contacts.size).toBe(0);
  });
});

describe('the client a batch API key belongs to', () => {
  const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
  const configured = ` local-police=${sha256('police-key')}, ,health=${sha256('health-key')}`;

  it('is found from the hash of the key, as only hashes are configured', () => {
    expect(clientForKey('police-key', configured)).toBe('local-police');
    expect(clientForKey('health-key', configured)).toBe('health');
  });

  it('is nobody for a missing or unknown key, or for the configured hash presented as a key', () => {
    expect(clientForKey(undefined, configured)).toBeUndefined();
    expect(clientForKey('', configured)).toBeUndefined();
    expect(clientForKey('guessed-key', configured)).toBeUndefined();
    expect(clientForKey(sha256('police-key'), configured)).toBeUndefined();
  });
});
