/**
 * Creates the template's tables, queues and buckets in the emulators. Runs on
 * every start against possibly persisted state, so each step is "create if
 * missing, then converge what can be converged".
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { REGION, TABLE_TYPES, type LocalDeployment } from './template';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function clientConfig(endpoint: string) {
  return { endpoint, region: REGION, credentials };
}

export interface CreatedResources {
  tables: string[];
  queues: string[];
  buckets: string[];
}

export async function createResources(
  deployment: LocalDeployment,
  endpoints: { dynamodb: string; sqs: string; s3: string },
  log: (line: string) => void,
): Promise<CreatedResources> {
  const dynamodb = new DynamoDBClient(clientConfig(endpoints.dynamodb));
  const sqs = new SQSClient(clientConfig(endpoints.sqs));
  const s3 = new S3Client({ ...clientConfig(endpoints.s3), forcePathStyle: true });
  try {
    const tables = [];
    for (const id of deployment.ofType(...TABLE_TYPES)) tables.push(await ensureTable(dynamodb, deployment, id, log));
    const queues = await ensureQueues(sqs, deployment);
    const buckets = [];
    for (const id of deployment.ofType('AWS::S3::Bucket')) {
      const bucket = deployment.physicalName(id);
      await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
        if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
      });
      buckets.push(bucket);
    }
    return { tables, queues, buckets };
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    s3.destroy();
  }
}

export interface TableProperties {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
}

// Capacity, encryption, streams, TTL and PITR do not change behaviour locally (and dynalite lacks most of them).
const indexesOf = <I extends { IndexName?: string; KeySchema?: KeySchemaElement[]; Projection?: unknown }>(
  indexes?: I[],
) =>
  indexes?.length
    ? indexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }) as I)
    : undefined;

/** A table as the template defines it, for an emulator: keys and indexes only. */
export const createTableInput = (TableName: string, props: TableProperties): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: props.KeySchema,
  AttributeDefinitions: props.AttributeDefinitions,
  GlobalSecondaryIndexes: indexesOf(props.GlobalSecondaryIndexes),
  LocalSecondaryIndexes: indexesOf(props.LocalSecondaryIndexes),
});

/**
 * Creates a table and returns once it is ACTIVE, as in AWS: before that DynamoDB (and dynalite)
 * answer ResourceNotFoundException. dynalite turns it ACTIVE a moment after answering CreateTable,
 * which a loopback round trip used to hide; the in-process transport answers faster than that.
 */
export async function createTable(client: DynamoDBClient, TableName: string, props: TableProperties): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(TableName, props)));
  for (let polls = 0; ; polls++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (polls === 1000) throw new Error(`Table ${TableName} is still ${Table?.TableStatus} after ${polls} polls`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function ensureTable(
  client: DynamoDBClient,
  deployment: LocalDeployment,
  logicalId: string,
  log: (line: string) => void,
): Promise<string> {
  const TableName = deployment.physicalName(logicalId);
  const props = deployment.properties(logicalId) as unknown as TableProperties;
  const gsis = indexesOf(props.GlobalSecondaryIndexes);
  const existing = await client.send(new DescribeTableCommand({ TableName })).catch((error: unknown) => {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  });
  if (!existing?.Table) {
    await createTable(client, TableName, props);
    return TableName;
  }
  if (JSON.stringify(existing.Table.KeySchema) !== JSON.stringify(props.KeySchema)) {
    log(`! table ${TableName}: key schema changed since the data dir was created; delete the data dir to recreate it`);
  }
  const present = new Set(existing.Table.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of gsis ?? []) {
    if (present.has(index.IndexName)) continue;
    await client
      .send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: props.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      )
      .catch((error: Error) => log(`! table ${TableName}: could not add index ${index.IndexName}: ${error.message}`));
  }
  return TableName;
}

/** Properties that are CloudFormation-only or that SQS only accepts at creation. */
const NOT_SETTABLE = new Set([
  'QueueName',
  'Tags',
  'FifoQueue',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
]);

async function ensureQueues(client: SQSClient, deployment: LocalDeployment): Promise<string[]> {
  const ids = deployment.ofType('AWS::SQS::Queue');
  // Create every queue before setting attributes, so each redrive policy's dead-letter queue exists.
  for (const id of ids) {
    const props = deployment.properties(id);
    const creationOnly: Record<string, string> = {};
    if (props.FifoQueue) creationOnly.FifoQueue = 'true';
    await client.send(new CreateQueueCommand({ QueueName: deployment.physicalName(id), Attributes: creationOnly }));
  }
  for (const id of ids) {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(deployment.properties(id))) {
      if (NOT_SETTABLE.has(key)) continue;
      attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    if (Object.keys(attributes).length) {
      await client.send(new SetQueueAttributesCommand({ QueueUrl: deployment.queueUrl(id), Attributes: attributes }));
    }
  }
  return ids.map((id) => deployment.physicalName(id));
}
