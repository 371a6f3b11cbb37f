#!/usr/bin/env node
// The CLI is TypeScript shared with the Lambdas; tsx runs it without a build step.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const load = async (path) => {
  const module = await tsImport(path, import.meta.url);
  return module.default ?? module;
};
const io = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readStdin: () => readFileSync(0, 'utf8'),
  now: () => new Date(),
};

const [command, ...rest] = process.argv.slice(2);
// Operations talk to AWS or the local system; the rest of the CLI is pure and synchronous.
if (command === 'cases') {
  const { runCases } = await load('../infra/ops/cases.ts');
  process.exitCode = await runCases(rest, io);
} else if (command === 'report') {
  const { runReport } = await load('../infra/ops/report.ts');
  process.exitCode = await runReport(rest, io);
} else if (command === 'ops') {
  const { runOps } = await load('../infra/ops/main.ts');
  process.exitCode = await runOps(rest, io);
} else if (
  command === 'rules' &&
  rest[0] === 'diff' &&
  (rest.includes('--contacts=store') || rest[rest.indexOf('--contacts') + 1] === 'store')
) {
  // Replaying the stored contacts needs a deployment; the diff itself stays pure.
  const { withStoredContacts } = await load('../infra/ops/main.ts');
  const { argv, storedContacts } = await withStoredContacts(process.argv.slice(2));
  const { main } = await load('../shared/cli/main.ts');
  process.exitCode = main(argv, { ...io, storedContacts });
} else {
  const { main } = await load('../shared/cli/main.ts');
  process.exitCode = main(process.argv.slice(2), io);
}
