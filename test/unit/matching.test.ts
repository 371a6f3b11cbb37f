import { createHash } from 'node:crypto';
import { householdKeyFor, matchKeysFor } from '../../shared/matching/keys';
import { parseNotification, type Child } from '../../shared/notification';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { TEST_MATCH_KEY } from '../support/match-key';

const childOf = (input: ReturnType<typeof aSchoolNeglectNotification>, index = 0): Child => {
  const result = parseNotification(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.notification.children[index]!;
};

describe('matching a child to earlier contacts', () => {
  it('matches the same child however the name and postcode are typed', () => {
    const a = aSchoolNeglectNotification();
    const b = aSchoolNeglectNotification();
    b.children[0]!.firstName = ' ELLIE ';
    b.children[0]!.lastName = 'fictional';
    b.children[0]!.address.postcode = 'zz11aa';
    delete b.children[0]!.nhsNumber;
    expect(matchKeysFor(childOf(b), TEST_MATCH_KEY)[0]).toEqual(matchKeysFor(childOf(a), TEST_MATCH_KEY)[0]);
  });

  it('ignores accents and punctuation in names', () => {
    const a = aSchoolNeglectNotification();
    a.children[0]!.lastName = "O'Fictiönal";
    const b = aSchoolNeglectNotification();
    b.children[0]!.lastName = 'OFictional';
    expect(matchKeysFor(childOf(a), TEST_MATCH_KEY)[0]).toEqual(matchKeysFor(childOf(b), TEST_MATCH_KEY)[0]);
  });

  it('does not match a different date of birth or postcode', () => {
    const a = aSchoolNeglectNotification();
    const b = aSchoolNeglectNotification();
    b.children[0]!.dateOfBirth = '2018-03-15';
    const c = aSchoolNeglectNotification();
    c.children[0]!.address.postcode = 'ZZ1 1AB';
    const key = matchKeysFor(childOf(a), TEST_MATCH_KEY)[0]!.key;
    expect(matchKeysFor(childOf(b), TEST_MATCH_KEY)[0]!.key).not.toBe(key);
    expect(matchKeysFor(childOf(c), TEST_MATCH_KEY)[0]!.key).not.toBe(key);
  });

  it('adds an NHS number key that matches across name changes and house moves', () => {
    const a = aSchoolNeglectNotification();
    const b = aSchoolNeglectNotification();
    b.children[0]!.lastName = 'Renamed';
    b.children[0]!.address.postcode = 'ZZ9 9ZZ';
    const [, nhsA] = matchKeysFor(childOf(a), TEST_MATCH_KEY);
    const [nameB, nhsB] = matchKeysFor(childOf(b), TEST_MATCH_KEY);
    expect(nhsA).toEqual({ basis: 'nhs-number', key: nhsB!.key });
    expect(nameB!.key).not.toBe(matchKeysFor(childOf(a), TEST_MATCH_KEY)[0]!.key);
  });

  it('keeps names out of the keys', () => {
    const keys = matchKeysFor(childOf(aPoliceDomesticAbuseNotification(), 0), TEST_MATCH_KEY);
    for (const { key } of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain('noah');
    }
  });
});

describe('matching a household by address', () => {
  const address = (line1: string, postcode: string) => ({ line1, town: 'Exampleton', postcode });

  it('finds the same address however the first line and postcode are typed', () => {
    const key = householdKeyFor(address('Flat 2, 10 High St.', 'ZZ1 1AA'), TEST_MATCH_KEY);
    expect(householdKeyFor(address('  flat 2 10 HIGH ST', 'zz11aa'), TEST_MATCH_KEY)).toEqual(key);
    expect(
      householdKeyFor({ ...address('Flat 2, 10 High St.', 'ZZ1 1AA'), town: 'Elsewhere' }, TEST_MATCH_KEY),
    ).toEqual(key);
    expect(key.basis).toBe('household-address');
  });

  it('tells different flats, houses and postcodes apart, and never holds the address in the clear', () => {
    const key = householdKeyFor(address('Flat 2, 10 High Street', 'ZZ1 1AA'), TEST_MATCH_KEY).key;
    expect(householdKeyFor(address('Flat 3, 10 High Street', 'ZZ1 1AA'), TEST_MATCH_KEY).key).not.toBe(key);
    expect(householdKeyFor(address('Flat 2, 10 High Street', 'ZZ1 1AB'), TEST_MATCH_KEY).key).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is never the same key as a child key, though both live in one index', () => {
    const child = childOf(aSchoolNeglectNotification());
    const household = householdKeyFor(child.address, TEST_MATCH_KEY).key;
    expect(matchKeysFor(child, TEST_MATCH_KEY).map((k) => k.key)).not.toContain(household);
  });

  it("keys every match key with the area's secret, so a copy of the index cannot be tested against guesses (issue 10, 8)", () => {
    // Prepare: everything someone holding the table could guess (a name, date of birth,
    // postcode, NHS number, an address), hashed the way the index once hashed them.
    const child = childOf(aSchoolNeglectNotification());
    const unkeyed = (parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex');
    const guesses = [
      unkeyed(['name-dob-postcode', 'ellie', 'fictional', child.dateOfBirth!, 'ZZ11AA']),
      unkeyed(['nhs-number', child.nhsNumber!]),
      unkeyed([
        'household-address',
        child.address.line1
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
        'ZZ11AA',
      ]),
    ];
    // Act
    const keys = [...matchKeysFor(child, TEST_MATCH_KEY), householdKeyFor(child.address, TEST_MATCH_KEY)];
    const otherArea = [
      ...matchKeysFor(child, 'another-area-match-key'),
      householdKeyFor(child.address, 'another-area-match-key'),
    ];
    // Assess
    expect(keys).toHaveLength(3);
    for (const { key } of keys) expect(guesses).not.toContain(key);
    keys.forEach(({ key }, i) => expect(otherArea[i]!.key).not.toBe(key));
  });
});
