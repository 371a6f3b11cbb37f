/**
 * DynamoDB's time to live, which dynalite lacks: for each table whose template enables
 * TimeToLiveSpecification, items whose attribute (epoch seconds) has passed are deleted.
 * AWS deletes within days of expiry; this sweep runs FRONT_DOOR_TTL_SWEEP_SECONDS (default 60)
 * after the last one ended, so retention can be seen working on a laptop.
 *
 * In AWS deleting expired items uses none of the table's throughput. Here the sweep reads every
 * item on the emulators' thread, which every request shares: in a 10,000 burst the table held
 * 100,000 items, a sweep took 2 to 15 s, and while it read one of its 1 MB pages every request
 * waited. So it reads small pages, each only once the system is idle (`whenIdle`: no request
 * running, no work running or waiting), for at most `WAITS_AT_MOST_MS` a sweep, then whatever
 * the load, so retention still works under steady traffic.
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

/** Items read a page: a few milliseconds of the emulators' thread. */
const PAGE_ITEMS = 250;
/** How long a sweep waits, in all, for the system to be idle before it reads on regardless. */
export const WAITS_AT_MOST_MS = 10 * 60_000;

/** Settles once the system is idle, or after `atMostMs` (`LambdaInvoker.whenIdle`). */
export type WhenIdle = (atMostMs: number) => Promise<void>;

export class ExpirySweeper {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly db: DynamoDBClient;

  constructor(
    endpoint: string,
    private readonly tables: ExpiringTable[],
    private readonly log: (line: string) => void,
    private readonly whenIdle: WhenIdle = () => Promise.resolve(),
  ) {
    this.db = new DynamoDBClient(clientConfig(endpoint));
  }

  /** Sweeps `periodMs` after the last sweep ended, so that a slow one never overlaps the next. */
  start(periodMs: number): void {
    if (!this.tables.length || this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweep()
        .catch((e: Error) => {
          if (!this.stopped) this.log(`! expiry sweep: ${e.message}`);
        })
        .finally(() => this.start(periodMs));
    }, periodMs);
  }

  async sweep(now = new Date()): Promise<number> {
    let deleted = 0;
    const waitUntil = Date.now() + WAITS_AT_MOST_MS;
    for (const table of this.tables) {
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        await this.whenIdle(Math.max(0, waitUntil - Date.now()));
        if (this.stopped) return deleted;
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
            Limit: PAGE_ITEMS,
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
    this.stopped = true;
    clearTimeout(this.timer);
    this.db.destroy();
    return Promise.resolve();
  }
}
