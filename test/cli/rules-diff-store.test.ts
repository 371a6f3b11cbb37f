import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { apiClient } from '../integration/api-client';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { useLocalSystem } from '../support/local-system';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const DEFAULT_RULESET = join(ROOT, 'shared', 'rules', 'rulesets', 'default.json');

/** What-if before an area switches its guidance on: replay the contacts it actually holds. */
describe('front-door rules diff --contacts store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-diff-'));
  const local = useLocalSystem();
  const references: string[] = [];

  beforeAll(async () => {
    const api = apiClient(local.system);
    for (const notification of [aSchoolNeglectNotification(), aPoliceDomesticAbuseNotification()]) {
      const accepted = await api.submit(notification);
      await api.contactInStatus(accepted.body.contactId, 'awaiting-decision');
      references.push(accepted.body.reference);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays the stored contacts under both rulesets and names the changed ones by reference only', async () => {
    const stricter = JSON.parse(readFileSync(DEFAULT_RULESET, 'utf8'));
    const current = stricter.version;
    stricter.version = '9.0.0';
    stricter.status = 'draft';
    for (const indicator of stricter.indicators) if (indicator.id === 'neglect-reported') indicator.level = 3;
    const stricterFile = join(dir, 'stricter.json');
    writeFileSync(stricterFile, JSON.stringify(stricter));

    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'front-door.mjs'), 'rules', 'diff', DEFAULT_RULESET, stricterFile, '--contacts', 'store', '--data-dir', local.system.dataDir], { cwd: ROOT });
    expect(stdout).toContain(`${references[0]}: level 2 -> 3`);
    expect(stdout).not.toContain(references[1]);
    expect(stdout).toContain(`2 contacts replayed under front-door-default ${current} and front-door-default 9.0.0: 1 changed`);
    expect(stdout).not.toMatch(/Ellie|Fictional|Madeup/);
  }, 60_000);
});
