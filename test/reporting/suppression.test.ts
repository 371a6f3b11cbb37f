import { NO_FIGURES, type BoardMeasures, type MonthFigures } from '../../shared/reporting/measures';
import { asAtText, performanceSections } from '../../shared/reporting/performance-page';
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

describe('secondary suppression of a part shown beside its whole', () => {
  const month = (figures: Partial<MonthFigures>) => ({ ...NO_FIGURES, ...figures });
  const measures = (figures: Partial<MonthFigures>[]): BoardMeasures => ({
    filter: { from: '2026-10', to: `2026-${10 + figures.length - 1}` },
    months: figures.map((f, i) => ({ month: `2026-${10 + i}`, ...month(f) })),
    total: month({}),
    bySource: [],
    byTheme: [],
    overrides: { compared: 0, agreed: 0, levelHigher: 0, levelLower: 0, routeChanged: 0, routes: [] },
    ladoOutcomes: [],
    asAt: undefined,
  });
  const rowsOf = (sections: ReturnType<typeof performanceSections>, id: string) =>
    sections.find((s) => s.id === id)!.table.rows;

  it('withholds a large part whose rest is small, and its percentage: 47 of 50 would say 3 were not', () => {
    // Prepare: 50 contacts decided, 47 within one working day; 12 red, 10 within their hours.
    const figures = measures([
      { decidedContacts: 50, withinOneWorkingDay: 47, redDecided: 12, redWithinHours: 10 },
      { decidedContacts: 60, withinOneWorkingDay: 40, redDecided: 12, redWithinHours: 6 },
    ]);
    // Act
    const published = rowsOf(performanceSections(figures, {}, SUPPRESSING), 'one-working-day');
    const exact = rowsOf(performanceSections(figures, {}, EXACT), 'one-working-day');
    // Assess
    expect(published).toEqual([
      ['October 2026', '50', 'c', 'c', '12', 'c'],
      ['November 2026', '60', '40', '66.7%', '12', '6'],
    ]);
    expect(exact[0]).toEqual(['October 2026', '50', '47', '94%', '12', '10']);
  });

  it('withholds one of two parts when what is left of the whole is small, and keeps the figure withheld in every table', () => {
    // Prepare: 50 children decided, 30 referred to social care, 17 to early help: 3 elsewhere.
    const figures = measures([{ decidedChildren: 50, referrals: 30, earlyHelp: 17, children: 80, reReferrals: 8 }]);
    // Act
    const sections = performanceSections(figures, {}, SUPPRESSING);
    // Assess: the early help figure (the smaller part) goes, so the 3 cannot be worked out.
    expect(rowsOf(sections, 'conversion')).toEqual([['October 2026', '50', '30', 'c', '60%']]);
    expect(rowsOf(sections, 're-referrals')).toEqual([['October 2026', '80', '0', '30', '8', '26.7%']]);
  });

  it('withholds the next smallest kind of override when one is small: their percentages give away the whole they share', () => {
    // Prepare: 60 children compared; 3 decided at a higher level.
    const figures = {
      ...measures([{}]),
      overrides: { compared: 60, agreed: 40, levelHigher: 3, levelLower: 10, routeChanged: 7, routes: [] },
    };
    // Act
    const section = performanceSections(figures, {}, SUPPRESSING).find((s) => s.id === 'recommended-decided')!;
    // Assess
    expect(section.chart).toContain('40 (66.7%)');
    expect(section.chart).toContain('10 (16.7%)');
    expect(section.chart).not.toMatch(/>\s*7 \(|11\.7%|>\s*3 \(|5%/);
  });

  it('shows a whole and its parts when neither a part nor the rest is small', () => {
    const figures = measures([{ decidedChildren: 50, referrals: 30, earlyHelp: 10 }]);
    expect(rowsOf(performanceSections(figures, {}, SUPPRESSING), 'conversion')).toEqual([
      ['October 2026', '50', '30', '10', '60%'],
    ]);
  });
});
