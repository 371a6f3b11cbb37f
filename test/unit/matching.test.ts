import { matchKeysFor } from '../../shared/contacts';
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
    b.children[0]!.lastName = "fictional";
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
