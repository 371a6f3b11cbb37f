import { GetTableCommand, GlueClient, UpdateTableCommand } from '@aws-sdk/client-glue';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FactsSink } from '../reporting/ports';
import { FACT_TABLES, type FactTable } from '../reporting/schema';

/**
 * The extract's output in AWS: each run's Parquet parts under `snapshots/<runId>/` in the facts
 * bucket (KMS-encrypted by the bucket's default), published by pointing each Glue table at the
 * new snapshot, so an Athena query reads one whole snapshot or the other, never a mixture. The
 * bucket's lifecycle rule removes old snapshots.
 */
export class S3FactsSink implements FactsSink {
  constructor(
    private readonly bucket: string,
    private readonly database: string,
    private readonly s3 = new S3Client({}),
    private readonly glue = new GlueClient({}),
  ) {}

  static prefix(runId: string, table: FactTable): string {
    return `snapshots/${runId}/${FACT_TABLES[table].folder}/`;
  }

  async writePart(runId: string, table: FactTable, part: number, parquet: Buffer): Promise<void> {
    const key = `${S3FactsSink.prefix(runId, table)}part-${String(part).padStart(5, '0')}.parquet`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: parquet,
        ContentType: 'application/vnd.apache.parquet',
      }),
    );
  }

  async publish(runId: string): Promise<void> {
    for (const table of Object.keys(FACT_TABLES) as FactTable[]) {
      const { Table } = await this.glue.send(new GetTableCommand({ DatabaseName: this.database, Name: table }));
      if (!Table?.StorageDescriptor) throw new Error(`Glue table ${this.database}.${table} has no storage descriptor`);
      await this.glue.send(
        new UpdateTableCommand({
          DatabaseName: this.database,
          TableInput: {
            Name: Table.Name,
            Description: Table.Description,
            TableType: Table.TableType,
            Parameters: Table.Parameters,
            PartitionKeys: Table.PartitionKeys,
            StorageDescriptor: {
              ...Table.StorageDescriptor,
              Location: `s3://${this.bucket}/${S3FactsSink.prefix(runId, table)}`,
            },
          },
        }),
      );
    }
  }
}
