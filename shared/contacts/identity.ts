import { createHash, randomBytes } from 'node:crypto';

/**
 * Contact ids and human references. A referrer reads a reference over the phone, so it uses
 * Crockford's base32 (no I, L, O or U) in two groups of four: CFC-7K3M-9QXD.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const base32 = (bytes: Uint8Array, length: number): string => {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
};

/**
 * Always random, never derived from anything a caller sends: an idempotency key finds its
 * contact through its own record (shared/front-door/idempotency.ts).
 */
export const newContactId = (): string => base32(randomBytes(20), 26).toLowerCase();

/**
 * An id that belongs to one contact, such as the allegation a notification about an adult
 * becomes: derived from the contact's (random) id, so a retried step finds the same one.
 */
export const idDerivedFrom = (contactId: string, purpose: string): string =>
  base32(createHash('sha256').update(`front-door:${purpose}:${contactId}`).digest(), 26).toLowerCase();

/** The reference is derived from the id, so the two can never disagree. */
export const referenceFor = (contactId: string): string => {
  const digest = createHash('sha256').update(`front-door:reference:${contactId}`).digest();
  const code = base32(digest, 8);
  return `CFC-${code.slice(0, 4)}-${code.slice(4)}`;
};

/**
 * A status link's token: the contact's id, then 192 random bits that are the secret. The random
 * part is never derived from the id, so an id seen in the API, the console or a log opens no
 * status page (shared/referrer/status-access.ts). The id in front lets the store find the contact
 * with one read of the contact itself, so accepting a notification writes no separate link item:
 * one request fewer per notification, and no link that can be stored without its contact.
 */
export const newStatusToken = (contactId: string): string => `${contactId}${randomBytes(24).toString('base64url')}`;
/** A token of either shape: with its contact's id in front, or the random part alone (links sent before). */
export const isStatusToken = (value: string): boolean => /^(?:[0-9a-hjkmnp-tv-z]{26})?[A-Za-z0-9_-]{32}$/.test(value);
/** The contact a token names; undefined for a token sent before tokens named their contact, found by its link item. */
export const contactIdOfStatusToken = (token: string): string | undefined =>
  token.length === 58 && isStatusToken(token) ? token.slice(0, 26) : undefined;
/** Where a code sent for a link is kept, and a link item made before tokens named their contact: by hash only. */
export const statusTokenHash = (token: string): string =>
  createHash('sha256').update(`front-door:status:${token}`).digest('hex');

export const isContactId = (value: string): boolean => /^[0-9a-hjkmnp-tv-z]{26}$/.test(value);
