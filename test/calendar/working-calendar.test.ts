import { ENGLAND_AND_WALES_BANK_HOLIDAYS, createWorkingCalendar, englandAndWalesCalendar } from '../../shared/calendar';

const calendar = englandAndWalesCalendar();
const due = (received: string, days = 1) => calendar.addWorkingDays(new Date(received), days).toISOString();

describe('one working day, in Europe/London office hours', () => {
  it.each([
    ['Tuesday morning: same time next day', '2026-11-17T10:00:00Z', '2026-11-18T10:00:00.000Z'],
    ['Friday afternoon: same time Monday', '2026-11-20T14:30:00Z', '2026-11-23T14:30:00.000Z'],
    ['Saturday: end of Monday', '2026-11-21T11:00:00Z', '2026-11-23T17:00:00.000Z'],
    ['before opening: end of that day', '2026-11-18T07:15:00Z', '2026-11-18T17:00:00.000Z'],
    ['after closing: end of the next day', '2026-11-18T19:00:00Z', '2026-11-19T17:00:00.000Z'],
    [
      'Christmas Eve: after Christmas Day and the Boxing Day substitute',
      '2026-12-24T16:00:00Z',
      '2026-12-29T16:00:00.000Z',
    ],
    ['Maundy Thursday: after Good Friday and Easter Monday', '2027-03-25T12:00:00Z', '2027-03-30T11:00:00.000Z'],
    ['New Year 2028 substitute Monday', '2027-12-31T12:00:00Z', '2028-01-04T12:00:00.000Z'],
  ])('%s', (_name, received, expected) => expect(due(received)).toBe(expected));
});

describe('clock changes', () => {
  it('Friday before the October change (BST to GMT): due at the same local time on Monday', () => {
    // 16:00 BST on Friday 23 October 2026; one office hour left, seven more from Monday 09:00 GMT.
    expect(due('2026-10-23T15:00:00Z')).toBe('2026-10-26T16:00:00.000Z');
  });

  it('Friday before the March change (GMT to BST): due at the same local time on Monday', () => {
    expect(due('2026-03-27T16:00:00Z')).toBe('2026-03-30T15:00:00.000Z');
  });

  it('opens at 09:00 local time on either side of the change', () => {
    expect(due('2027-10-30T12:00:00Z')).toBe('2027-11-01T17:00:00.000Z');
    // Saturday 27 March 2027: the clocks go forward overnight and Monday is Easter Monday.
    expect(due('2027-03-27T12:00:00Z')).toBe('2027-03-30T16:00:00.000Z');
  });

  it('reads the local date in London, not UTC', () => {
    expect(calendar.localDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(calendar.localDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('configuration', () => {
  it('takes office hours from configuration', () => {
    const long = createWorkingCalendar({ officeHours: { start: '08:00', end: '18:00' } });
    expect(long.addWorkingDays(new Date('2026-11-20T17:00:00Z'), 1).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(long.addOfficeHours(new Date('2026-11-20T17:00:00Z'), 2).toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('refuses office hours that end before they start', () => {
    expect(() => createWorkingCalendar({ officeHours: { start: '17:00', end: '09:00' } })).toThrow(
      /end after they start/,
    );
    expect(() => createWorkingCalendar({ officeHours: { start: '9am', end: '17:00' } })).toThrow(/24-hour time/);
  });

  it('counts multiple working days over a bank holiday weekend', () => {
    expect(due('2026-08-27T10:00:00Z', 3)).toBe('2026-09-02T10:00:00.000Z');
  });
});

describe('the shipped England and Wales bank holiday list', () => {
  const dates: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS.dates;

  it('still covers the next six months: extend shared/calendar/bank-holidays.ts from gov.uk when this fails', () => {
    const sixMonthsAhead = new Date();
    sixMonthsAhead.setUTCMonth(sixMonthsAhead.getUTCMonth() + 6);
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.coveredThrough >= sixMonthsAhead.toISOString().slice(0, 10)).toBe(true);
  });

  it('has eight weekday holidays a year through the covered period', () => {
    for (let year = 2024; year <= Number(ENGLAND_AND_WALES_BANK_HOLIDAYS.coveredThrough.slice(0, 4)); year++) {
      const inYear = dates.filter((d) => d.startsWith(String(year)));
      expect(inYear).toHaveLength(8);
      for (const date of inYear) expect([1, 2, 3, 4, 5]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });

  // Anonymous Gregorian algorithm: an independent check of Good Friday and Easter Monday.
  const easterSunday = (year: number): string => {
    const a = year % 19,
      b = Math.floor(year / 100),
      c = year % 100,
      d = Math.floor(b / 4),
      e = b % 4;
    const f = Math.floor((b + 8) / 25),
      g = Math.floor((b - f + 1) / 3),
      h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4),
      k = c % 4,
      l = (32 + 2 * e + 2 * i - h - k) % 7,
      m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31),
      day = ((h + l - 7 * m + 114) % 31) + 1;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const shift = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it.each([2024, 2025, 2026, 2027, 2028])('includes Good Friday and Easter Monday in %i', (year) => {
    expect(dates).toContain(shift(easterSunday(year), -2));
    expect(dates).toContain(shift(easterSunday(year), 1));
  });

  it('uses them as non-working days', () => {
    for (const date of dates) expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isWorkingDay('2026-11-18')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false);
  });
});
