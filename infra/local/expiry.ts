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
 * running, no work running or waiting); from `WAITS_AT_MOST_MS` after a sweep began it reads on
 * whatever the load, so retention still works under steady traffic.
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
/** How long after it begins a sweep reads on whatever the load, so retention works under steady traffic. */
export const WAITS_AT_MOST_MS = 10 * 60_000;

/** Settles once the system is idle, after `atMostMs`, or when `signal` aborts (`LambdaInvoker.whenIdle`). */
export type WhenIdle = (atMostMs: number, signal: AbortSignal) => Promise<void>;

export class ExpirySweeper {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private readonly stopping = new AbortController();
  private readonly db: DynamoDBClient;

  constructor(
    endpoint: string,
    private readonly tables: ExpiringTable[],
    private readonly log: (line: string) => void,
    private readonly whenIdle: WhenIdle,
    private readonly waitsAtMostMs = WAITS_AT_MOST_MS,
  ) {
    this.db = new DynamoDBClient(clientConfig(endpoint));
  }

  /** Sweeps `periodMs` after the last sweep ended, so that a slow one never overlaps the next. */
  start(periodMs: number): void {
    if (!this.tables.length || this.stopping.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .catch((e: Error) => {
          if (!this.stopping.signal.aborted) this.log(`! expiry sweep: ${e.message}`);
        })
        .finally(() => this.start(periodMs));
    }, periodMs);
  }

  async sweep(now = new Date()): Promise<number> {
    const { signal } = this.stopping;
    let deleted = 0;
    const readOnFrom = Date.now() + this.waitsAtMostMs;
    for (const table of this.tables) {
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        await this.whenIdle(Math.max(0, readOnFrom - Date.now()), signal);
        if (signal.aborted) return deleted;
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
        for (let i = 0; i < items.length && !signal.aborted; i += 25) {
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

  /** Stops the next sweep, and the one under way after its current request. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.sweeping;
    this.db.destroy();
  }
}
