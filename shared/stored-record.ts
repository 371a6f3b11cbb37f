import type * as z from 'zod';

/**
 * Thrown for a stored item that is not whole: it names the record and the fields that are wrong,
 * never their contents, which are about children and the adults around them.
 */
export class MalformedRecord extends Error {
  override readonly name = 'MalformedRecord';
  constructor(
    readonly record: string,
    readonly fields: string[],
  ) {
    super(`Stored ${record} is malformed at ${fields.join(', ')}`);
  }
}

/**
 * The read boundary of a store: parses an item of unknown shape with its schema, or throws
 * MalformedRecord naming it (`describe` gives, for example, "handover 1:early-help").
 */
export const storedRecord =
  <T>(schema: z.ZodType<T>, describe: (item: Record<string, unknown>) => string) =>
  (item: Record<string, unknown>): T => {
    const parsed = schema.safeParse(item);
    if (!parsed.success)
      throw new MalformedRecord(
        describe(item),
        parsed.error.issues.map((issue) => issue.path.join('.') || '(the record)'),
      );
    return parsed.data;
  };
