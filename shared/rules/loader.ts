import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { issuesOf, RulesetError, type RulesetPath } from './ruleset-error';
import { RulesetSchema, type Ruleset } from './schema';

/**
 * Reading a ruleset an area has written. Errors name the file, line and path, because the people
 * who maintain thresholds guidance are not the people who wrote this parser.
 */

/** The line of the deepest node on the path that exists in the source (a missing key points at its parent). */
const locate = (doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: RulesetPath) => {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]);
  }
  return undefined;
};

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
