import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReport } from '../../infra/ops/report';

/** What `front-door report` says to a mistaken command line, before it reads or writes anything. */
describe('front-door report: clear errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-command-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    const out = { stdout: [] as string[], stderr: [] as string[] };
    const code = await runReport(argv, { stdout: (t) => out.stdout.push(t), stderr: (t) => out.stderr.push(t) });
    return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
  };

  it.each([
    [[], /^Name a report/],
    [['annex-b', '--out', 'returns/'], /^Unknown report: annex-b/],
    [['annex-a', '--from', '2026-04-01', '--to', '2027-03-31'], /^Give --out/],
    [['annex-a', '--from', '2026-04-31', '--to', '2027-03-31', '--out', 'returns/'], /^Give --from and --to as dates/],
    [
      ['cin-census', '--from', '2027-04-01', '--to', '2027-03-31', '--out', 'returns/'],
      /^--from must not be after --to/,
    ],
    [['board', '--month', '2026-13', '--out', 'returns/'], /^Give --month as a month/],
    [['annex-a', '--form', '2026-04-01', '--out', 'returns/'], /Unknown option '--form'/],
  ])('%j is refused with the usage (exit 2)', async (argv, message) => {
    // Act
    const { code, stderr } = await run(...argv);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:\n  front-door report annex-a');
  });

  it('says there is no local system to read, rather than failing on a connection', async () => {
    // Act
    const { code, stderr } = await run(
      'annex-a',
      '--from',
      '2026-04-01',
      '--to',
      '2027-03-31',
      '--out',
      dir,
      '--data-dir',
      dir,
    );

    // Assess
    expect(code).toBe(1);
    expect(stderr).toBe(
      `No local system is running with data in ${dir}: start it with npm start, or name a deployed stack with --stack`,
    );
  });
});
