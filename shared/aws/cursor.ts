/**
 * A page's cursor: DynamoDB's LastEvaluatedKey, opaque to the caller (base64url of its JSON), and
 * back. Decoding throws on a cursor that is not one; each list checks the key is one of its own.
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key && Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
