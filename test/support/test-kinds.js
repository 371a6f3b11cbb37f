/**
 * Sorts the test files into the three levels of the pyramid, from what they import, so nobody has
 * to remember to file a new test in the right place:
 * - browser: under test/browser (Playwright + axe against the local system);
 * - integration: starts the local system (imports test/support/local-system.ts, directly or
 *   through a helper, for more than its types), so it runs the emulators and the template's handlers;
 * - unit: everything else, against in-memory ports, dynalite contracts or the synthesised template.
 */
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { dirname, join, resolve, sep } = require('node:path');

const TEST_ROOT = resolve(__dirname, '..');
const LOCAL_SYSTEM = join(TEST_ROOT, 'support', 'local-system.ts');

const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

const resolveImport = (from, specifier) => {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')].find(
    (f) => f.startsWith(TEST_ROOT) && existsSync(f) && f.match(/\.(ts|js)$/),
  );
};

/** Whether a test file reaches the local system through imports inside test/. */
const startsLocalSystem = (file, seen = new Set()) => {
  if (file === LOCAL_SYSTEM) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  // A type-only import starts nothing: it is erased before the test runs.
  const source = readFileSync(file, 'utf8').replace(/import type\s[^;]*?from\s*'[^']+';?/g, '');
  for (const [, specifier] of source.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = resolveImport(file, specifier);
    if (target && startsLocalSystem(target, seen)) return true;
  }
  return false;
};

const testKinds = () => {
  const kinds = { unit: [], integration: [], browser: [] };
  for (const file of filesUnder(TEST_ROOT).filter((f) => f.endsWith('.test.ts'))) {
    if (file.startsWith(join(TEST_ROOT, 'browser') + sep)) kinds.browser.push(file);
    else if (startsLocalSystem(file)) kinds.integration.push(file);
    else kinds.unit.push(file);
  }
  return kinds;
};

module.exports = { testKinds };
