import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Draft, DraftStore } from '../referrer/draft';
import { leanClient } from './lean-client';

/**
 * Web form drafts in the contacts table under their own key (pk DRAFT#<id>). A draft holds a
 * child's details before anyone has decided to keep them, so it expires after a week: DynamoDB's
 * TTL removes it, and a read ignores one that is past its time but not yet removed.
 */
const WEEK_SECONDS = 7 * 24 * 60 * 60;

export class DynamoDraftStore implements DraftStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(draftId: string, now: Date): Promise<Draft | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `DRAFT#${draftId}`, sk: 'DRAFT' }, ConsistentRead: true }),
    );
    if (!Item || Number(Item.expiresAt) * 1000 < now.getTime()) return undefined;
    return Item.draft as Draft;
  }

  async put(draft: Draft): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `DRAFT#${draft.draftId}`,
          sk: 'DRAFT',
          draft,
          expiresAt: Math.floor(Date.parse(draft.updatedAt) / 1000) + WEEK_SECONDS,
        },
      }),
    );
  }
}
