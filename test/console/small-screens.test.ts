import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every page fits 320 px without scrolling sideways (WCAG 1.4.10 reflow). A browser walk at 320 px
 * found the LADO's queue, the performance page's figures and the console's other lists (handovers,
 * meetings, consultations, the partner's page, a meeting's actions) a page and more wider than the
 * screen, and a long surname in a heading or legend pushing the contact and decide pages sideways.
 * The browser tests walk a few pages at 320 px; this holds every template to the two rules that
 * make any page fit: each table stacks (a cell naming its column), and long words break.
 */
describe('pages on a small screen', () => {
  const VIEWS = join(__dirname, '../../shared/web/views');
  const templates = readdirSync(VIEWS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.njk'))
    .map((f) => ({ file: f, text: readFileSync(join(VIEWS, f), 'utf8') }));

  it('stacks every table below 641 px', () => {
    // Prepare
    const tables = templates.flatMap(({ file, text }) =>
      [...text.matchAll(/<table\b[^>]*>/g)].map((m) => ({ file, tag: m[0] })),
    );

    // Act
    const unstacked = tables.filter((t) => !t.tag.includes('app-table--stacked'));

    // Assess
    expect(tables.length).toBeGreaterThan(10);
    expect(unstacked).toEqual([]);
  });

  it('names the column of every cell that holds a value, so a stacked row still reads as a table', () => {
    // Prepare: a cell spanning the row (an empty state) or holding only a button names no column.
    const cells = templates.flatMap(({ file, text }) =>
      [...text.matchAll(/<td\b[^>]*>/g)].map((m) => ({
        file,
        tag: m[0],
        content: text.slice(m.index + m[0].length, text.indexOf('</td>', m.index)),
      })),
    );

    // Act
    const unnamed = cells.filter(
      (c) => !c.tag.includes('data-label=') && !c.tag.includes('colspan=') && !c.content.includes('<form'),
    );

    // Assess
    expect(cells.length).toBeGreaterThan(40);
    expect(unnamed.map((c) => `${c.file}: ${c.tag}`)).toEqual([]);
  });

  it('breaks a word longer than the line rather than widening the page', () => {
    // Prepare
    const css = readFileSync(join(__dirname, '../../shared/web/assets/front-door.css'), 'utf8');

    // Act
    const bodyRule = /(^|\n)body\s*\{([^}]*)\}/.exec(css)?.[2] ?? '';

    // Assess
    expect(bodyRule).toMatch(/overflow-wrap:\s*break-word/);
  });
});
