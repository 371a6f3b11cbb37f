import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseNotification } from '../notification';
import type { EarlierContact, Recommendation, TriageInput } from '../triage/types';
import { ROUTES } from '../triage/types';
import { getDefaultRuleset, recommend, RulesetError, type Ruleset } from '../rules';
import { loadRuleset } from '../rules/loader';
import { checkRuleset } from '../rules/check';
import { diffRulesets, type Replay } from '../rules/diff';

/**
 * The front-door command line. It prints recommendations, findings and references, never the
 * names or descriptions in a notification.
 */

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  now: () => Date;
  /** Contact records loaded from a deployment for `rules diff --contacts store`. */
  storedContacts?: unknown[];
}

const USAGE = `Usage:
  front-door triage <notification.json|-> [--explain] [--ruleset <file>] [--received-at <ISO time>]
  front-door rules check <ruleset>
  front-door rules diff <old ruleset> <new ruleset> [--contacts <file|directory|store>] [--stack <name> | --data-dir <dir>]
  front-door cases import <file.csv> [--stack <name> | --data-dir <dir>]  (open and closed cases from the case management system)
  front-door report annex-a|cin-census --from <date> --to <date> --out <dir>  (statutory returns)
  front-door report board --month <YYYY-MM> --out <dir>  (the monthly board report: front-door report --help)
  front-door ops …  (operations against AWS or the local system: front-door ops --help)

A notification file holds either a notification or a contact record:
  { "notification": {...}, "history": { "earlierContacts": [...] }, "receivedAt": "...", "reference": "..." }
Contacts for "rules diff" are a JSON array or JSON lines of those, or a directory of .json files
(default: events/notifications), or "store": the contacts stored in the local system (or, with
--stack, a deployed stack).`;

class UsageError extends Error {}

/** Notification fields fail validation with paths and messages only; the input is not echoed. */
class InvalidContact extends Error {}

const readJson = (path: string, io: Io): unknown => {
  const text = path === '-' ? io.readStdin() : readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidContact(`${path}: not valid JSON (${(error as Error).message})`);
  }
};

/** A bare notification, or a stored contact record with its matches. */
const toInput = (raw: unknown, label: string, fallbackReceivedAt: Date): TriageInput & { reference?: string } => {
  const record = raw as {
    notification?: unknown;
    history?: { earlierContacts?: EarlierContact[] };
    matches?: EarlierContact[];
    receivedAt?: string;
    reference?: string;
  };
  const wrapped = record !== null && typeof record === 'object' && 'notification' in record;
  const parsed = parseNotification(wrapped ? record.notification : raw);
  if (!parsed.ok)
    throw new InvalidContact(
      `${label}: not a valid notification:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  const receivedAt = wrapped && record.receivedAt ? new Date(record.receivedAt) : fallbackReceivedAt;
  if (Number.isNaN(receivedAt.getTime())) throw new InvalidContact(`${label}: receivedAt is not an ISO date and time`);
  return {
    notification: parsed.notification,
    history: { earlierContacts: (wrapped && (record.history?.earlierContacts ?? record.matches)) || [] },
    receivedAt,
    ...(wrapped && record.reference && { reference: record.reference }),
  };
};

const explain = (r: Recommendation, ruleset: Ruleset): string[] => [
  `Level ${r.level} (${ruleset.levels[String(r.level) as '1'].name}): ${ROUTES[r.route]}.`,
  `Priority ${r.priority}; decision due by ${r.dueAt}.`,
  ...(r.themes.length > 0 ? [`Daily triage lists: ${r.themes.join(', ')}.`] : []),
  ...r.reasons.map(
    (reason) => `- ${reason.text} (${reason.kind} ${reason.id}; evidence: ${reason.evidence.join('; ') || 'none'})`,
  ),
  ...r.clocks.map((clock) => `Clock: ${clock.name} due by ${clock.dueAt}.`),
  `Ruleset ${r.ruleset.id} version ${r.ruleset.version}${ruleset.status === 'default' ? ' (the shipped default: replace it with your area’s guidance)' : ''}.`,
];

const triage = (args: string[], io: Io): number => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { explain: { type: 'boolean' }, ruleset: { type: 'string' }, 'received-at': { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new UsageError('triage needs one notification file, or - for standard input');
  const ruleset = values.ruleset ? loadRuleset(values.ruleset) : getDefaultRuleset();
  const receivedAt = values['received-at'] ? new Date(values['received-at']) : io.now();
  if (Number.isNaN(receivedAt.getTime())) throw new UsageError('--received-at must be an ISO date and time');
  const { reference: _reference, ...input } = toInput(readJson(file, io), file, receivedAt);
  const recommendation = recommend(input, { ruleset });
  const output = values.explain ? { ...recommendation, explanation: explain(recommendation, ruleset) } : recommendation;
  io.stdout(JSON.stringify(output, null, 2));
  return 0;
};

const check = (args: string[], io: Io): number => {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) throw new UsageError('rules check needs one ruleset file');
  const ruleset = loadRuleset(file);
  const findings = checkRuleset(ruleset);
  for (const f of findings) io.stdout(`${f.severity}: ${file} ${f.path}: ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  io.stdout(
    `${file}: ruleset ${ruleset.id} ${ruleset.version} (${ruleset.status}), ${ruleset.indicators.length} indicators, ` +
      `${ruleset.rules.length} rules: ${errors} errors, ${findings.length - errors} warnings`,
  );
  return errors > 0 ? 1 : 0;
};

const readContacts = (source: string, io: Io): Replay[] => {
  const now = io.now();
  const entries: { label: string; raw: unknown }[] = [];
  if (statSync(source).isDirectory()) {
    for (const name of readdirSync(source)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      entries.push({ label: name, raw: readJson(join(source, name), io) });
    }
  } else {
    const text = readFileSync(source, 'utf8').trim();
    const items: unknown[] = text.startsWith('[')
      ? (JSON.parse(text) as unknown[])
      : text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as unknown);
    items.forEach((raw, i) => entries.push({ label: `${source}#${i + 1}`, raw }));
  }
  return entries.map(({ label, raw }) => {
    const { reference, ...input } = toInput(raw, label, now);
    return { label: reference ?? label, input };
  });
};

