import { type BoardMeasures, type MonthFigures, NO_FIGURES } from '../../shared/reporting/measures';
import { monthNarrative } from '../../shared/returns/board-narrative';
import { SUPPRESSING } from '../../shared/reporting/suppression';
import { boardReportHtml } from '../../shared/returns/board-report';

/** Board measures as loadMeasures gives them, built by hand: months with figures, the rest zero. */
const measures = (months: Record<string, Partial<MonthFigures>>, more: Partial<BoardMeasures> = {}): BoardMeasures => {
  const list = Object.entries(months).map(([month, figures]) => ({ month, ...NO_FIGURES, ...figures }));
  const total = list.reduce(
    (t, m) =>
      Object.fromEntries(
        Object.keys(NO_FIGURES).map((k) => [k, t[k as keyof MonthFigures] + m[k as keyof MonthFigures]]),
      ) as unknown as MonthFigures,
    NO_FIGURES,
  );
  return {
    filter: { from: list[0]!.month, to: list.at(-1)!.month },
    months: list,
    total,
    bySource: [],
    byTheme: [],
    overrides: { compared: 0, agreed: 0, levelHigher: 0, levelLower: 0, routeChanged: 0, routes: [] },
    ladoOutcomes: [],
    asAt: '2026-12-01T09:15:00.000Z',
    ...more,
  };
};

const OCTOBER: Partial<MonthFigures> = {
  contacts: 780,
  children: 1000,
  decidedChildren: 900,
  referrals: 261,
  earlyHelp: 200,
  decidedContacts: 760,
  withinOneWorkingDay: 722,
  redDecided: 10,
  redWithinHours: 10,
};
const NOVEMBER: Partial<MonthFigures> = {
  contacts: 812,
  children: 1030,
  decidedChildren: 950,
  referrals: 301,
  reReferrals: 41,
  earlyHelp: 210,
  decidedContacts: 800,
  withinOneWorkingDay: 774,
  redDecided: 12,
  redWithinHours: 11,
  partnerRequests: 95,
  partnerRequestsAnsweredWithin48h: 88,
  reconsiderationsRequested: 4,
  reconsiderationsChanged: 1,
  referrersNotReached: 3,
};

