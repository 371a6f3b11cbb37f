import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '../../shared/notification';
import { hasLoneSurrogate } from '../../shared/notification/text';

/** HTTP answers shared by the API handlers, so every route speaks the same JSON. */
export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const problem = (statusCode: number, message: string, errors?: FieldError[]) =>
  json(statusCode, errors ? { message, errors } : { message });

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 };

/**
 * Exactly `application/json`, with no parameter but `charset=utf-8`: a prefix match would take
 * `application/jsonp` or `application/json-seq`, and another charset would be read wrongly.
 */
export const isJsonContentType = (contentType: string | undefined): boolean => {
  const [type = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/json' && parameters.every((p) => /^charset="?utf-8"?$/.test(p));
};

const strict = new TextDecoder('utf-8', { fatal: true });

/** Deeper than any notification nests (a child's concerns' screening is four levels down). */
export const MAX_JSON_DEPTH = 32;

/**
 * What of a parsed JSON value cannot be stored: nesting deeper than `MAX_JSON_DEPTH`, or a string
 * (keys included) holding half a surrogate pair. Walked with a list, not by recursion, so a body of
 * thousands of nested arrays is refused with a 400 rather than overflowing the stack into a 500.
 */
const unstorable = (value: unknown): 'too-deep' | 'not-text' | undefined => {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (hasLoneSurrogate(next.value)) return 'not-text';
    } else if (next.value && typeof next.value === 'object') {
      if (next.depth >= MAX_JSON_DEPTH) return 'too-deep';
      for (const [key, item] of Object.entries(next.value)) {
        if (hasLoneSurrogate(key)) return 'not-text';
        pending.push({ value: item, depth: next.depth + 1 });
      }
    }
  }
  return undefined;
};

const notText = () =>
  problem(400, 'The request body is not valid UTF-8 text', [
    { path: '(body)', message: 'Send the body as UTF-8, with no broken characters' },
  ]);

/**
 * The body as JSON, refusing what cannot be stored as sent. Bytes that are not UTF-8 arrive
 * already replaced by U+FFFD when the gateway decoded them as text, so that character is refused
 * too: a referral would be stored with its words silently changed. A `\uD800` escape decodes to
 * half a surrogate pair, which DynamoDB and email cannot carry either.
 */
export const readJsonBody = (event: APIGatewayProxyEventV2): JsonBody => {
  if (!isJsonContentType(event.headers?.['content-type'])) {
    return { ok: false, response: problem(415, 'Send the notification as JSON with Content-Type: application/json') };
  }
  let raw: string;
  try {
    raw = event.isBase64Encoded && event.body ? strict.decode(Buffer.from(event.body, 'base64')) : (event.body ?? '');
  } catch {
    return { ok: false, response: notText() };
  }
  if (raw.includes('\uFFFD')) return { ok: false, response: notText() };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      response: problem(400, 'The request body is not valid JSON', [
        { path: '(body)', message: 'The request body is not valid JSON' },
      ]),
    };
  }
  const refused = unstorable(value);
  if (refused === 'not-text') return { ok: false, response: notText() };
  if (refused === 'too-deep')
    return {
      ok: false,
      response: problem(400, 'The request body is nested too deeply', [
        { path: '(body)', message: `Send JSON nested no more than ${MAX_JSON_DEPTH} levels deep` },
      ]),
    };
  return { ok: true, value };
};

/**
 * Who is calling. On AWS the decision routes are IAM-authorised, so the caller's ARN is known;
 * the local runtime only serves loopback and has no IAM, so it names the local user.
 */
export const callerOf = (event: APIGatewayProxyEventV2): string => {
  const iam = (event.requestContext as { authorizer?: { iam?: { userArn?: string } } }).authorizer?.iam;
  return iam?.userArn ?? 'local user (loopback)';
};