const storedContacts = (io: Io): Replay[] => {
  if (!io.storedContacts) throw new UsageError('--contacts store reads a deployment: run it through npx front-door');
  const now = io.now();
  return io.storedContacts.map((raw, i) => {
    const { reference, ...input } = toInput(raw, `stored contact ${i + 1}`, now);
    return { label: reference ?? `stored contact ${i + 1}`, input };
  });
};

const diff = (args: string[], io: Io): number => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { contacts: { type: 'string' } },
  });
  const [oldFile, newFile] = positionals;
  if (!oldFile || !newFile || positionals.length > 2)
    throw new UsageError('rules diff needs the old and the new ruleset');
  const [before, after] = [loadRuleset(oldFile), loadRuleset(newFile)];
  const contacts =
    values.contacts === 'store' ? storedContacts(io) : readContacts(values.contacts ?? 'events/notifications', io);
  const changes = diffRulesets(before, after, contacts);
  for (const change of changes) {
    const fields = change.changes.map((c) => `${c.field} ${c.before} -> ${c.after}`);
    const reasons = [...change.reasonsAdded.map((id) => `+${id}`), ...change.reasonsRemoved.map((id) => `-${id}`)];
    io.stdout(
      `${change.label}: ${[...fields, reasons.length > 0 ? `reasons ${reasons.join(' ')}` : ''].filter(Boolean).join('; ')}`,
    );
  }
  io.stdout(
    `${contacts.length} contacts replayed under ${before.id} ${before.version} and ${after.id} ${after.version}: ${changes.length} changed`,
  );
  return 0;
};

export const main = (argv: string[], io: Io): number => {
  try {
    const [command, sub, ...rest] = argv;
    if (command === 'triage') return triage(argv.slice(1), io);
    if (command === 'rules' && sub === 'check') return check(rest, io);
    if (command === 'rules' && sub === 'diff') return diff(rest, io);
    if (command === undefined || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command: ${argv.join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RulesetError || error instanceof InvalidContact) {
      io.stderr(error.message);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`No such file: ${(error as NodeJS.ErrnoException).path}`);
      return 1;
    }
    throw error;
  }
};
