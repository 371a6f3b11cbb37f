import { createHmac } from 'node:crypto';
import type { Child } from '../notification';

/**
 * Keys under which a child is indexed so that a later contact about the same child finds the
 * earlier ones. Names and postcodes are normalised because referrers type them differently;
 * an NHS number, when given, is a stronger key on its own. Keys are keyed hashes (HMAC-SHA-256
 * with the area's match key, from Secrets Manager in AWS: see shared/aws/match-key.ts), so an
 * index of children never holds names in the clear, and without the key nobody holding a copy of
 * the table can test a guessed name, date of birth or NHS number against it.
 */
export type MatchBasis = 'name-dob-postcode' | 'nhs-number' | 'household-address';
export interface MatchKey<Basis extends MatchBasis = MatchBasis> {
  basis: Basis;
  key: string;
}
/** The keys that find the same child again; an address alone finds only the household. */
export type ChildMatchKey = MatchKey<'name-dob-postcode' | 'nhs-number'>;

const normaliseName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const normalisePostcode = (postcode: string): string => postcode.toUpperCase().replace(/\s+/g, '');

/** "Flat 2, 10 High St." and "flat 2 10 high st" are the same first line. */
const normaliseAddressLine = (line: string): string =>
  line
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const hashed = <Basis extends MatchBasis>(basis: Basis, parts: string[], matchKey: string): MatchKey<Basis> => ({
  basis,
  key: createHmac('sha256', matchKey)
    .update([basis, ...parts].join('|'))
    .digest('hex'),
});

export const nhsNumberKey = (nhsNumber: string, matchKey: string): MatchKey<'nhs-number'> =>
  hashed('nhs-number', [nhsNumber], matchKey);

export const matchKeysFor = (child: Child, matchKey: string): ChildMatchKey[] => {
  const born = child.dateOfBirth ?? (child.expectedDateOfDelivery && `edd:${child.expectedDateOfDelivery}`);
  const keys: ChildMatchKey[] = [];
  // Only a whole identity is a key: an unknown name or date of birth would match strangers.
  if (child.firstName && child.lastName && born) {
    keys.push(
      hashed(
        'name-dob-postcode',
        [
          normaliseName(child.firstName),
          normaliseName(child.lastName),
          born,
          normalisePostcode(child.address.postcode),
        ],
        matchKey,
      ),
    );
  }
  if (child.nhsNumber) keys.push(nhsNumberKey(child.nhsNumber, matchKey));
  return keys;
};

/**
 * The key of the household a child lives in: the first line of the address and the postcode,
 * normalised and hashed like the child keys. Contacts about other children at the same address
 * are shown to workers apart from the child's own history (siblings, a new partner's children).
 */
export const householdKeyFor = (address: Child['address'], matchKey: string): MatchKey<'household-address'> =>
  hashed('household-address', [normaliseAddressLine(address.line1), normalisePostcode(address.postcode)], matchKey);
