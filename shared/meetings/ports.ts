import type { Meeting, MeetingRecord, RecordKey } from './meeting';

/** Thrown when a meeting, or a child's part of it, changed since it was read (optimistic concurrency). */
export class MeetingChanged extends Error {
  override readonly name = 'MeetingChanged';
  constructor(readonly meetingId: string) {
    super(`Meeting ${meetingId} has changed since it was read`);
  }
}

/** The daily triage meetings: each meeting, and each child's part of it beside the child's contact. */
export interface MeetingStore {
  /**
   * Stores a new meeting and its children's records (records first, so a meeting is never
   * without them); 'exists' when that day's meeting for the theme is already stored.
   */
  create(meeting: Meeting, records: MeetingRecord[]): Promise<'created' | 'exists'>;
  get(meetingId: string): Promise<Meeting | undefined>;
  /** The meetings held on a date (YYYY-MM-DD). */
  listOn(date: string): Promise<Meeting[]>;
  /** Writes `changes` only while the meeting is at `expectedVersion`; throws MeetingChanged otherwise. */
  update(meetingId: string, expectedVersion: number, changes: Partial<Meeting>, now: string): Promise<Meeting>;
  /** Stores records not stored yet; a record already there is left as it is. */
  addRecords(records: MeetingRecord[]): Promise<void>;
  /** The records with these keys (those that exist), in the order asked. */
  getRecords(keys: RecordKey[]): Promise<MeetingRecord[]>;
  /** Writes `changes` only while the record is at `expectedVersion`; throws MeetingChanged otherwise. */
  updateRecord(
    key: RecordKey,
    expectedVersion: number,
    changes: Partial<MeetingRecord>,
    now: string,
  ): Promise<MeetingRecord>;
  /** Every meeting record of a contact, oldest meeting first. */
  recordsFor(contactId: string): Promise<MeetingRecord[]>;
}
