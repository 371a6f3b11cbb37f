import { afterChange, nextPage, previousPage } from '../../shared/referrer/journey';
import { fill, schoolNeglectViaForm } from './journey-support';

/**
 * Issue 12 points 2 and 4: a change made from check your answers returns there, and every page's
 * Back link goes to the page the referrer came from (GOV.UK check answers and back link patterns).
 */
describe('moving through the referrer journey', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const complete = () =>
    schoolNeglectViaForm([
      ['concerns', { areas: 'care' }],
      ['concerns/care', { indicators: 'neglect-reported' }],
    ]);

  it('returns to check your answers after changing a child, not through the address page and the list', () => {
    // Prepare
    const answers = {
      ...complete(),
      listsDone: { children: true, parentsAndCarers: true, householdMembers: true, otherProfessionals: true },
    };
    // Act
    const changed = fill(answers, [
      [
        'children/0/details',
        {
          firstName: 'Elle',
          lastName: 'Fictional',
          born: 'yes',
          'dateOfBirth-day': '14',
          'dateOfBirth-month': '3',
          'dateOfBirth-year': '2018',
          gender: 'b',
        },
      ],
    ]);
    // Assess
    expect(afterChange('children/0/details', changed, now)).toBe('check');
  });

  it('after changing immediate danger to yes, shows the call-now advice once, then check your answers', () => {
    const answers = {
      ...complete(),
      listsDone: { children: true, parentsAndCarers: true, householdMembers: true, otherProfessionals: true },
    };
    const changed = fill(answers, [['immediate-danger', { immediateDanger: 'yes' }]]);
    expect(afterChange('immediate-danger', changed, now)).toBe('call-now');
    expect(afterChange('call-now', changed, now)).toBe('check');
    expect(afterChange('immediate-danger', fill(answers, [['immediate-danger', { immediateDanger: 'no' }]]), now)).toBe(
      'check',
    );
  });

  it('asks the specifics of a newly chosen area before going back to check your answers', () => {
    const answers = {
      ...complete(),
      listsDone: { children: true, parentsAndCarers: true, householdMembers: true, otherProfessionals: true },
    };
    const changed = fill(answers, [['concerns', { areas: ['care', 'domestic-abuse'] }]]);
    expect(afterChange('concerns', changed, now)).toBe('concerns/domestic-abuse');
    const answered = fill(changed, [['concerns/domestic-abuse', { indicators: 'parental-domestic-abuse' }]]);
    expect(afterChange('concerns/domestic-abuse', answered, now)).toBe('check');
  });

  it('goes forward through the chosen areas, then asks about risk assessments only for domestic abuse or exploitation', () => {
    const answers = fill({}, [['concerns', { areas: ['harm', 'domestic-abuse'] }]]);
    expect(nextPage('concerns', answers)).toBe('concerns/harm');
    expect(nextPage('concerns/harm', answers)).toBe('concerns/domestic-abuse');
    expect(nextPage('concerns/domestic-abuse', answers)).toBe('screening');
    expect(nextPage('concerns/care', fill({}, [['concerns', { areas: 'care' }]]))).toBe('what-happened');
  });

  it('asks which child each worry is about after the specifics, only when there are several children', () => {
    // Prepare
    const one = fill({ children: [{ firstName: 'Ellie' }] }, [
      ['concerns', { areas: 'care' }],
      ['concerns/care', { indicators: 'neglect-reported' }],
    ]);
    const two = { ...one, children: [{ firstName: 'Ellie' }, { firstName: 'Finn' }] };
    // Act and assess
    expect(nextPage('concerns/care', one)).toBe('what-happened');
    expect(nextPage('concerns/care', two)).toBe('which-child');
    expect(nextPage('which-child', two)).toBe('what-happened');
  });

  it('has a Back link on every page to the one before, or to check your answers when changing an answer', () => {
    const answers = fill({}, [
      ['immediate-danger', { immediateDanger: 'yes' }],
      ['concerns', { areas: ['harm'] }],
    ]);
    expect(previousPage('immediate-danger', answers)).toBe('');
    expect(previousPage('call-now', answers)).toBe('immediate-danger');
    expect(previousPage('who-are-you', answers)).toBe('call-now');
    expect(previousPage('about-you', answers)).toBe('who-are-you');
    expect(previousPage('children/0/details', answers)).toBe('about-you');
    expect(previousPage('parentsAndCarers', answers)).toBe('children');
    expect(previousPage('parentsAndCarers/0', answers)).toBe('parentsAndCarers');
    expect(previousPage('concerns', answers)).toBe('otherProfessionals');
    expect(previousPage('concerns/harm', answers)).toBe('concerns');
    expect(previousPage('what-happened', answers)).toBe('concerns/harm');
    expect(previousPage('check', answers)).toBe('consent');
    expect(previousPage('about-you', answers, 'check')).toBe('check');
    expect(previousPage('categories', answers)).toBe('check');
  });
});
