import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateCounters } from '../web/rate-limit';
import { leanClient } from './lean-client';

/**
 * Rate-limit counters in the contacts table (pk RATE#<counter>, sk COUNT): one atomic ADD per
 * call, so every Lambda instance counts into the same window. Each counter carries `expiresAt`
 * for time to live to tidy it away an hour after its window; correctness never rests on that
 * (dynalite has no time to live), since the window is in the counter's name.
 */
export class DynamoRateCounters implements RateCounters {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async add(counter: string, n: number, endsAt: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `RATE#${counter}`, sk: 'COUNT' },
        UpdateExpression: 'ADD #count :n SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':n': n, ':expiresAt': Math.ceil(endsAt / 1000) + 3600 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    // An answer without the total would leave the limiter guessing: a guess of too low a count
    // would let a whole block through, so none is made.
    if (typeof Attributes?.count !== 'number') throw new Error('DynamoDB answered a rate counter without its total');
    return Attributes.count;
  }
}
