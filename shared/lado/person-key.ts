import { createHmac } from 'node:crypto';
import type { AdultConcern } from '../notification';

/**
 * Earlier allegations about the same person are found by a keyed hash (HMAC-SHA256) of their
 * name, date of birth and employer, never by the values themselves: the index holds no name,
 * and without the key nobody can test a guess against it. The key is the area's secret.
 * Names and employers are normalised so "Mr J. Smith " and "mr j smith" match.
 */
const normalise = (value: string) =>
  value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const personKeyFor = (person: Pick<AdultConcern, 'name' | 'dateOfBirth' | 'employer'>, secret: string): string =>
  createHmac('sha256', secret)
    .update(
      ['lado-person', normalise(person.name), person.dateOfBirth ?? 'unknown', normalise(person.employer)].join(
        '\u0000',
      ),
    )
    .digest('base64url');
