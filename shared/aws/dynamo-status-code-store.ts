import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusCode, StatusCodeStore } from '../referrer/ports';
import { leanClient } from './lean-client';

/**
 * One-time status page codes in the contacts table, under pk STATUSCODE#<hashed link token>.
 * Each item expires (time to live) a day after it was last written: a code lives minutes, and
 * the hour's sending count needs no more.
 */
const key = (linkHash: string) => ({ pk: `STATUSCODE#${linkHash}`, sk: 'CODE' });
// Records written before versions were kept count as version 0.
const fields = ({ codeHash, validUntil, attempts, issued, version }: StatusCode): StatusCode => ({
  codeHash,
  validUntil,
  attempts,
  issued,
  version: version ?? 0,
});

export class DynamoStatusCodeStore implements StatusCodeStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async get(linkHash: string): Promise<StatusCode | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key(linkHash), ConsistentRead: true }),
    );
    return Item ? fields(Item as StatusCode) : undefined;
  }

  async put(linkHash: string, code: StatusCode): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(code.validUntil) / 1000) + 86_400;
    const previous = code.version - 1;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key(linkHash), ...fields(code), expiresAt },
          ...(previous === 0
            ? { ConditionExpression: 'attribute_not_exists(version)' }
            : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': previous } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async countAttempt(linkHash: string): Promise<StatusCode | undefined> {
    try {
      // Counted in the same write that reads it, so parallel guesses each use up a try.
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(linkHash),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fields(Attributes as StatusCode);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
