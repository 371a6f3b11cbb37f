import { createHmac } from 'node:crypto';
import type { Child } from '../notification';
import { matchKeysFor } from '../matching/keys';

/**
 * Keyed hashes (HMAC-SHA-256) for the analytics extract. Unkeyed, a child's hash could be found
 * again by anyone who can guess a name, date of birth and postcode; keyed, only with the secret,
 * which lives in Secrets Manager in AWS and never in the facts. Each purpose has its own hash, so a
 * contact key is never also a child key.
 */
export const pseudonymFor = (secret: string, purpose: string, value: string): string =>
  createHmac('sha256', secret).update(`front-door:analytics:${purpose}:${value}`).digest('hex').slice(0, 32);

/**
 * The same child's key on every contact about them: from the NHS number when given (it survives a
 * house move), otherwise from name, date of birth and postcode, as matching finds the child again.
 * A child known only by a first name or a rough age has no key: counting them as a repeat would
 * join strangers.
 */
export const childKeyFor = (child: Child, secret: string): string | undefined => {
  const keys = matchKeysFor(child, secret);
  const best = keys.find((k) => k.basis === 'nhs-number') ?? keys[0];
  return best && pseudonymFor(secret, 'child', best.key);
};
