import { createHash } from 'node:crypto';
import { newContactId } from '../contacts';
import type { IdempotencyKeys, KeyRecord } from '../contacts/ports';

/**
 * Idempotency keys, scoped by caller. A key means "this notification, from me": it is only ever
 * looked up within its caller's scope (an agency's batch client, a referrer's address on the
 * public API, one web form draft, one inbound email), and it is stored with a fingerprint of the
 * body it came with. So a key cannot be used to reach, or to block, anyone else's notification,
 * and a key reused for a different body is refused rather than merged into the first.
 *
 * The contact id is always random: the key finds its contact through its own record, never by
 * deriving the id, so neither ids nor status links can be computed from a guessable key.
 */
export interface IdempotencyKey {
  /** Who the key belongs to, e.g. `batch:police`, `api:dsl@school.example`, `web`, `email`. */
  scope: string;
  key: string;
}

export type KeyClaim = { outcome: 'new' | 'repeat'; contactId: string } | { outcome: 'conflict' };

export const KEY_REUSED_MESSAGE =
  'This idempotency key was already used for a different notification. Nothing was stored: send a new notification with a new key.';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same JSON with its object keys sorted, so the fingerprint does not depend on key order. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

export const fingerprintOf = (body: unknown): string => sha256(JSON.stringify(canonical(body)) ?? 'undefined');

export const keyHashOf = ({ scope, key }: IdempotencyKey): string => sha256(`front-door:idempotency:${scope}\n${key}`);

/**
 * Claims `key` for a new random contact id, or finds the contact it was first claimed for. A
 * repeat with the same body is a retry; with a different body it is a conflict.
 */
export const claimKey = async (
  request: { key: IdempotencyKey; fingerprint: string; now: Date },
  deps: { store: IdempotencyKeys },
): Promise<KeyClaim> => {
  const record: KeyRecord = {
    keyHash: keyHashOf(request.key),
    fingerprint: request.fingerprint,
    contactId: newContactId(),
    createdAt: request.now.toISOString(),
  };
  const existing = await deps.store.claimKey(record);
  if (existing === 'claimed') return { outcome: 'new', contactId: record.contactId };
  return existing.fingerprint === request.fingerprint
    ? { outcome: 'repeat', contactId: existing.contactId }
    : { outcome: 'conflict' };
};

/**
 * The public API has no sign-in, so its caller is the referrer the notification names: one
 * referrer's key can never reach, or block, another referrer's notification. A referrer with no
 * email (anonymous, or a member of the public who gave a phone number) names no one the key could
 * belong to, so the key is scoped to the notification itself: a retry of the same notification
 * finds its contact, and two strangers who both chose the key "1" are never refused as one caller.
 * The body is fingerprinted before it is validated: the handler's `readJsonBody` has already
 * refused any nesting deep enough to overflow `canonical`'s recursion.
 */
export const publicApiScope = (body: unknown): string => {
  const email = (body as { referrer?: { email?: unknown } } | null)?.referrer?.email;
  const named = typeof email === 'string' ? email.trim().toLowerCase() : '';
  return named ? `api:${named}` : `api:no-email:${fingerprintOf(body)}`;
};
