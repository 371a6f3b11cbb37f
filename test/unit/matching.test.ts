import { householdKeyFor, matchKeysFor } from '../../shared/contacts';
import { parseNotification, type Child } from '../../shared/notification';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';

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
    expect(matchKeysFor(childOf(b))[0]).toEqual(matchKeysFor(childOf(a))[0]);
  });

  it('ignores accents and punctuation in names', () => {
    const a = aSchoolNeglectNotification();
    a.children[0]!.lastName = "O'Fictiönal";
    const b = aSchoolNeglectNotification();
    b.children[0]!.lastName = 'OFictional';
    expect(matchKeysFor(childOf(a))[0]).toEqual(matchKeysFor(childOf(b))[0]);
  });

  it('does not match a different date of birth or postcode', () => {
    const a = aSchoolNeglectNotification();
    const b = aSchoolNeglectNotification();
    b.children[0]!.dateOfBirth = '2018-03-15';
    const c = aSchoolNeglectNotification();
    c.children[0]!.address.postcode = 'ZZ1 1AB';
    const key = matchKeysFor(childOf(a))[0]!.key;
    expect(matchKeysFor(childOf(b))[0]!.key).not.toBe(key);
    expect(matchKeysFor(childOf(c))[0]!.key).not.toBe(key);
  });

  it('adds an NHS number key that matches across name changes and house moves', () => {
    const a = aSchoolNeglectNotification();
    const b = aSchoolNeglectNotification();
    b.children[0]!.lastName = 'Renamed';
    b.children[0]!.address.postcode = 'ZZ9 9ZZ';
    const [, nhsA] = matchKeysFor(childOf(a));
    const [nameB, nhsB] = matchKeysFor(childOf(b));
    expect(nhsA).toEqual({ basis: 'nhs-number', key: nhsB!.key });
    expect(nameB!.key).not.toBe(matchKeysFor(childOf(a))[0]!.key);
  });

  it('keeps names out of the keys', () => {
    const keys = matchKeysFor(childOf(aPoliceDomesticAbuseNotification(), 0));
    for (const { key } of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain('noah');
    }
  });
});

describe('matching a household by address', () => {
  const address = (line1: string, postcode: string) => ({ line1, town: 'Exampleton', postcode });

  it('finds the same address however the first line and postcode are typed', () => {
    const key = householdKeyFor(address('Flat 2, 10 High St.', 'ZZ1 1AA'));
    expect(householdKeyFor(address('  flat 2 10 HIGH ST', 'zz11aa'))).toEqual(key);
    expect(householdKeyFor({ ...address('Flat 2, 10 High St.', 'ZZ1 1AA'), town: 'Elsewhere' })).toEqual(key);
    expect(key.basis).toBe('household-address');
  });

  it('tells different flats, houses and postcodes apart, and never holds the address in the clear', () => {
    const key = householdKeyFor(address('Flat 2, 10 High Street', 'ZZ1 1AA')).key;
    expect(householdKeyFor(address('Flat 3, 10 High Street', 'ZZ1 1AA')).key).not.toBe(key);
    expect(householdKeyFor(address('Flat 2, 10 High Street', 'ZZ1 1AB')).key).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is never the same key as a child key, though both live in one index', () => {
    const child = childOf(aSchoolNeglectNotification());
    const household = householdKeyFor(child.address).key;
    expect(matchKeysFor(child).map((k) => k.key)).not.toContain(household);
  });
});
