import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { useLocalSystem } from '../support/local-system';

/** POST /api/notifications/batch against the local system, with the local stage's agency key. */
describe('the agency batch API', () => {
  const local = useLocalSystem();

  const send = (body: unknown, key: string | null = 'local-batch-key') =>
    fetch(`${local.system.endpoints.api}/api/notifications/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });

  it('refuses a missing or unknown key before reading the body', async () => {
    const missing = await send({ notifications: [] }, null);
    expect([missing.status, await missing.text()]).toEqual([401, expect.stringContaining('x-api-key')]);
    const wrong = await send({ notifications: [] }, 'not-the-key');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ message: 'The API key is not recognised' });
  });

  it('accepts the valid items and reports each invalid item with its errors', async () => {
    const invalid = aSchoolNeglectNotification() as Record<string, unknown>;
    delete invalid.expectation;
    const response = await send({
      notifications: [
        { idempotencyKey: 'incident-1', notification: aPoliceDomesticAbuseNotification() },
        { idempotencyKey: 'incident-2', notification: invalid },
        { idempotencyKey: 'incident-3', notification: aSchoolNeglectNotification() },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; invalid: number; results: Record<string, unknown>[] };
    expect(body).toMatchObject({ accepted: 2, invalid: 1 });
    expect(body.results.map((r) => [r.index, r.outcome])).toEqual([
      [0, 'accepted'],
      [1, 'invalid'],
      [2, 'accepted'],
    ]);
    expect(body.results[1]!.errors).toEqual([{ path: 'expectation', message: 'This field is required' }]);
    expect(body.results[0]!.reference).toMatch(/^CFC-/);
    expect(body.results[0]!.statusUrl).toMatch(/\/status\/[0-9a-z]{26}[A-Za-z0-9_-]{32}$/);
  });

  it('lands a repeated idempotency key on the same contact, within a batch and across batches', async () => {
    const item = { idempotencyKey: 'incident-1', notification: aPoliceDomesticAbuseNotification() };
    const response = await send({ notifications: [item, item] });
    const body = (await response.json()) as { results: { outcome: string; contactId: string }[] };
    expect(body.results.map((r) => r.outcome)).toEqual(['already-accepted', 'already-accepted']);
    expect(new Set(body.results.map((r) => r.contactId)).size).toBe(1);
  });

  it('refuses, item by item, a key reused within a batch for a different notification', async () => {
    const response = await send({
      notifications: [
        { idempotencyKey: 'incident-9', notification: aPoliceDomesticAbuseNotification() },
        { idempotencyKey: 'incident-9', notification: aSchoolNeglectNotification() },
      ],
    });
    const body = (await response.json()) as { accepted: number; results: { outcome: string; message?: string }[] };
    expect(body.results.map((r) => r.outcome)).toEqual(['accepted', 'key-reused']);
    expect(body.results[1]!.message).toContain('already used for a different notification');
  });

  it('public API: answers 409 to the same key with a different body, and gives two referrers with one key two contacts', async () => {
    const submit = (notification: unknown) =>
      fetch(`${local.system.endpoints.api}/api/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'shared-key-1' },
        body: JSON.stringify(notification),
      });
    const police = await submit(aPoliceDomesticAbuseNotification());
    const school = await submit(aSchoolNeglectNotification());
    expect([police.status, school.status]).toEqual([202, 202]);
    const ids = [(await police.json()).contactId, (await school.json()).contactId];
    expect(ids[0]).not.toBe(ids[1]);
    const changed = aSchoolNeglectNotification();
    changed.concerns.description = 'Something else entirely, sent again with the same key.';
    const refused = await submit(changed);
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain('Nothing was stored');
  });

  it('refuses a batch that is empty, too big or not a batch', async () => {
    expect((await send({ notifications: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ idempotencyKey: `k${i}`, notification: {} }));
    const response = await send({ notifications: tooMany });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('at most 50');
    expect((await send([1, 2])).status).toBe(400);
  });
});
