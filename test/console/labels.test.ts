import { formatDate } from '../../shared/calendar/format';
import { referrerAgencyName, matchedOn, roleName, routeName, statusName, themeName } from '../../shared/web/labels';
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
  });

  it('never shows a code: every agency type has a name, and an unknown code reads as words', () => {
    for (const code of Object.keys(AGENCY_TYPES)) expect(referrerAgencyName(code)).not.toMatch(/-/);
    expect(themeName('county-lines')).toBe('County lines');
  });

  it('writes dates as GOV.UK does', () => {
    expect(formatDate('2018-03-14')).toBe('14 March 2018');
    expect(formatDate('2026-01-01')).toBe('1 January 2026');
  });
});
