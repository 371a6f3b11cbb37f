import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type BatchGetCommandOutput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../contacts';
import type { Meeting, MeetingRecord, RecordKey } from '../meetings/meeting';
import { MeetingChanged, type MeetingStore } from '../meetings/ports';
import { getConsistent, putIfAbsent, updateAtVersion } from './versioned-item';
import { leanClient } from './lean-client';

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
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
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
    return putIfAbsent(this.db, this.tableName, {
      ...meetingKey(meeting.meetingId),
      ...meeting,
      ...this.expiry(meeting.date),
    });
  }

  async get(meetingId: string): Promise<Meeting | undefined> {
    const item = await getConsistent(this.db, this.tableName, meetingKey(meetingId));
    return item && strip<Meeting>(item);
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
    return strip<Meeting>(await this.updateAt(meetingKey(meetingId), meetingId, expectedVersion, changes, now));
  }

  async addRecords(records: MeetingRecord[]): Promise<void> {
    for (const record of records) {
      // Already stored (a retried open or refresh): what the chair has recorded since stays.
      await putIfAbsent(this.db, this.tableName, { ...recordKey(record), ...record, ...this.expiry(record.date) });
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
    return strip<MeetingRecord>(await this.updateAt(recordKey(key), key.meetingId, expectedVersion, changes, now));
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

  private updateAt(
    key: Record<string, string>,
    meetingId: string,
    expectedVersion: number,
    changes: object,
    now: string,
  ) {
    return updateAtVersion(this.db, {
      tableName: this.tableName,
      key,
      expectedVersion,
      fields: { ...changes, updatedAt: now },
      changed: () => new MeetingChanged(meetingId),
    });
  }
}
