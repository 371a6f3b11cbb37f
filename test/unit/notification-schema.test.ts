import { isValidNhsNumber, parseNotification } from '../../shared/notification';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';

const errorsOf = (input: unknown) => {
  const result = parseNotification(input);
  if (result.ok) throw new Error('expected the notification to be refused');
  return result.errors;
};

describe('Cause for Concern notification schema', () => {
  it('accepts a complete notification and fills the defaults', () => {
    const result = parseNotification(aSchoolNeglectNotification());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notification.concerns.indicators).toEqual([]);
    expect(result.notification.children[0]!.address.postcode).toBe('ZZ1 1AA');
  });

  it('accepts several children, an unknown ethnicity and consent not sought with its reason', () => {
    const result = parseNotification(aPoliceDomesticAbuseNotification());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notification.children[1]!.ethnicity).toBe('NOBT');
  });

  it('accepts an unborn baby with an expected date of delivery', () => {
    const input = aSchoolNeglectNotification();
    const child = input.children[0]!;
    delete child.dateOfBirth;
    child.expectedDateOfDelivery = '2027-02-01';
    expect(parseNotification(input).ok).toBe(true);
  });

  it('reports every field error with its path, not just the first', () => {
    const input = aSchoolNeglectNotification() as any;
    input.referrer.email = 'not-an-email';
    input.children[0].gender = 'm';
    input.children[0].address.postcode = '12345';
    input.concerns.factors = ['99Z'];
    delete input.expectation;
    expect(
      errorsOf(input)
        .map((e) => e.path)
        .sort(),
    ).toEqual([
      'children.0.address.postcode',
      'children.0.gender',
      'concerns.factors.0',
      'expectation',
      'referrer.email',
    ]);
  });

  it('says plainly when a required field is missing', () => {
    const input = aSchoolNeglectNotification() as any;
    delete input.immediateDanger;
    delete input.referrer.phone;
    expect(errorsOf(input)).toEqual(
      expect.arrayContaining([
        { path: 'immediateDanger', message: 'Say whether any child is in immediate danger' },
        { path: 'referrer.phone', message: 'This field is required' },
      ]),
    );
  });

  it('refuses both a date of birth and an expected date of delivery', () => {
    const both = aSchoolNeglectNotification();
    both.children[0]!.expectedDateOfDelivery = '2027-01-01';
    expect(errorsOf(both)).toEqual([
      { path: 'children.0.dateOfBirth', message: expect.stringContaining('expected date of delivery, not both') },
    ]);
  });

  it('accepts what a referrer knows of a child: no date of birth, a rough age, no surname; an unborn baby with no name', () => {
    // Prepare
    const known = aSchoolNeglectNotification();
    delete known.children[0]!.dateOfBirth;
    delete known.children[0]!.lastName;
    known.children[0]!.approximateAge = 7;
    const unborn = aSchoolNeglectNotification();
    delete unborn.children[0]!.dateOfBirth;
    delete unborn.children[0]!.firstName;
    delete unborn.children[0]!.lastName;
    unborn.children[0]!.expectedDateOfDelivery = '2027-04-01';
    // Act and assess
    expect(parseNotification(known)).toMatchObject({
      ok: true,
      notification: { children: [{ firstName: 'Ellie', approximateAge: 7 }] },
    });
    expect(parseNotification(unborn).ok).toBe(true);
  });

  it('needs some name for a born child, and a rough age only without a date of birth', () => {
    const nameless = aSchoolNeglectNotification();
    delete nameless.children[0]!.firstName;
    delete nameless.children[0]!.lastName;
    expect(errorsOf(nameless)).toEqual([
      { path: 'children.0.firstName', message: "Enter the child's name, or what they are known as" },
    ]);
    const both = aSchoolNeglectNotification();
    both.children[0]!.approximateAge = 7;
    expect(errorsOf(both)).toEqual([
      {
        path: 'children.0.approximateAge',
        message: 'Give an approximate age only when the date of birth is not known',
      },
    ]);
  });

  it('needs a reason when consent was refused or not sought', () => {
    const input = aSchoolNeglectNotification() as any;
    input.consent = { status: 'refused' };
    expect(errorsOf(input)).toEqual([{ path: 'consent.reason', message: 'This field is required' }]);
  });

  it('refuses a notification with no children, a vague description or unknown fields', () => {
    const input = aSchoolNeglectNotification() as any;
    input.children = [];
    input.concerns.description = 'worried';
    input.colour = 'blue';
    expect(
      errorsOf(input)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['(root)', 'children', 'concerns.description']);
  });

  it('refuses a misspelt or unknown field at any depth, naming it, rather than dropping what it held', () => {
    // Prepare: a date of birth and an NHS number under the wrong names, and strays elsewhere
    const input = aSchoolNeglectNotification() as any;
    const { dateOfBirth, nhsNumber, ...child } = input.children[0];
    input.children[0] = { ...child, dob: dateOfBirth, nhs_number: nhsNumber };
    input.referrer.extra = 'x';
    input.children[0].address.flat = '2';
    input.parentsAndCarers[0].extra = 'x';
    input.consent.extra = 'x';
    input.concerns.screening = { dashRisk: 'high', dash: 'high' };

    // Act
    const errors = errorsOf(input);

    // Assess
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          path: 'children.0',
          message: '"dob", "nhs_number" are not fields here: check the spelling against the notification\'s fields',
        },
        { path: 'children.0.address', message: expect.stringContaining('"flat" is not a field here') },
        { path: 'referrer', message: expect.stringContaining('"extra" is not a field here') },
        { path: 'parentsAndCarers.0', message: expect.stringContaining('"extra"') },
        { path: 'consent', message: expect.stringContaining('"extra"') },
        { path: 'concerns.screening', message: expect.stringContaining('"dash"') },
      ]),
    );
  });

  it('checks the NHS number check digit', () => {
    expect(isValidNhsNumber('9990000018')).toBe(true);
    expect(isValidNhsNumber('9990000019')).toBe(false);
    const input = aSchoolNeglectNotification();
    input.children[0]!.nhsNumber = '999 000 0019';
    expect(errorsOf(input)).toEqual([{ path: 'children.0.nhsNumber', message: 'Enter a valid 10 digit NHS number' }]);
  });

  it('takes concerns about one child beside those about every child, and keeps notifications without them valid', () => {
    // Prepare: the police notification about two children; the older one's exploitation is hers alone.
    const household = aPoliceDomesticAbuseNotification();
    const withOwn = aPoliceDomesticAbuseNotification();
    withOwn.children[1]!.concerns = { factors: ['11A'], indicators: [] };
    const onlyOwn = aPoliceDomesticAbuseNotification();
    onlyOwn.concerns.factors = [];
    onlyOwn.children[0]!.concerns = { factors: ['3B'] };
    // Act
    const results = [household, withOwn, onlyOwn].map(parseNotification);
    // Assess
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    if (!results[1]!.ok || !results[2]!.ok) return;
    expect(results[1].notification.children.map((c) => c.concerns)).toEqual([
      undefined,
      { factors: ['11A'], indicators: [] },
    ]);
    expect(results[2].notification.children[0]!.concerns).toEqual({ factors: ['3B'], indicators: [] });
  });

  it('needs a concern about some child, naming the one field; a child concern must be a census code', () => {
    // Prepare
    const none = aSchoolNeglectNotification();
    none.concerns.factors = [];
    none.children[0]!.concerns = { factors: [], indicators: [] };
    const badCode = aSchoolNeglectNotification() as any;
    badCode.children[0].concerns = { factors: ['99Z'] };
    const alsoMissingName = aSchoolNeglectNotification() as any;
    alsoMissingName.concerns.factors = [];
    delete alsoMissingName.referrer.name;
    // Act and assess
    expect(errorsOf(none)).toEqual([{ path: 'concerns.factors', message: 'Choose at least one concern' }]);
    expect(errorsOf(badCode).map((e) => e.path)).toEqual(['children.0.concerns.factors.0']);
    // Every error at once, as for any other field.
    expect(
      errorsOf(alsoMissingName)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['concerns.factors', 'referrer.name']);
  });

  it('refuses what is not an object at all', () => {
    expect(errorsOf('hello')).toEqual([{ path: '(root)', message: expect.any(String) }]);
  });
});
