import { createHash } from 'node:crypto';
import type { Child } from '../notification';

/**
 * Keys under which a child is indexed so that a later contact about the same child finds the
 * earlier ones. Names and postcodes are normalised because referrers type them differently;
 * an NHS number, when given, is a stronger key on its own. Keys are hashed so that an index
 * of children never holds names in the clear.
 */
export type MatchBasis = 'name-dob-postcode' | 'nhs-number';
export interface MatchKey {
  basis: MatchBasis;
  key: string;
}

const normaliseName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const normalisePostcode = (postcode: string): string => postcode.toUpperCase().replace(/\s+/g, '');

const hashed = (basis: MatchBasis, parts: string[]): MatchKey => ({
  basis,
  key: createHash('sha256').update([basis, ...parts].join('|')).digest('hex'),
});

export const matchKeysFor = (child: Child): MatchKey[] => {
  const born = child.dateOfBirth ?? `edd:${child.expectedDateOfDelivery}`;
  const keys = [
    hashed('name-dob-postcode', [
      normaliseName(child.firstName),
      normaliseName(child.lastName),
      born,
      normalisePostcode(child.address.postcode),
    ]),
  ];
  if (child.nhsNumber) keys.push(hashed('nhs-number', [child.nhsNumber]));
  return keys;
};
