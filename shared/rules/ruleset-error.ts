import type * as z from 'zod';

/**
 * A ruleset that is not valid, with each problem's path (and line, where the file's text is at
 * hand). Apart from the YAML loader, so functions that only use the shipped ruleset do not carry
 * a YAML parser.
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

/** Where in a ruleset: keys and list positions. */
export type RulesetPath = (string | number)[];

/** Each zod issue as a ruleset issue; locateAt finds its line, when the source is known. */
export const issuesOf = (
  error: z.ZodError,
  locateAt: (path: RulesetPath) => { line: number; col: number } | undefined,
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
