import { clockTime, formatDate } from '../../shared/calendar/format';
import {
  referrerAgencyName,
  matchedOn,
  riskLevelName,
  roleName,
  routeName,
  statusName,
  themeName,
} from '../../shared/web/labels';
import { AGENCY_TYPES } from '../../shared/notification';

describe('the words the console uses for codes (issue 12, point 9)', () => {
  it('names themes, routes, statuses, agencies and match bases in plain English', () => {
    expect(themeName('domestic-abuse')).toBe('Domestic abuse');
    expect(themeName('cse')).toBe('Child sexual exploitation');
    expect(routeName('early-help-targeted')).toBe('Early help: targeted family support');
    expect(statusName('awaiting-manager')).toBe('Awaiting manager sign-off');
    expect(referrerAgencyName('gp')).toBe('GP practice');
    expect(referrerAgencyName('emergency-department')).toBe('Hospital emergency department');
    expect(matchedOn(['nhs-number'])).toBe('Matched on NHS number');
    expect(matchedOn(['name-dob-postcode', 'nhs-number'])).toBe(
      'Matched on name, date of birth and postcode and on NHS number',
    );
    expect(roleName('manager')).toBe('Manager');
    expect(roleName('system')).toBe('Automatic');
    expect([riskLevelName('standard'), riskLevelName('low'), riskLevelName('high')]).toEqual([
      'Standard',
      'Low',
      'High',
    ]);
  });

  it('never shows a code: every agency type has a name, and an unknown code reads as words', () => {
    for (const code of Object.keys(AGENCY_TYPES)) expect(referrerAgencyName(code)).not.toMatch(/-/);
    expect(themeName('county-lines')).toBe('County lines');
  });

  it('writes dates as GOV.UK does', () => {
    expect(formatDate('2018-03-14')).toBe('14 March 2018');
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
    expect(
      ['21:30', '09:00', '12:00', '00:00', '00:05'].map((t) => clockTime(Number(t.slice(0, 2)), t.slice(3))),
    ).toEqual(['9:30pm', '9am', 'midday', 'midnight', '12:05am']);
  });
});
