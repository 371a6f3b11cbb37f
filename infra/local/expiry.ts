/**
 * DynamoDB's time to live, which dynalite lacks: for each table whose template enables
 * TimeToLiveSpecification, items whose attribute (epoch seconds) has passed are deleted.
 * AWS deletes within days of expiry; this sweep runs every FRONT_DOOR_TTL_SWEEP_SECONDS
 * (default 60), so retention can be seen working on a laptop.
 */
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { clientConfig } from './resources';
import { TABLE_TYPES, type LocalDeployment } from './template';

export interface ExpiringTable {
  name: string;
  attribute: string;
  keys: string[];
}

export function describeExpiringTables(deployment: LocalDeployment): ExpiringTable[] {
  return deployment.ofType(...TABLE_TYPES).flatMap((id) => {
    const props = deployment.properties(id) as {
      TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
      KeySchema: Array<{ AttributeName: string }>;
    };
    const ttl = props.TimeToLiveSpecification;
    return ttl?.Enabled && ttl.AttributeName
      ? [
          {
            name: deployment.physicalName(id),
            attribute: ttl.AttributeName,
            keys: props.KeySchema.map((k) => k.AttributeName),
          },
        ]
      : [];
  });
}

export class ExpirySweeper {
  private timer?: NodeJS.Timeout;
  private readonly db: DynamoDBClient;

  constructor(
    endpoint: string,
    private readonly tables: ExpiringTable[],
    private readonly log: (line: string) => void,
  ) {
    this.db = new DynamoDBClient(clientConfig(endpoint));
  }

  start(periodMs: number): void {
    if (this.tables.length)
      this.timer = setInterval(
        () => void this.sweep().catch((e: Error) => this.log(`! expiry sweep: ${e.message}`)),
        periodMs,
      );
  }

  async sweep(now = new Date()): Promise<number> {
    let deleted = 0;
    for (const table of this.tables) {
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await this.db.send(
          new ScanCommand({
            TableName: table.name,
            FilterExpression: '#ttl < :now',
            ExpressionAttributeNames: {
              '#ttl': table.attribute,
              ...Object.fromEntries(table.keys.map((k, i) => [`#k${i}`, k])),
            },
            ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
            ProjectionExpression: table.keys.map((_, i) => `#k${i}`).join(', '),
            ExclusiveStartKey: startKey,
          }),
        );
        const items = page.Items ?? [];
        for (let i = 0; i < items.length; i += 25) {
          await this.db.send(
            new BatchWriteItemCommand({
              RequestItems: { [table.name]: items.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) },
            }),
          );
        }
        deleted += items.length;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    if (deleted) this.log(`⌛ expired ${deleted} items`);
    return deleted;
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    this.db.destroy();
    return Promise.resolve();
  }
}
