import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_BUDGET_EXCEPTIONS_KB, BUNDLE_BUDGET_KB } from '../infra/constructs/bundle-budget';
import { BUNDLING, copyCommand, FILES_METADATA } from '../infra/constructs/front-door-function';
import { describeFunctions } from '../infra/local/lambda';
import { LocalDeployment } from '../infra/local/template';
import { synthesizeTemplate } from '../infra/synth';
import type { CopiedFiles } from '../shared/web/paths';

/**
 * What each Lambda ships and how long its module takes to load cold, for every function in the
 * synthesised template. Bundles are built with the options FrontDoorFunction gives NodejsFunction
 * (BUNDLING: esbuild, minified, Node 22, source maps without sources, the AWS SDK left to the
 * runtime) and carry the same copied files. The biggest parts are the packages (or our folders)
 * weighing most in the bundle, from esbuild's metafile. Cold init is the median of three fresh
 * Node 22 processes each requiring the bundle once, with the function's own environment (so
 * NODE_OPTIONS=--enable-source-maps reads the map, as on Lambda): the CPU time of that require,
 * which a busy shared machine disturbs far less than the wall time, printed beside it. Laptop
 * figures, useful side by side, not Lambda's INIT duration.
 */

const ROOT = join(__dirname, '..');
const NODE_22 = join(ROOT, 'node_modules', '.bin', 'node');
const budgetKb = (entry: string) => BUNDLE_BUDGET_EXCEPTIONS_KB[entry] ?? BUNDLE_BUDGET_KB;

const sizeOf = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
    : statSync(path).size;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU and wall milliseconds of requiring the bundle in a fresh process: medians of three. */
const coldInit = (bundle: string, environment: Record<string, string>): { cpuMs: number; wallMs: number } => {
  const script = `const c=process.cpuUsage(),s=process.hrtime.bigint();try{require(${JSON.stringify(bundle)})}catch(e){process.stderr.write(String(e))}const u=process.cpuUsage(c);process.stdout.write(JSON.stringify([(u.user+u.system)/1e3,Number(process.hrtime.bigint()-s)/1e6]))`;
  const runs = Array.from(
    { length: 3 },
    () =>
      JSON.parse(
        execFileSync(NODE_22, ['-e', script], {
          // The bundle sits in a temp dir: NODE_PATH finds the AWS SDK it leaves out, as Lambda's runtime provides it.
          env: { ...process.env, ...environment, AWS_REGION: 'eu-west-2', NODE_PATH: join(ROOT, 'node_modules') },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      ) as [number, number],
  );
  return { cpuMs: median(runs.map((r) => r[0])), wallMs: median(runs.map((r) => r[1])) };
};

/** The three packages (or folders of ours) that weigh most in the bundle, in KB. */
const biggestParts = (metafile: Metafile): string => {
  const kb = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      kb.set(part, (kb.get(part) ?? 0) + bytesInOutput / 1024);
    }
  return [...kb]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([part, size]) => `${part} ${size.toFixed(0)}`)
    .join(', ');
};

const main = async () => {
  const loadBefore = loadavg()[0]!;
  const template = synthesizeTemplate();
  const apis = Object.fromEntries(
    Object.entries(template.Resources as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')
      .map(([id]) => [id, 'http://localhost:0']),
  );
  const deployment = new LocalDeployment(template as never, { sqs: 'localhost:0', apis });
  const { functions } = describeFunctions(deployment, ROOT);
  const work = mkdtempSync(join(tmpdir(), 'front-door-bundles-'));
  const rows: Array<{
    name: string;
    codeKb: number;
    mapKb: number;
    filesKb: number;
    parts: string;
    cpuMs: number;
    wallMs: number;
  }> = [];
  try {
    for (const fn of functions) {
      const out = join(work, fn.logicalId);
      const { metafile } = await build({
        entryPoints: [fn.entry],
        outfile: join(out, 'index.js'),
        bundle: true,
        platform: 'node',
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourcemap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        external: BUNDLING.externalModules,
        metafile: true,
        logLevel: 'silent',
      });
      const files = (deployment.resource(fn.logicalId).Metadata?.[FILES_METADATA] ?? []) as CopiedFiles[];
      for (const copied of files) execSync(copyCommand(ROOT, out, copied), { shell: '/bin/sh' });
      const codeKb = statSync(join(out, 'index.js')).size / 1024;
      const mapKb = statSync(join(out, 'index.js.map')).size / 1024;
      rows.push({
        name: fn.entry.slice(ROOT.length + 1),
        codeKb,
        mapKb,
        filesKb: sizeOf(out) / 1024 - codeKb - mapKb,
        parts: biggestParts(metafile),
        ...coldInit(join(out, 'index.js'), fn.environment),
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const unique = [...new Map(rows.map((r) => [r.name, r])).values()].sort((a, b) => b.codeKb - a.codeKb);
  const over = unique.filter((r) => r.codeKb > budgetKb(r.name));
  const cell = (value: number | string, width: number) =>
    (typeof value === 'number' ? value.toFixed(0) : value).padStart(width);
  console.log(
    `\n${'function'.padEnd(50)}${cell('code KB', 8)}${cell('map KB', 7)}${cell('files KB', 9)}${cell('cold CPU ms', 12)}${cell('wall ms', 8)}  biggest parts (KB)`,
  );
  for (const r of unique) {
    const flag = r.codeKb > budgetKb(r.name) ? `  over ${budgetKb(r.name)} KB` : '';
    console.log(
      `${r.name.padEnd(50)}${cell(r.codeKb, 8)}${cell(r.mapKb, 7)}${cell(r.filesKb, 9)}${cell(r.cpuMs, 12)}${cell(r.wallMs, 8)}  ${r.parts}${flag}`,
    );
  }
  console.log(
    `\n${unique.length} handlers: median code ${median(unique.map((r) => r.codeKb)).toFixed(0)} KB, median cold init ${median(unique.map((r) => r.cpuMs)).toFixed(0)} ms CPU (${median(unique.map((r) => r.wallMs)).toFixed(0)} ms wall), ${unique.filter((r) => r.codeKb > BUNDLE_BUDGET_KB).length} over ${BUNDLE_BUDGET_KB} KB, ${over.length} over budget${over.length ? ` (${over.map((r) => r.name).join(', ')})` : ''}`,
  );
  // The machine may be shared: its load says how far to trust the wall times.
  console.log(`load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
