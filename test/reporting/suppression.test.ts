import { asAtText } from '../../shared/reporting/performance-page';
import { EXACT, SUPPRESSING, withheld } from '../../shared/reporting/suppression';

describe('small-number suppression', () => {
  it('withholds 1 to 5, never 0 or 6, and exact figures stay exact on the console', () => {
    expect([0, 1, 5, 6, 812].map(SUPPRESSING.count)).toEqual(['0', 'c', 'c', '6', '812']);
    expect([0, 1, 5, 6].map(EXACT.count)).toEqual(['0', '1', '5', '6']);
  });

  it('withholds a percentage of a small number, or counting one, and says none when there is nothing to divide by', () => {
    expect(SUPPRESSING.percent(3, 50)).toBe('c');
    expect(SUPPRESSING.percent(0, 4)).toBe('c');
    expect(SUPPRESSING.percent(45, 50)).toBe('90%');
    expect(SUPPRESSING.percent(0, 0)).toBe('none');
    expect(EXACT.percent(3, 4)).toBe('75%');
  });

  it('withholds the next smallest of a list when one alone is small, so the total cannot give it away', () => {
    expect(withheld([406, 300, 3, 0])).toEqual([false, true, true, false]);
    expect(withheld([406, 2, 3])).toEqual([false, true, true]);
    expect(withheld([406, 300])).toEqual([false, false]);
    expect(withheld([4, 0])).toEqual([true, false]);
  });
});

describe('when the figures were taken', () => {
  it('says the snapshot time in plain English, London time, summer or winter', () => {
    expect(asAtText('2026-11-30T09:15:00.000Z')).toBe('Figures as at 9:15am on 30 November 2026');
    expect(asAtText('2026-07-01T13:05:00.000Z')).toBe('Figures as at 2:05pm on 1 July 2026');
    expect(asAtText(undefined)).toBe('No figures yet: the analytics extract has not run');
  });
});
