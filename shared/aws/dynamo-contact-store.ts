import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiryAfter, statusesBefore, statusTokenHash, type Contact, type ContactStatus, type MatchKey } from '../contacts';
import { randomUUID } from 'node:crypto';
import { TransitionRefused, VersionConflict, type AuditEvent, type ChildIndexEntry, type ContactStore, type KeyRecord } from '../front-door/ports';

/**
 * Contacts in one DynamoDB table.
 *  - pk CONTACT#<id>, sk CONTACT: the contact; gsi1 (STATUS#<status>, due time) lists a queue
 *    most urgent first.
 *  - pk CONTACT#<id>, sk EVENT#<time>#<uuid>: the contact's append-only audit trail.
 *  - pk MATCH#<hashed child key>, sk <receivedAt>#<contactId>#<child>: the child index.
 *  - pk STATUSLINK#<hashed status token>, sk LINK: the contact a status link opens.
 *  - pk KEY#<hashed scope and idempotency key>, sk KEY: the contact a key was first used for.
 * Only single-item conditional writes are used, because that is what keeps a change atomic
 * both in DynamoDB and in the local emulator, which has no transactions.
 */
export const STATUS_INDEX = 'byStatus';

const contactKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'CONTACT' });
const statusLinkKey = (token: string) => ({ pk: `STATUSLINK#${statusTokenHash(token)}`, sk: 'LINK' });
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
    /** Years every item is kept; without it items never expire (tests, tools). */
    private readonly retentionYears?: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(contact: Contact): Promise<'created' | 'exists'> {
    // The link first: a failure before the contact leaves a link to nothing (a 404), never a
    // contact whose emailed link opens nothing.
    if (contact.statusToken) {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...statusLinkKey(contact.statusToken), contactId: contact.contactId, ...this.expiry(contact.receivedAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    }
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...contactKey(contact.contactId), ...statusKeys(contact), ...contact, ...this.expiry(contact.receivedAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async claimKey(record: KeyRecord): Promise<'claimed' | KeyRecord> {
    const key = { pk: `KEY#${record.keyHash}`, sk: 'KEY' };
    try {
      // Kept as long as the contact it finds, so a late retry never makes a second contact.
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { ...key, ...record, ...this.expiry(record.createdAt) }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      const { keyHash, fingerprint, contactId, createdAt } = Item as KeyRecord;
      return { keyHash, fingerprint, contactId, createdAt };
    }
  }

  private expiry(from: string): { expiresAt?: number } {
    return this.retentionYears ? { expiresAt: expiryAfter(from, this.retentionYears) } : {};
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: contactKey(contactId), ConsistentRead: true }),
    );
    return Item ? toContact(Item) : undefined;
  }

  async findByStatusToken(token: string): Promise<Contact | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: statusLinkKey(token), ConsistentRead: true }));
    return typeof Item?.contactId === 'string' ? this.get(Item.contactId) : undefined;
  }

  transition(contactId: string, to: ContactStatus, changes: Partial<Contact>, now: string): Promise<Contact> {
    return this.whileIn(contactId, statusesBefore(to), { ...changes, status: to }, to, now);
  }

  amend(contactId: string, whileStatus: ContactStatus, changes: Partial<Contact>, now: string): Promise<Contact> {
    return this.whileIn(contactId, [whileStatus], changes, whileStatus, now);
  }

  async update(contactId: string, expectedVersion: number, changes: Partial<Contact>, now: string): Promise<Contact> {
    const current = await this.get(contactId);
    if (!current || (current.version ?? 0) !== expectedVersion) throw new VersionConflict(contactId, current);
    const condition =
      expectedVersion === 0
        ? { expression: '(attribute_not_exists(#version) OR #version = :expected)', values: { ':expected': 0 } }
        : { expression: '#version = :expected', values: { ':expected': expectedVersion } };
    return this.write(current, changes, now, condition, async () => new VersionConflict(contactId, await this.get(contactId)));
  }

  private async whileIn(contactId: string, from: ContactStatus[], changes: Partial<Contact>, to: ContactStatus, now: string): Promise<Contact> {
    const current = await this.get(contactId);
    if (!current || !from.includes(current.status)) throw new TransitionRefused(contactId, to, current);
    const condition = {
      expression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      values: Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
    };
    return this.write(current, changes, now, condition, async () => new TransitionRefused(contactId, to, await this.get(contactId)));
  }

  /** One conditional write of `changes`, which also bumps the version every console write checks. */
  private async write(
    current: Contact,
    { version: _ignored, ...changes }: Partial<Contact>,
    now: string,
    condition: { expression: string; values: Record<string, unknown> },
    refused: () => Promise<Error>,
  ): Promise<Contact> {
    const next = { ...current, ...changes, updatedAt: now };
    const fields = { ...changes, ...statusKeys(next), updatedAt: now };
    // DynamoDB refuses names an expression does not use.
    const names: Record<string, string> = { '#version': 'version', ...(condition.expression.includes('#status') ? { '#status': 'status' } : {}) };
    const values: Record<string, unknown> = { ...condition.values, ':zero': 0, ':one': 1 };
    const sets = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([field, value], i) => {
        names[`#f${i}`] = field;
        values[`:v${i}`] = value;
        return `#f${i} = :v${i}`;
      });
    sets.push('#version = if_not_exists(#version, :zero) + :one');
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactKey(current.contactId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toContact(Attributes!);
    } catch (error) {
      // Someone else changed it between our read and our write: report what is there now.
      if (error instanceof ConditionalCheckFailedException) throw await refused();
      throw error;
    }
  }

  async appendEvent(event: AuditEvent): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: contactKey(event.contactId).pk, sk: `EVENT#${event.at}#${randomUUID()}`, ...event, ...this.expiry(event.at) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async listEvents(contactId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
          ExpressionAttributeValues: { ':pk': contactKey(contactId).pk, ':events': 'EVENT#' },
          ExclusiveStartKey,
        }),
      );
      for (const { contactId: id, at, actor, action, detail } of page.Items ?? []) events.push({ contactId: id, at, actor, action, detail });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return events;
  }

  async indexChild(key: MatchKey, entry: ChildIndexEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `MATCH#${key.key}`, sk: `${entry.receivedAt}#${entry.contactId}#${entry.childIndex}`, ...entry, ...this.expiry(entry.receivedAt) },
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

  async countDueBefore(status: ContactStatus, dueBefore: string): Promise<number> {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: STATUS_INDEX,
          KeyConditionExpression: 'gsi1pk = :status AND gsi1sk < :due',
          ExpressionAttributeValues: { ':status': `STATUS#${status}`, ':due': dueBefore },
          Select: 'COUNT',
          ExclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
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
