import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReport } from '../../infra/ops/report';
import { englandAndWalesCalendar } from '../../shared/calendar';
import { contactFacts } from '../../shared/reporting/facts';
import { localFactsSink } from '../../shared/reporting/local-facts-sink';
import { toParquet } from '../../shared/reporting/parquet';
import { CONTACT_FACT_COLUMNS, THEME_FACT_COLUMNS } from '../../shared/reporting/schema';
import { accessibilityViolations, useBrowserPage } from './browser';
import { aContact, decided, ellie, tom } from '../returns/contacts';

/**
 * `front-door report board` on the local path, end to end: contacts become the analytics facts
 * (Parquet in the data directory), the measures are read back through DuckDB, and the report is
 * written as HTML and printed to PDF by the packaged Chromium; the HTML passes axe.
 */
describe('front-door report board', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'board-report-'));
  const out = join(dataDir, 'out');
  const browser = useBrowserPage();
  const io = () => {
    const lines = { stdout: [] as string[], stderr: [] as string[] };
    return { lines, io: { stdout: (t: string) => lines.stdout.push(t), stderr: (t: string) => lines.stderr.push(t) } };
  };

  beforeAll(async () => {
    const contacts = [
      aContact({
        receivedAt: '2026-10-12T09:00:00Z',
        decision: decided('2026-10-12T12:00:00Z', [{ route: 'early-help-targeted' }]),
      }),
      aContact({
        receivedAt: '2026-11-02T09:00:00Z',
        children: [ellie(), tom()],
        decision: decided('2026-11-02T11:00:00Z', [{ route: 'csc-assessment' }, { route: 'csc-assessment' }]),
      }),
      aContact({
        receivedAt: '2026-11-20T09:00:00Z',
        referrer: { agencyType: 'police', organisation: 'Exampleshire Police' },
      }),
    ];
    const facts = contacts.map((c) =>
      contactFacts(c, { calendar: englandAndWalesCalendar(), secret: 'a test key of thirty-two characters' }),
    );
    const sink = localFactsSink(join(dataDir, 'analytics'));
    await sink.writePart(
      'run-1',
      'contact_facts',
      0,
      await toParquet(
        CONTACT_FACT_COLUMNS,
        facts.flatMap((f) => f.contacts),
      ),
    );
    await sink.writePart(
      'run-1',
      'theme_facts',
      0,
      await toParquet(
        THEME_FACT_COLUMNS,
        facts.flatMap((f) => f.themes),
      ),
    );
    await sink.publish('run-1');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the month’s report as HTML and PDF, with what changed since October in words', async () => {
    // Prepare
    const { lines, io: reportIo } = io();

    // Act
    const code = await runReport(['board', '--month', '2026-11', '--out', out, '--data-dir', dataDir], reportIo);

    // Assess
    expect(lines.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(lines.stdout).toEqual([join(out, 'board-report-2026-11.html'), join(out, 'board-report-2026-11.pdf')]);
    const html = readFileSync(join(out, 'board-report-2026-11.html'), 'utf8');
    expect(html).toContain('<title>Exampleshire (local) front door: board report for November 2026</title>');
    // Two contacts are a small number: the report leaves the council, so they are withheld.
    expect(html).toContain(
      '<li>1 to 5 contacts about 1 to 5 children were received in November 2026, not compared with October 2026, a small number.</li>',
    );
    expect(html).not.toContain('2 contacts about 3 children');
    expect(readFileSync(join(out, 'board-report-2026-11.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('is an accessible page: axe finds no WCAG 2.2 AA violations', async () => {
    // Act
    await browser.page.setContent(readFileSync(join(out, 'board-report-2026-11.html'), 'utf8'));

    // Assess
    expect(await accessibilityViolations(browser.page)).toEqual([]);
  }, 60_000);

  it('writes the HTML alone, and says why, when no headless browser can be started', async () => {
    // Prepare
    const { lines, io: reportIo } = io();
    const chromium = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dataDir, 'no-such-chromium');
    const elsewhere = join(dataDir, 'no-browser');

    // Act
    const code = await runReport(
      ['board', '--month', '2026-11', '--out', elsewhere, '--data-dir', dataDir],
      reportIo,
    ).finally(() => {
      process.env.CHROMIUM_PATH = chromium;
    });

    // Assess
    expect(code).toBe(0);
    expect(existsSync(join(elsewhere, 'board-report-2026-11.html'))).toBe(true);
    expect(existsSync(join(elsewhere, 'board-report-2026-11.pdf'))).toBe(false);
    expect(lines.stderr.join('\n')).toMatch(
      /^No PDF: no headless browser \(.*\): install the development dependencies, or set CHROMIUM_PATH to a Chromium\. The HTML prints to PDF from any browser\.$/,
    );
  }, 60_000);
});
