import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BUNDLE_BUDGET_EXCEPTIONS_KB, BUNDLE_BUDGET_KB } from '../../infra/constructs/bundle-budget';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');

/**
 * What an ops team runs first: `npx cdk synth`, with no AWS account or credentials at all. It is
 * the suite's one bundling of every function, so the bundles' weight is checked on its output.
 */
describe('cdk synth', () => {
  it('synthesises the deployable stack, with its Lambda bundles within their budget, without AWS credentials', async () => {
    const out = mkdtempSync(join(tmpdir(), 'front-door-cdk-'));
    try {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')),
      );
      await run(join(BIN, 'cdk'), ['synth', '-c', 'stage=example', '--quiet', '--output', out], {
        cwd: ROOT,
        env: { ...env, PATH: `${BIN}${delimiter}${process.env.PATH}`, HOME: out },
        maxBuffer: 64 * 1024 * 1024,
      });
      const template = JSON.parse(readFileSync(join(out, 'FrontDoor-example.template.json'), 'utf8'));
      const functions = Object.values(template.Resources as Record<string, any>).filter(
        (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['FrontDoor:Entry'],
      );
      expect(functions.length).toBeGreaterThan(15);
      for (const fn of functions) expect(fn.Metadata['aws:asset:path']).toMatch(/^asset\./);
      const overBudget = functions
        .map((fn) => ({
          entry: fn.Metadata['FrontDoor:Entry'] as string,
          kb: Math.round(statSync(join(out, fn.Metadata['aws:asset:path'], 'index.js')).size / 1024),
        }))
        .filter(({ entry, kb }) => kb > (BUNDLE_BUDGET_EXCEPTIONS_KB[entry] ?? BUNDLE_BUDGET_KB));
      expect(overBudget).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
