import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../contacts';
import type { Meeting, MeetingRecord, RecordKey } from '../meetings/meeting';
import { MeetingChanged, type MeetingStore } from '../meetings/ports';

/**
 * Daily triage meetings in the contacts table, under the contacts' key and retention:
 *  - pk MEETINGS#<date>, sk MEETING#<theme>: the meeting (attendees, invitations, agenda, who was told).
 *  - pk CONTACT#<contactId>, sk MEETING#<meetingId>#<child>: one child's part of a meeting, beside
 *    the contact it belongs to (read with it on the contact page, deleted with it).
 */
const meetingKey = (meetingId: string) => {
  const [date, theme] = meetingId.split('.');
  return { pk: `MEETINGS#${date}`, sk: `MEETING#${theme}` };
};
const recordKey = (k: RecordKey) => ({
  pk: `CONTACT#${k.contactId}`,
  sk: `MEETING#${k.meetingId}#${String(k.childIndex).padStart(2, '0')}`,
});

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
};

export class DynamoMeetingStore implements MeetingStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    /** Years a meeting is kept after it was held, as contacts are; without it, kept (tests, tools). */
    private readonly retentionYears?: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private expiry(date: string): { expiresAt?: number } {
    return this.retentionYears ? { expiresAt: expiryAfter(`${date}T00:00:00Z`, this.retentionYears) } : {};
  }

  async create(meeting: Meeting, records: MeetingRecord[]): Promise<'created' | 'exists'> {
    await this.addRecords(records);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...meetingKey(meeting.meetingId), ...meeting, ...this.expiry(meeting.date) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async get(meetingId: string): Promise<Meeting | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: meetingKey(meetingId), ConsistentRead: true }),
    );
    return Item && strip<Meeting>(Item);
  }

  async listOn(date: string): Promise<Meeting[]> {
    return (
      await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :meeting)',
        ExpressionAttributeValues: { ':pk': `MEETINGS#${date}`, ':meeting': 'MEETING#' },
      })
    ).map((item) => strip<Meeting>(item));
  }

  async update(meetingId: string, expectedVersion: number, changes: Partial<Meeting>, now: string): Promise<Meeting> {
    return strip<Meeting>(
      await this.conditionalUpdate(meetingKey(meetingId), meetingId, expectedVersion, changes, now),
    );
  }

  async addRecords(records: MeetingRecord[]): Promise<void> {
    for (const record of records) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...recordKey(record), ...record, ...this.expiry(record.date) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        // Already stored (a retried open or refresh): what the chair has recorded since stays.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async getRecords(keys: RecordKey[]): Promise<MeetingRecord[]> {
    const found = new Map<string, MeetingRecord>();
    // BatchGetItem takes 100 keys at a time and may hand some back unprocessed.
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100).map(recordKey);
      while (pending?.length) {
        const output: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of output.Responses?.[this.tableName] ?? [])
          found.set(`${item.pk}|${item.sk}`, strip<MeetingRecord>(item));
        pending = output.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return keys
      .map((k) => recordKey(k))
      .map((k) => found.get(`${k.pk}|${k.sk}`))
      .filter((r): r is MeetingRecord => !!r);
  }

  async updateRecord(
    key: RecordKey,
    expectedVersion: number,
    changes: Partial<MeetingRecord>,
    now: string,
  ): Promise<MeetingRecord> {
    return strip<MeetingRecord>(
      await this.conditionalUpdate(recordKey(key), key.meetingId, expectedVersion, changes, now),
    );
  }

  async recordsFor(contactId: string): Promise<MeetingRecord[]> {
    return (
      await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :meeting)',
        ExpressionAttributeValues: { ':pk': `CONTACT#${contactId}`, ':meeting': 'MEETING#' },
      })
    ).map((item) => strip<MeetingRecord>(item));
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.tableName, ConsistentRead: true, ...input, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Sets `changes` (an undefined field is removed) and bumps the version, only at the version read. */
  private async conditionalUpdate(
    key: Record<string, string>,
    meetingId: string,
    expectedVersion: number,
    changes: object,
    now: string,
  ): Promise<Record<string, unknown>> {
    const { version: _version, ...fields } = { ...changes, updatedAt: now } as Record<string, unknown>;
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1 };
    const sets = ['#version = #version + :one'];
    const removes: string[] = [];
    Object.entries(fields).forEach(([field, value], i) => {
      names[`#f${i}`] = field;
      if (value === undefined) removes.push(`#f${i}`);
      else {
        values[`:v${i}`] = value;
        sets.push(`#f${i} = :v${i}`);
      }
    });
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes!;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new MeetingChanged(meetingId);
      throw error;
    }
  }
}
