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

/** The reference is derived from the id, so the two can never disagree. */
export const referenceFor = (contactId: string): string => {
  const digest = createHash('sha256').update(`front-door:reference:${contactId}`).digest();
  const code = base32(digest, 8);
  return `CFC-${code.slice(0, 4)}-${code.slice(4)}`;
};

export const isContactId = (value: string): boolean => /^[0-9a-hjkmnp-tv-z]{26}$/.test(value);
