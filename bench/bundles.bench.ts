import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { copyCommand, EXTERNAL_MODULES, FILES_METADATA } from '../infra/constructs/front-door-function';
import { describeFunctions } from '../infra/local/lambda';
import { LocalDeployment } from '../infra/local/template';
import { synthesizeTemplate } from '../infra/synth';
import type { CopiedFiles } from '../shared/web/paths';

/**
 * What each Lambda ships and how long its module takes to load cold, for every function in the
 * synthesised template. Bundles are built with the options FrontDoorFunction gives NodejsFunction
 * (esbuild, minified, Node 22, the AWS SDK left to the runtime) and carry the same copied files.
 * Cold init is the median of three fresh Node 22 processes each requiring the bundle once, with the
 * function's own environment; it is a laptop figure, useful side by side, not Lambda's INIT time.
 */

const ROOT = join(__dirname, '..');
const NODE_22 = join(ROOT, 'node_modules', '.bin', 'node');
const TARGET_KB = 500;

const sizeOf = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
    : statSync(path).size;

const coldInitMs = (bundle: string, environment: Record<string, string>): number => {
  const script = `const s=process.hrtime.bigint();try{require(${JSON.stringify(bundle)})}catch(e){process.stderr.write(String(e))}process.stdout.write(String(Number(process.hrtime.bigint()-s)/1e6))`;
  const runs = Array.from({ length: 3 }, () =>
    Number(
      execFileSync(NODE_22, ['-e', script], {
        env: { ...process.env, ...environment, AWS_REGION: 'eu-west-2' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ),
  );
  return runs.sort((a, b) => a - b)[1]!;
};

const main = async () => {
  const template = synthesizeTemplate();
  const apis = Object.fromEntries(
    Object.entries(template.Resources as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')
      .map(([id]) => [id, 'http://localhost:0']),
  );
  const deployment = new LocalDeployment(template as never, { sqs: 'localhost:0', apis });
  const { functions } = describeFunctions(deployment, ROOT);
  const work = mkdtempSync(join(tmpdir(), 'front-door-bundles-'));
  const rows: Array<{ name: string; codeKb: number; filesKb: number; initMs: number }> = [];
  try {
    for (const fn of functions) {
      const out = join(work, fn.logicalId);
      await build({
        entryPoints: [fn.entry],
        outfile: join(out, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node22',
        minify: true,
        sourcemap: false,
        external: EXTERNAL_MODULES,
        logLevel: 'silent',
      });
      const files = (deployment.resource(fn.logicalId).Metadata?.[FILES_METADATA] ?? []) as CopiedFiles[];
      for (const copied of files) execSync(copyCommand(ROOT, out, copied), { shell: '/bin/sh' });
      const codeKb = statSync(join(out, 'index.js')).size / 1024;
      rows.push({
        name: fn.entry.slice(ROOT.length + 1),
        codeKb,
        filesKb: sizeOf(out) / 1024 - codeKb,
        initMs: coldInitMs(join(out, 'index.js'), fn.environment),
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const unique = [...new Map(rows.map((r) => [r.name, r])).values()].sort((a, b) => b.codeKb - a.codeKb);
  console.log(
    `\n${'function'.padEnd(52)} ${'code KB'.padStart(8)} ${'files KB'.padStart(9)} ${'cold init ms'.padStart(13)}`,
  );
  for (const r of unique) {
    const flag = r.codeKb > TARGET_KB ? '  over 500 KB' : '';
    console.log(
      `${r.name.padEnd(52)} ${r.codeKb.toFixed(0).padStart(8)} ${r.filesKb.toFixed(0).padStart(9)} ${r.initMs.toFixed(0).padStart(13)}${flag}`,
    );
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\n${unique.length} handlers: median code ${median(unique.map((r) => r.codeKb)).toFixed(0)} KB, median cold init ${median(unique.map((r) => r.initMs)).toFixed(0)} ms, ${unique.filter((r) => r.codeKb > TARGET_KB).length} over ${TARGET_KB} KB`,
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
