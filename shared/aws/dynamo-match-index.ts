import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactPage, IndexedEntry } from '../contacts/ports';
import type { IndexedKey, MatchIndex } from '../front-door/reindex';
import { decodeCursor, encodeCursor } from './cursor';
import { DynamoContactStore, toContact } from './dynamo-contact-store';

/**
 * The match index in the contacts table, for re-indexing (shared/front-door/reindex.ts). Entries
 * are written as triage writes them (DynamoContactStore.indexChildren: the entry under MATCH#<key>
 * and a pointer to it beside the contact, INDEXED#<key>#<child>), so the pointers say which keys
 * a contact is under without knowing how those keys were made.
 */
export class DynamoMatchIndex implements MatchIndex {
  private readonly db: DynamoDBDocumentClient;
  private readonly store: DynamoContactStore;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient,
    retentionYears: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.store = new DynamoContactStore(tableName, client, retentionYears);
  }

  async pageOfContacts(page: { limit: number; cursor?: string }): Promise<ContactPage> {
    // A scan's limit counts the items read, not those kept: a page may hold few contacts, or none.
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        // Contacts only: the table also holds meetings, handovers, codes, drafts, keys and the index.
        FilterExpression: 'begins_with(pk, :contacts) AND sk = :contact',
        ExpressionAttributeValues: { ':contacts': 'CONTACT#', ':contact': 'CONTACT' },
        Limit: page.limit,
        ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor) : undefined,
      }),
    );
    return {
      contacts: Items.map(toContact),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async indexedKeys(contactId: string): Promise<IndexedKey[]> {
    const keys: IndexedKey[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :indexed)',
          ExpressionAttributeValues: { ':pk': `CONTACT#${contactId}`, ':indexed': 'INDEXED#' },
          ExclusiveStartKey,
        }),
      );
      for (const { sk } of page.Items ?? []) {
        const [, key, childIndex] = (sk as string).split('#');
        keys.push({ key: key!, childIndex: Number(childIndex) });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return keys;
  }

  indexChildren(entries: IndexedEntry[]): Promise<void> {
    return this.store.indexChildren(entries);
  }

  async unindex(contactId: string, { key, childIndex }: IndexedKey): Promise<void> {
    const pointer = { pk: `CONTACT#${contactId}`, sk: `INDEXED#${key}#${childIndex}` };
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: pointer, ConsistentRead: true }),
    );
    if (!Item) return;
    // The entry first, then its pointer: a run stopped in between finds the pointer and finishes.
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: Item.index }));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: pointer }));
  }
}
