import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetTableCommand, type GlueClient, type TableInput, UpdateTableCommand } from '@aws-sdk/client-glue';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3FactsSink } from '../../shared/aws/s3-facts-sink';
import { currentSnapshot } from '../../shared/reporting/duckdb-facts';
import { localFactsSink } from '../../shared/reporting/local-facts-sink';
import type { FactsSink } from '../../shared/reporting/ports';
import { FACT_TABLES, type FactTable } from '../../shared/reporting/schema';

/**
 * The same promise asked of the local facts sink (a directory) and of the S3 one: readers see a
 * run's parts only once it is published, and then every part of that run and none of another.
 *
 * There is no S3 or Glue emulator that runs inside jest here (fauxqs's S3 is ESM-only and runs
 * only in the local system's own thread), so the S3 sink runs against clients faked at send():
 * an object store that keeps what PutObject put, and a Glue catalogue whose tables' locations
 * UpdateTable moves. Readers (Athena) read every object under a table's location.
 */
interface Sink {
  sink: FactsSink;
  /** The part files a reader of `table` sees now. */
  visible: (table: FactTable) => string[];
}

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
const local = (): Sink => {
  const directory = mkdtempSync(join(tmpdir(), 'facts-sink-'));
  directories.push(directory);
  return {
    sink: localFactsSink(directory),
    visible: (table) => {
      const run = currentSnapshot(directory);
      return run ? readdirSync(join(directory, run, FACT_TABLES[table].folder)).sort() : [];
    },
  };
};

const onS3 = (): Sink => {
  const objects = new Map<string, Buffer>();
  const locations = new Map<string, string | undefined>(Object.keys(FACT_TABLES).map((t) => [t, undefined]));
  const s3 = {
    send: async (command: unknown) => {
      if (!(command instanceof PutObjectCommand)) throw new Error('Only PutObject is expected');
      expect(command.input.Bucket).toBe('facts-bucket');
      objects.set(command.input.Key!, command.input.Body as Buffer);
      return {};
    },
  } as unknown as S3Client;
  const glue = {
    send: async (command: unknown) => {
      if (command instanceof GetTableCommand) {
        expect(command.input.DatabaseName).toBe('front_door_facts');
        const location = locations.get(command.input.Name!);
        return {
          Table: {
            Name: command.input.Name,
            TableType: 'EXTERNAL_TABLE',
            StorageDescriptor: { Location: location ?? 's3://facts-bucket/empty/', Columns: [] },
          },
        };
      }
      if (command instanceof UpdateTableCommand) {
        const input = command.input.TableInput as TableInput;
        locations.set(input.Name!, input.StorageDescriptor!.Location);
        return {};
      }
      throw new Error('Only GetTable and UpdateTable are expected');
    },
  } as unknown as GlueClient;
  return {
    sink: new S3FactsSink('facts-bucket', 'front_door_facts', s3, glue),
    visible: (table) => {
      const prefix = locations.get(table)?.replace('s3://facts-bucket/', '');
      return prefix
        ? [...objects.keys()]
            .filter((key) => key.startsWith(prefix))
            .map((key) => key.slice(prefix.length))
            .sort()
        : [];
    },
  };
};

describe.each([
  ['in a local directory', local],
  ['in S3 (clients faked at send)', onS3],
])('the facts sink %s', (_name, make) => {
  it("shows readers a run's parts only once it is published, and then that run's alone", async () => {
    // Prepare
    const { sink, visible } = make();
    await sink.writePart('run-1', 'contact_facts', 0, Buffer.from('first run'));
    await sink.publish('run-1');

    // Act
    await sink.writePart('run-2', 'contact_facts', 0, Buffer.from('second run, part one'));
    await sink.writePart('run-2', 'contact_facts', 1, Buffer.from('second run, part two'));
    await sink.writePart('run-2', 'theme_facts', 0, Buffer.from('themes'));
    const beforePublishing = visible('contact_facts');
    await sink.publish('run-2');

    // Assess
    expect(beforePublishing).toEqual(['part-00000.parquet']);
    expect(visible('contact_facts')).toEqual(['part-00000.parquet', 'part-00001.parquet']);
    expect(visible('theme_facts')).toEqual(['part-00000.parquet']);
  });
});
