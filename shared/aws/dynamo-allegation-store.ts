import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Allegation, AllegationStatus, AllegationSummary } from '../lado/allegation';
import { AllegationChanged, type AllegationEvent, type AllegationStore } from '../lado/ports';
import { allegationFrom } from '../lado/stored-allegation';
import { getConsistent, putIfAbsent, updateAtVersion } from './versioned-item';
import { leanClient } from './lean-client';

/**
 * Allegations in their own DynamoDB table, apart from the children's contacts:
 *  - pk ALLEGATION#<id>, sk ALLEGATION: the allegation; gsi1 (STATUS#<status>, received time).
 *  - pk ALLEGATION#<id>, sk EVENT#<time>#<uuid>: its append-only audit trail.
 *  - pk PERSON#<keyed hash>, sk <receivedAt>#<id>: the person index (no names in it).
 * Every item carries the allegation's `expiresAt`, which DynamoDB's time to live acts on.
 */
export const ALLEGATION_STATUS_INDEX = 'byStatus';

const key = (allegationId: string) => ({ pk: `ALLEGATION#${allegationId}`, sk: 'ALLEGATION' });
const statusKeys = (a: Pick<Allegation, 'status' | 'receivedAt'>) => ({
  gsi1pk: `STATUS#${a.status}`,
  gsi1sk: a.receivedAt,
});
const personKey = (personKey: string, entry: Pick<AllegationSummary, 'receivedAt' | 'allegationId'>) => ({
  pk: `PERSON#${personKey}`,
  sk: `${entry.receivedAt}#${entry.allegationId}`,
});
/** The allegation an item holds, checked (shared/lado/stored-allegation.ts): a malformed one is an error. */
export const toAllegation = ({
  pk: _pk,
  sk: _sk,
  gsi1pk: _g1,
  gsi1sk: _g2,
  ...item
}: Record<string, unknown>): Allegation => allegationFrom(item);

export class DynamoAllegationStore implements AllegationStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(allegation: Allegation): Promise<'created' | 'exists'> {
    return putIfAbsent(this.db, this.tableName, {
      ...key(allegation.allegationId),
      ...statusKeys(allegation),
      ...allegation,
    });
  }

  async get(allegationId: string): Promise<Allegation | undefined> {
    const item = await getConsistent(this.db, this.tableName, key(allegationId));
    return item ? toAllegation(item) : undefined;
  }

  async update(
    allegationId: string,
    expectedVersion: number,
    { version: _v, ...changes }: Partial<Allegation>,
    now: string,
  ): Promise<Allegation> {
    const current = await this.get(allegationId);
    if (!current || current.version !== expectedVersion) throw new AllegationChanged(allegationId);
    return toAllegation(
      await updateAtVersion(this.db, {
        tableName: this.tableName,
        key: key(allegationId),
        expectedVersion,
        fields: { ...changes, ...statusKeys({ ...current, ...changes }), updatedAt: now },
        changed: () => new AllegationChanged(allegationId),
      }),
    );
  }

  async listByStatus(status: AllegationStatus, limit?: number): Promise<Allegation[]> {
    const items: Allegation[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          ...this.statusQuery(status),
          ScanIndexForward: false,
          // A capped list asks for no more than it still lacks, so the newest few never read the rest.
          ...(limit !== undefined && { Limit: limit - items.length }),
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []).map(toAllegation));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && (limit === undefined || items.length < limit));
    return items;
  }

  async countByStatus(status: AllegationStatus): Promise<number> {
    // Counted where they are stored, page by page to the end: DynamoDB returns no items.
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ ...this.statusQuery(status), Select: 'COUNT', ExclusiveStartKey }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  }

  private statusQuery(status: AllegationStatus) {
    return {
      TableName: this.tableName,
      IndexName: ALLEGATION_STATUS_INDEX,
      KeyConditionExpression: 'gsi1pk = :status',
      ExpressionAttributeValues: { ':status': `STATUS#${status}` },
    };
  }

  async indexPerson(person: string, entry: AllegationSummary, expiresAt: number): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...personKey(person, entry), ...entry, expiresAt } }),
    );
  }

  async findByPerson(person: string): Promise<AllegationSummary[]> {
    const entries: AllegationSummary[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `PERSON#${person}` },
          ScanIndexForward: false,
          ExclusiveStartKey,
        }),
      );
      for (const { allegationId, reference, receivedAt, employer, role, outcome } of page.Items ?? []) {
        entries.push({ allegationId, reference, receivedAt, employer, role, ...(outcome && { outcome }) });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return entries;
  }

  async appendEvent(event: AllegationEvent, expiresAt: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: key(event.allegationId).pk, sk: `EVENT#${event.at}#${randomUUID()}`, ...event, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  private async eventItems(allegationId: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
          ExpressionAttributeValues: { ':pk': key(allegationId).pk, ':events': 'EVENT#' },
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async listEvents(allegationId: string): Promise<AllegationEvent[]> {
    return (await this.eventItems(allegationId)).map(
      ({ allegationId: id, at, actor, action, detail }) =>
        ({ allegationId: id, at, actor, action, detail }) as AllegationEvent,
    );
  }

  async removeBy(allegation: Allegation, expiresAt: number): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: personKey(allegation.personKey, allegation) }),
    );
    for (const { pk, sk } of await this.eventItems(allegation.allegationId)) {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk },
          UpdateExpression: 'SET expiresAt = :at',
          ExpressionAttributeValues: { ':at': expiresAt },
        }),
      );
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(allegation.allegationId),
        UpdateExpression: 'SET expiresAt = :at',
        ExpressionAttributeValues: { ':at': expiresAt },
      }),
    );
  }
}
