import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ChildCase } from '../cases/case';
import type { CaseRegistry } from '../cases/ports';
import { leanClient } from './lean-client';

/**
 * The case registry table: one item per hashed child key (pk `childKey`). A case record names
 * no child, only the key, the kind of case and the worker who holds it.
 */
export class DynamoCaseRegistry implements CaseRegistry {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async record(keys: string[], statement: ChildCase): Promise<void> {
    for (const childKey of keys) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { childKey, ...statement },
            // An older statement (a stale import, a retried request) never overwrites a newer one.
            ConditionExpression: 'attribute_not_exists(childKey) OR recordedAt <= :at',
            ExpressionAttributeValues: { ':at': statement.recordedAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async find(keys: string[]): Promise<Map<string, ChildCase>> {
    const found = new Map<string, ChildCase>();
    let pending = [...new Set(keys)].map((childKey) => ({ childKey }));
    // BatchGet reads at most 100 keys and may hand some back unprocessed: ask again for those.
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      if (attempt > 8) throw new Error('The case registry did not answer for every child');
      const batch = pending.slice(0, 100);
      const { Responses, UnprocessedKeys } = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: batch, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) {
        const { childKey, ...record } = item as ChildCase & { childKey: string };
        found.set(childKey, record);
      }
      const unprocessed = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as { childKey: string }[];
      pending = [...unprocessed, ...pending.slice(100)];
    }
    return found;
  }
}
