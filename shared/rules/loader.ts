import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type * as z from 'zod';
import { RulesetSchema, type Ruleset } from './schema';

/**
 * Reading a ruleset an area has written. Errors name the file, line and path, because the people
 * who maintain thresholds guidance are not the people who wrote this parser.
 */

export interface RulesetIssue {
  /** Dotted path inside the ruleset, like rules.3.when.all.0.factor.1. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export class RulesetError extends Error {
  override readonly name = 'RulesetError';
  constructor(
    readonly filename: string,
    readonly issues: RulesetIssue[],
  ) {
    super(
      `${filename} is not a valid ruleset:\n` +
        issues.map((i) => `  ${filename}${i.line ? `:${i.line}:${i.column}` : ''} ${i.path}: ${i.message}`).join('\n'),
    );
  }
}

type Path = (string | number)[];

/** The line of the deepest node on the path that exists in the source (a missing key points at its parent). */
const locate = (doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: Path) => {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]);
  }
  return undefined;
};

const issuesOf = (
  error: z.ZodError,
  locateAt: (path: Path) => { line: number; col: number } | undefined,
): RulesetIssue[] =>
  error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const position = locateAt(keys.length > 0 ? [...path, keys[0]!] : path);
    return {
      path: path.join('.') || '(root)',
      ...(position && { line: position.line, column: position.col }),
      message: issue.message,
    };
  });

/** Parse and validate a ruleset written as JSON or YAML (chosen by the file name). */
export const parseRuleset = (text: string, filename: string): Ruleset => {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  let data: unknown;
  if (/\.json$/i.test(filename)) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new RulesetError(filename, [{ path: '(root)', message: `Not valid JSON: ${(error as Error).message}` }]);
    }
  } else {
    if (doc.errors.length > 0) {
      throw new RulesetError(
        filename,
        doc.errors.map((e) => {
          const position = counter.linePos(e.pos[0]);
          return { path: '(root)', line: position.line, column: position.col, message: e.message.split('\n')[0]! };
        }),
      );
    }
    data = doc.toJS();
  }
  const result = RulesetSchema.safeParse(data, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required' : undefined,
  });
  if (!result.success)
    throw new RulesetError(
      filename,
      issuesOf(result.error, (path) => locate(doc, counter, path)),
    );
  return result.data;
};

export const loadRuleset = (path: string): Ruleset => parseRuleset(readFileSync(path, 'utf8'), path);
