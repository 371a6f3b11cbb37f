import type { Meeting, MeetingRecord, RecordKey } from '../../shared/meetings/meeting';
import { MeetingChanged, type MeetingStore } from '../../shared/meetings/ports';

/** The meeting store in memory, with the same conditional writes as the DynamoDB adapter. */
export class MemoryMeetingStore implements MeetingStore {
  readonly meetings = new Map<string, Meeting>();
  readonly records = new Map<string, MeetingRecord>();

  private static key = (k: RecordKey) => `${k.meetingId}|${k.contactId}|${k.childIndex}`;

  async create(meeting: Meeting, records: MeetingRecord[]): Promise<'created' | 'exists'> {
    await this.addRecords(records);
    if (this.meetings.has(meeting.meetingId)) return 'exists';
    this.meetings.set(meeting.meetingId, structuredClone(meeting));
    return 'created';
  }

  async get(meetingId: string) {
    return structuredClone(this.meetings.get(meetingId));
  }

  async listOn(date: string) {
    return [...this.meetings.values()]
      .filter((m) => m.date === date)
      .sort((a, b) => a.theme.localeCompare(b.theme))
      .map((m) => structuredClone(m));
  }

  async update(meetingId: string, expectedVersion: number, changes: Partial<Meeting>, now: string) {
    const current = this.meetings.get(meetingId);
    if (!current || current.version !== expectedVersion) throw new MeetingChanged(meetingId);
    const next = { ...current, ...structuredClone(changes), version: expectedVersion + 1, updatedAt: now };
    this.meetings.set(meetingId, next);
    return structuredClone(next);
  }

  async addRecords(records: MeetingRecord[]) {
    for (const r of records)
      if (!this.records.has(MemoryMeetingStore.key(r))) this.records.set(MemoryMeetingStore.key(r), structuredClone(r));
  }

  async getRecords(keys: RecordKey[]) {
    return keys
      .map((k) => this.records.get(MemoryMeetingStore.key(k)))
      .filter((r): r is MeetingRecord => !!r)
      .map((r) => structuredClone(r));
  }

  async updateRecord(key: RecordKey, expectedVersion: number, changes: Partial<MeetingRecord>, now: string) {
    const current = this.records.get(MemoryMeetingStore.key(key));
    if (!current || current.version !== expectedVersion) throw new MeetingChanged(key.meetingId);
    const next = { ...current, ...structuredClone(changes), version: expectedVersion + 1, updatedAt: now };
    this.records.set(MemoryMeetingStore.key(key), next);
    return structuredClone(next);
  }

  async recordsFor(contactId: string) {
    return [...this.records.values()]
      .filter((r) => r.contactId === contactId)
      .sort((a, b) => a.meetingId.localeCompare(b.meetingId))
      .map((r) => structuredClone(r));
  }
}