describe('the monthly board report', () => {
  it('says what changed in the month against the month before, in counts, percentages and percentage points', () => {
    // Prepare
    const range = measures({ '2026-10': OCTOBER, '2026-11': NOVEMBER });

    // Act
    const sentences = monthNarrative(range, '2026-11', [{ source: 'police', contacts: 406, children: 600 }], (s) =>
      s === 'police' ? 'the police' : s,
    );

    // Assess
    expect(sentences).toEqual([
      '812 contacts about 1,030 children were received in November 2026, up 32 (4.1%) on October 2026’s 780.',
      'The largest source was the police, with 406 contacts (50% of the month’s).',
      'Of 950 children decided, 301 were referred to children’s social care (31.7%, up 2.7 percentage points from 29%) and 210 to early help.',
      'Re-referrals within 12 months: 41 of 301 referrals (13.6%, up 13.6 percentage points from 0%).',
      '774 contacts of 800 decided within one working day: 96.8%, up 1.8 percentage points from 95%.',
      '11 of 12 red contacts were decided within their hours; 1 was late.',
      'Partner agencies answered 88 of 95 information requests within 48 hours (92.6%).',
      'Referrers asked for 4 decisions to be reconsidered; 1 was changed.',
      '3 referrers could not be reached by email.',
    ]);
  });

  it('says so when a month had no contacts, or the month before had none to compare with', () => {
    // Prepare
    const quiet = measures({ '2026-10': OCTOBER, '2026-11': {} });
    const first = measures({ '2026-10': {}, '2026-11': { contacts: 1, children: 1 } });

    // Act and assess
    expect(monthNarrative(quiet, '2026-11')).toEqual([
      'No contacts were received in November 2026 (780 contacts in October 2026).',
    ]);
    expect(monthNarrative(first, '2026-11')).toEqual([
      '1 contact about 1 child was received in November 2026, none in October 2026.',
    ]);
  });

  it('is one self-contained GOV.UK-styled page: the words, then each chart inline with its table beside it, nothing loaded from elsewhere', () => {
    // Prepare: the 13 months to November, and November alone.
    const months = Object.fromEntries(
      Array.from({ length: 13 }, (_, i) => {
        const index = 2025 * 12 + 10 + i;
        return [
          `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
          i === 11 ? OCTOBER : i === 12 ? NOVEMBER : { contacts: 700 + i },
        ];
      }),
    );
    const trend = measures(months);
    const monthOnly = measures(
      { '2026-11': NOVEMBER },
      {
        bySource: [{ source: 'police', contacts: 406, children: 600 }],
        byTheme: [{ theme: 'domestic-abuse', contacts: 300 }],
      },
    );

    // Act
    const html = boardReportHtml({
      month: '2026-11',
      areaName: 'Exampleshire',
      trend,
      monthOnly,
      generatedAt: '2026-12-01T09:00:00Z',
    });

    // Assess
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB" class="govuk-template">/);
    expect(html).toContain('<title>Exampleshire front door: board report for November 2026</title>');
    expect(html).toContain('<h1 class="govuk-heading-xl">Board report for November 2026</h1>');
    expect(html).toContain(
      '<li>812 contacts about 1,030 children were received in November 2026, up 32 (4.1%) on October 2026’s 780.</li>',
    );
    expect(html).toContain('.govuk-table{'); // GOV.UK Frontend's styles, inlined
    const figures =
      html.match(/<div class="board-figure"><div><svg[\s\S]*?<\/svg><\/div><div><table class="govuk-table">/g) ?? [];
    expect(figures.length).toBe((html.match(/<svg /g) ?? []).length);
    expect(figures.length).toBeGreaterThanOrEqual(8);
    expect(html).toContain(
      '<th scope="row" class="govuk-table__header">November 2026</th><td class="govuk-table__cell">812</td>',
    );
    expect(html).toContain('Figures as at 9:15am on 1 December 2026.');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/@font-face|url\((?!data:)[^)]*\/assets\/fonts/);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
  });

  it('withholds numbers from 1 to 5 beyond the council, with a note, and any percentage built on one', () => {
    // Prepare: November's small figures (4 reconsiderations, 1 changed, 3 referrers not reached, 11
    // of 12 red), one small source beside a large one, and two LADO allegations considered in time.
    const trend = measures({
      '2026-10': { ...OCTOBER, referrersNotReached: 40 },
      '2026-11': { ...NOVEMBER, ladoConsidered: 2, ladoConsideredWithinOneWorkingDay: 2 },
    });
    const monthOnly = measures(
      { '2026-11': NOVEMBER },
      {
        bySource: [
          { source: 'police', contacts: 406, children: 600 },
          { source: 'school', contacts: 300, children: 310 },
          { source: 'health', contacts: 3, children: 3 },
        ],
        ladoOutcomes: [{ outcome: 'unfounded', allegations: 2 }],
      },
    );

    // Act
    const html = boardReportHtml({
      month: '2026-11',
      areaName: 'Exampleshire',
      trend,
      monthOnly,
      generatedAt: '2026-12-01T09:00:00Z',
    });
    const sentences = monthNarrative(trend, '2026-11', monthOnly.bySource, (s) => s, SUPPRESSING);

    // Assess: the words
    expect(sentences).toEqual(
      expect.arrayContaining([
        // 12 decided and 11 in time would give the 1 late away: the part is withheld with it.
        '12 red contacts were decided; how many within their hours is withheld, a small number.',
        'Referrers asked for 1 to 5 decisions to be reconsidered; 1 to 5 were changed.',
        '1 to 5 referrers could not be reached by email.',
        'The LADO considered 1 to 5 allegations reported in November 2026; 1 to 5 within one working day (the rate withheld, a small number).',
      ]),
    );
    // …the tables: the small source, and the next smallest with it, so neither is worked out from the month's total
    const cells = (heading: string) => {
      const table = html.slice(html.indexOf(`${heading}: the figures`));
      return table.slice(0, table.indexOf('</table>'));
    };
    expect(cells('Contacts by source')).toContain('<td class="govuk-table__cell">406</td>');
    expect(cells('Contacts by source')).toMatch(
      /School<\/th><td class="govuk-table__cell">2A<\/td><td class="govuk-table__cell">c<\/td>/,
    );
    expect(cells('Contacts by source')).toMatch(
      /Health<\/th><td class="govuk-table__cell">[^<]*<\/td><td class="govuk-table__cell">c<\/td>/,
    );
    expect(cells('LADO: outcomes by category')).toContain('<td class="govuk-table__cell">c</td>');
    // …the trend tables have no total row, and the note says what c is
    expect(cells('Contacts by month')).not.toContain('>Total<');
    expect(html).toContain('c: withheld. Every number from 1 to 5 is withheld');
    // …and a total over the months is withheld when it would give a withheld month away (40 + c)
    expect(html).toContain('Referrer not reached: c');
    expect(html).not.toContain('Referrer not reached: 43');
    expect(html).not.toMatch(/>(1|2|3|4|5)<\/td>/);
  });
});
