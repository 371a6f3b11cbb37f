import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RevokedSessions } from '../auth/session';
import { leanClient } from './lean-client';

/**
 * Signed-out console sessions in the contacts table (pk REVOKED_SESSION#<id>), each kept until
 * the session would have expired anyway; DynamoDB's TTL then removes it. Only the session's
 * random id is stored, never who it belonged to.
 */
export class DynamoRevokedSessions implements RevokedSessions {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async revoke(sessionId: string, until: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `REVOKED_SESSION#${sessionId}`, sk: 'REVOKED', expiresAt: Math.ceil(until.getTime() / 1000) },
      }),
    );
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `REVOKED_SESSION#${sessionId}`, sk: 'REVOKED' },
        ConsistentRead: true,
      }),
    );
    return !!Item;
  }
}
