import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../shared/cli/main';

const run = (argv: string[], stdin = '') => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => stdin,
    now: () => new Date('2026-11-18T10:00:00Z'),
  };
  const code = main(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
};

describe('front-door CLI', () => {
  it('triages a notification file and prints the recommendation as JSON', () => {
    const { code, stdout } = run(['triage', 'events/notifications/school-neglect.json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      level: 2,
      route: 'early-help-single-agency',
      dueAt: '2026-11-19T10:00:00.000Z',
    });
  });

  it('adds a plain-English explanation with --explain, and reads standard input', () => {
    const { stdout } = run(
      ['triage', '-', '--explain', '--received-at', '2026-11-20T16:30:00Z'],
      readFileSync('events/notifications/police-domestic-abuse-high.json', 'utf8'),
    );
    const output = JSON.parse(stdout) as { explanation: string[]; route: string };
    expect(output.route).toBe('csc-strategy-discussion');
    expect(output.explanation[0]).toBe("Level 4 (Specialist): Children's social care: strategy discussion (s47).");
    expect(output.explanation.join('\n')).toContain('DASH risk: high');
    expect(stdout).not.toContain('Madeup');
  });

  it('reports an invalid notification by field, without echoing it', () => {
    const { code, stderr } = run(['triage', '-'], JSON.stringify({ children: [] }));
    expect(code).toBe(1);
    expect(stderr).toContain('referrer: This field is required');
  });

  it('checks a ruleset and replays contacts under two rulesets', () => {
    expect(run(['rules', 'check', 'shared/rules/rulesets/default.json'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('0 errors, 0 warnings'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'front-door-'));
    const stricter = JSON.parse(readFileSync('shared/rules/rulesets/default.json', 'utf8')) as {
      version: string;
      indicators: { id: string; level: number }[];
    };
    const current = stricter.version;
    stricter.version = '9.0.0';
    stricter.indicators.find((i) => i.id === 'neglect-reported')!.level = 3;
    writeFileSync(join(dir, 'stricter.json'), JSON.stringify(stricter));
    const { code, stdout } = run([
      'rules',
      'diff',
      'shared/rules/rulesets/default.json',
      join(dir, 'stricter.json'),
      '--contacts',
      'events/notifications',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'school-neglect.json: level 2 -> 3; route early-help-single-agency -> early-help-targeted',
    );
    expect(stdout).toContain(
      `3 contacts replayed under front-door-default ${current} and front-door-default 9.0.0: 1 changed`,
    );
  });

  it('runs as npx front-door from the repository root', () => {
    const stdout = execFileSync(
      'node',
      [
        'bin/front-door.mjs',
        'triage',
        'events/notifications/school-neglect.json',
        '--received-at',
        '2026-11-18T10:00:00Z',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(stdout)).toMatchObject({ level: 2, ruleset: { id: 'front-door-default' } });
  });
});
