import { Writable } from 'node:stream';
import { ParquetSchema, ParquetWriter } from '@dsnp/parquetjs';
import type { ColumnType } from './schema';

const PARQUET_TYPES = { string: 'UTF8', int: 'INT32', boolean: 'BOOLEAN' } as const;

/**
 * Rows as one Parquet file, in memory (a Lambda writes it straight to S3; locally it goes to a
 * file). Pure JavaScript (@dsnp/parquetjs), so the extract bundles into a Lambda with no native
 * binary. Every column is optional: a null is a missing value, never a zero or an empty string.
 */
export const toParquet = async (columns: Record<string, ColumnType>, rows: readonly object[]): Promise<Buffer> => {
  const schema = new ParquetSchema(
    Object.fromEntries(
      Object.entries(columns).map(([name, type]) => [
        name,
        { type: PARQUET_TYPES[type], optional: true, compression: 'SNAPPY' as const },
      ]),
    ),
  );
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  // The writer only writes and ends its stream; its type asks for a file stream's other members.
  const writer = await ParquetWriter.openStream(
    schema,
    sink as unknown as Parameters<typeof ParquetWriter.openStream>[1],
  );
  for (const row of rows) {
    // parquetjs skips a missing optional field but refuses null, so nulls are left out.
    await writer.appendRow(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined)));
  }
  await writer.close();
  return Buffer.concat(chunks);
};
