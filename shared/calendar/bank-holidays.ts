/**
 * England and Wales bank holidays, shipped as dated data rather than fetched: the triage engine
 * does no I/O, and a decision must be reproducible later with the calendar in force at the time.
 *
 * 2024–2027 match the GOV.UK list (https://www.gov.uk/bank-holidays.json, "england-and-wales").
 * 2028 is derived from the standing pattern (New Year, Good Friday, Easter Monday, first and last
 * Monday in May, last Monday in August, Christmas and Boxing Day, with substitute weekdays) and
 * must be checked against GOV.UK when it is published: one-off holidays (a coronation, a jubilee)
 * are proclaimed with a few months' notice. test/calendar/bank-holidays.test.ts fails six months
 * before the list runs out, so that someone extends it in time.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS = {
  checkedOn: '2026-11-21',
  coveredThrough: '2028-12-31',
  dates: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    // 2026: Boxing Day is a Saturday, so the substitute day is Monday 28 December.
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    // 2027: Christmas Day and Boxing Day fall at the weekend; substitutes on 27 and 28 December.
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
    // 2028: New Year's Day is a Saturday; substitute on Monday 3 January.
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
} as const;
