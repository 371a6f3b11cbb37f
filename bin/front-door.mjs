#!/usr/bin/env node
// The CLI is TypeScript shared with the Lambdas; tsx runs it without a build step.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const cli = await tsImport('../shared/cli/main.ts', import.meta.url);
const { main } = cli.main ? cli : cli.default;
process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readStdin: () => readFileSync(0, 'utf8'),
  now: () => new Date(),
});
