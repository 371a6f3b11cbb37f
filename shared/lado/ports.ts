import type { AuditEvent } from '../contacts/ports';
import type { Allegation, AllegationStatus, AllegationSummary } from './allegation';

/** One entry of an allegation's append-only audit trail (who did what, when), shown to the LADO only. */
export type AllegationEvent = Omit<AuditEvent, 'contactId'> & { allegationId: string };

/** Thrown when an allegation has changed since the LADO read it (optimistic concurrency). */
export class AllegationChanged extends Error {
  override readonly name = 'AllegationChanged';
  constructor(readonly allegationId: string) {
    super(`Allegation ${allegationId} has changed since it was read`);
  }
}

/** The allegations' own store: a table apart from the children's contacts. */
export interface AllegationStore {
  /** Stores a new allegation; 'exists' when one with that id is already stored. */
  create(allegation: Allegation): Promise<'created' | 'exists'>;
  get(allegationId: string): Promise<Allegation | undefined>;
  /** Writes `changes` only while the allegation is at `expectedVersion`; throws AllegationChanged otherwise. */
  update(allegationId: string, expectedVersion: number, changes: Partial<Allegation>, now: string): Promise<Allegation>;
  /** Every allegation in a status, newest first; with a limit, only the newest `limit`. */
  listByStatus(status: AllegationStatus, limit?: number): Promise<Allegation[]>;
  /** How many allegations are in a status, all of them counted. */
  countByStatus(status: AllegationStatus): Promise<number>;
  /** Records an allegation under the person's keyed hash; writing the same entry again is harmless. */
  indexPerson(personKey: string, entry: AllegationSummary, expiresAt: number): Promise<void>;
  findByPerson(personKey: string): Promise<AllegationSummary[]>;
  /** Appends to the audit trail; each entry expires with the allegation. */
  appendEvent(event: AllegationEvent, expiresAt: number): Promise<void>;
  listEvents(allegationId: string): Promise<AllegationEvent[]>;
  /**
   * Brings forward the deletion of an allegation, its audit trail and its person index entry
   * (a malicious allegation is removed), and takes it out of the person index at once.
   */
  removeBy(allegation: Allegation, expiresAt: number): Promise<void>;
}
