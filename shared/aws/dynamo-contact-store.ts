import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { statusesBefore, type Contact, type ContactStatus, type MatchKey } from '../contacts';
import { TransitionRefused, type ChildIndexEntry, type ContactStore } from '../front-door/ports';

/**
 * Contacts in one DynamoDB table.
 *  - pk CONTACT#<id>, sk CONTACT: the contact; gsi1 (STATUS#<status>, due time) lists a queue
 *    most urgent first.
 *  - pk MATCH#<hashed child key>, sk <receivedAt>#<contactId>#<child>: the child index.
 * Only single-item conditional writes are used, because that is what keeps a change atomic
 * both in DynamoDB and in the local emulator, which has no transactions.
 */
export const STATUS_INDEX = 'byStatus';

const contactKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'CONTACT' });
const statusKeys = (contact: Pick<Contact, 'status' | 'receivedAt' | 'recommendation'>) => ({
  gsi1pk: `STATUS#${contact.status}`,
  gsi1sk: contact.recommendation?.dueAt ?? contact.receivedAt,
});

const toContact = (item: Record<string, unknown>): Contact => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...contact } = item;
  return contact as unknown as Contact;
};

export class DynamoContactStore implements ContactStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(contact: Contact): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...contactKey(contact.contactId), ...statusKeys(contact), ...contact },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: contactKey(contactId), ConsistentRead: true }),
    );
    return Item ? toContact(Item) : undefined;
  }

  transition(contactId: string, to: ContactStatus, changes: Partial<Contact>, now: string): Promise<Contact> {
    return this.update(contactId, statusesBefore(to), { ...changes, status: to }, to, now);
  }

  amend(contactId: string, whileStatus: ContactStatus, changes: Partial<Contact>, now: string): Promise<Contact> {
    return this.update(contactId, [whileStatus], changes, whileStatus, now);
  }

  private async update(
    contactId: string,
    from: ContactStatus[],
    changes: Partial<Contact>,
    to: ContactStatus,
    now: string,
  ): Promise<Contact> {
    const current = await this.get(contactId);
    if (!current || !from.includes(current.status)) throw new TransitionRefused(contactId, to, current);
    const next = { ...current, ...changes, updatedAt: now };
    const fields = { ...changes, ...statusKeys(next), updatedAt: now };
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
    const sets = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([field, value], i) => {
        names[`#f${i}`] = field;
        values[`:v${i}`] = value;
        return `#f${i} = :v${i}`;
      });
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactKey(contactId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toContact(Attributes!);
    } catch (error) {
      // Someone else changed it between our read and our write: report what is there now.
      if (error instanceof ConditionalCheckFailedException) throw new TransitionRefused(contactId, to, await this.get(contactId));
      throw error;
    }
  }

  async indexChild(key: MatchKey, entry: ChildIndexEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `MATCH#${key.key}`, sk: `${entry.receivedAt}#${entry.contactId}#${entry.childIndex}`, ...entry },
      }),
    );
  }

  async findByMatchKey(key: MatchKey): Promise<ChildIndexEntry[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MATCH#${key.key}` },
        ScanIndexForward: false,
        Limit: 100,
      }),
    );
    return Items.map(({ contactId, reference, receivedAt, childIndex }) => ({ contactId, reference, receivedAt, childIndex }));
  }

  async listByStatus(status: ContactStatus, limit: number): Promise<Contact[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: 'gsi1pk = :status',
        ExpressionAttributeValues: { ':status': `STATUS#${status}` },
        Limit: limit,
      }),
    );
    return Items.map(toContact);
  }
}
