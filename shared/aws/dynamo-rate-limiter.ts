import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decide, rateWindow, type RateDecision, type RateLimit, type RateLimiter } from '../web/rate-limit';
import { leanClient } from './lean-client';

/**
 * Rate-limit counters in the contacts table (pk RATE#<limit>#<keyed hash of the source>#<window start>):
 * one atomic ADD per request, so every Lambda instance counts into the same window. Each counter
 * carries `expiresAt` for time to live to tidy it away an hour after its window; correctness
 * never rests on that (dynalite has no time to live), since the window is in the key.
 */
export class DynamoRateLimiter implements RateLimiter {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    /** The key of the sources' keyed hash, read once per cold start. */
    private readonly hashKey: () => Promise<string>,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async take(limit: RateLimit, source: string, now: number): Promise<RateDecision> {
    const { key, endsAt } = rateWindow(limit, source, now, await this.hashKey());
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `RATE#${key}`, sk: 'COUNT' },
        UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': Math.ceil(endsAt / 1000) + 3600 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return decide(limit, Number(Attributes?.count ?? 1), endsAt, now);
  }
}
