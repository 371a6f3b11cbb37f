import type { EarlierContact } from '../triage/types';
import type { MatchKey } from '../matching/keys';
import type { MatchSummary } from './match-summary';
import type { Contact, ContactIn, DecidedContact, HouseholdContact, Person } from './record';
import type { ContactStatus, NextFromEach } from './status';
import type { ContactChanges, ContactWrite } from './transitions';

/**
 * What the contact's use cases need from a store, as small ports: the contacts themselves, their
 * audit trail, the child index and matches, the queues, and idempotency keys. The DynamoDB
 * adapter (shared/aws/dynamo-contact-store.ts) and the in-memory store in test/support implement
 * all of them (ContactStore); a use case asks only for the ports it uses.
 */

/** Thrown when a conditional write finds the contact in a state the change does not start from. */
export class TransitionRefused extends Error {
  override readonly name = 'TransitionRefused';
  constructor(
    readonly contactId: string,
    readonly to: ContactStatus,
    readonly current: Contact | undefined,
  ) {
    super(`Contact ${contactId} cannot move to ${to} from ${current?.status ?? 'nowhere (not found)'}`);
  }
}

/** Thrown when a contact has changed since the caller read it (optimistic concurrency). */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(
    readonly contactId: string,
    readonly current: Contact | undefined,
  ) {
    super(`Contact ${contactId} has changed since it was read`);
  }
}

/** One entry in a contact's append-only audit trail: who did what, when. */
export interface AuditEvent {
  contactId: string;
  at: string;
  actor: Person & { role: string };
  action: string;
  /** A short, plain description (codes, references, outcomes), shown to staff only. */
  detail?: string;
  /**
   * Given by a step that may run again (a retried triage step): the trail keeps the first entry
   * appended with an id and ignores the rest, so the retry can append without asking what is there.
   */
  id?: string;
}

/** Thrown when a cursor was not one this store gave out for that list. */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('The cursor is not one this list gave out');
  }
}

export type StatusRange = { since: string } | { before: string } | Record<string, never>;

export interface ContactPage<C extends Contact = Contact> {
  contacts: C[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/**
 * A contact as recorded under a child's or household's match key, with the summary a later
 * contact shows of it; the store keeps the summary current as the contact moves on.
 */
export interface ChildIndexEntry extends MatchSummary {
  contactId: string;
  reference: string;
  receivedAt: string;
  /** The child's place in that contact's notification. */
  childIndex: number;
  /**
   * The child match keys it is about: the child's own under a child's key, every child's of the
   * contact under an address. A later contact's matching counts what it does not read by them
   * (ChildIndex.newestByMatchKey); entries indexed before they were carried have none.
   */
  childKeys?: string[];
}

/** One index entry and the key it is recorded under. */
export interface IndexedEntry {
  key: MatchKey;
  entry: ChildIndexEntry;
}

/** An idempotency key's record: never the key itself (an incident number is sensitive), only its hash. */
export interface KeyRecord {
  keyHash: string;
  /** A hash of the body the key first came with. */
  fingerprint: string;
  contactId: string;
  createdAt: string;
}

/**
 * The earlier contacts matched to a contact, kept apart from the contact itself so that no
 * notification, however many children or earlier contacts, can make the contact too big to store.
 */
export interface ContactMatches {
  /** Earlier contacts about the same children, newest first, at most a few per child. */
  earlier: EarlierContact[];
  /** Earlier contacts about other children at the same addresses, newest first, at most a few per address. */
  household: HouseholdContact[];
  /** How many more were found than kept: per child of this notification, and per address (under its first child). */
  more: { kind: 'child' | 'household'; childIndex: number; count: number }[];
}

/** The contacts themselves: every change a conditional write. */
export interface Contacts {
  /** Stores a new contact; 'exists' when a contact with that id is already stored. */
  create(contact: Contact): Promise<'created' | 'exists'>;
  get(contactId: string): Promise<Contact | undefined>;
  /** The contact whose status link has this token (it is stored with the contact). */
  findByStatusToken(token: string): Promise<Contact | undefined>;
  /**
   * Moves a contact to `to` only while it is in one of `from`, applying `changes` in the same
   * conditional write, with no read first. Throws TransitionRefused otherwise. The compiler
   * allows only edges of the table (TRANSITIONS) from every one of `from`.
   */
  transition<F extends ContactStatus, S extends NextFromEach<F>>(
    contactId: string,
    from: readonly F[],
    to: S,
    changes: Omit<ContactChanges, 'status'>,
    now: string,
  ): Promise<ContactIn<S>>;
  /**
   * Moves a received contact into triaging with one conditional write and no read first (nearly
   * every contact triage begins is one just received): the contact as written, or undefined
   * when it is not received (a retried or replayed step, a failed triage, no such contact).
   */
  beginTriaging(contactId: string, now: string): Promise<ContactIn<'triaging'> | undefined>;
  /** Changes a contact only while it is still in `whileStatus`. Throws TransitionRefused otherwise. */
  amend<S extends ContactStatus>(
    contactId: string,
    whileStatus: S,
    changes: Omit<ContactChanges, 'status'>,
    now: string,
  ): Promise<ContactIn<S>>;
  /**
   * Makes the write (a typed transition's, or a change within the status) only while the contact
   * is still at `expectedVersion`, and bumps the version: the contact as written, in the status
   * the write gives. Throws VersionConflict otherwise.
   */
  update<S extends ContactStatus>(
    contactId: string,
    expectedVersion: number,
    write: ContactWrite<S>,
    now: string,
  ): Promise<ContactIn<S>>;
}

/** Each contact's append-only audit trail. */
export interface AuditTrail {
  /** Appends to the contact's audit trail; entries are never changed or removed, and an id is appended once. */
  appendEvent(event: AuditEvent): Promise<void>;
  /** The audit trail, oldest first. */
  listEvents(contactId: string): Promise<AuditEvent[]>;
}

/** Children's and households' earlier contacts: the index by match key, and each contact's matches. */
export interface ChildIndex {
  /** Records a contact's children under their and their households' match keys; writing the same entries twice is harmless. */
  indexChildren(entries: IndexedEntry[]): Promise<void>;
  /** Every contact recorded under the key, newest first, read to the end. */
  findByMatchKey(key: MatchKey): Promise<ChildIndexEntry[]>;
  /** The newest `limit` entries under the key, newest first: a long history is read no further. */
  newestByMatchKey(key: MatchKey, limit: number): Promise<ChildIndexEntry[]>;
  /**
   * How many entries under the key are older than `than` and about none of `except`: not of those
   * contacts, nor carrying any of those child keys. Counted where they are stored, never read.
   */
  countOlderByMatchKey(
    key: MatchKey,
    than: ChildIndexEntry,
    except: { contactIds: string[]; childKeys: string[] },
  ): Promise<number>;
  /**
   * Replaces the contact's matches, kept for the retention period from `now`; saving the same
   * matches again is harmless. `entries`, the
   * contact's own index entries, are recorded in the same writes, as indexChildren records them:
   * a step that does both makes one batch request where they fit, not two.
   */
  saveMatches(contactId: string, matches: ContactMatches, now: string, entries?: IndexedEntry[]): Promise<void>;
  /** The contact's matches, each with the earlier contact's current summary (none saved: empty lists). */
  getMatches(contactId: string): Promise<ContactMatches>;
  /**
   * The contact and its matches as they were saved (each summary as matching found it, not read
   * again), in one request where the store can: what a triage step working from them needs.
   */
  getWithMatches(contactId: string): Promise<{ contact: Contact; matches: ContactMatches } | undefined>;
}

/** The queues: contacts by status, in queue order. */
export interface ContactQueries {
  /**
   * Every contact in `status`, read to the end, in queue order (see queueTime): most urgent
   * first while awaiting a decision, oldest first before triage, by decision time once decided.
   * A range keeps only those whose queue time is from `since` on, or before `before`.
   */
  listByStatus<S extends ContactStatus>(status: S, range?: StatusRange): Promise<ContactIn<S>[]>;
  /** At most `limit` contacts in `status`, in queue order, from where `cursor` left off; and the cursor for the next page, if any. */
  pageByStatus<S extends ContactStatus>(
    status: S,
    page: { limit: number; cursor?: string },
  ): Promise<ContactPage<ContactIn<S>>>;
  /**
   * Every unsettled contact (isUnsettled: triage not finished, or its acknowledgement pending)
   * received before `before`, oldest first, read to the end: what the stall sweeper looks at,
   * however long the queue of contacts awaiting a decision.
   */
  listUnsettled(range: { before: string }): Promise<Contact[]>;
  /** Decided contacts whose referrer's reconsideration request waits for a manager's answer. */
  listReconsiderationRequests(): Promise<DecidedContact[]>;
  /** How many contacts in `status` were due before `dueBefore` (ISO time). */
  countDueBefore(status: ContactStatus, dueBefore: string): Promise<number>;
}

/** The idempotency keys intake has seen, each with the contact it made. */
export interface IdempotencyKeys {
  /**
   * Records a key for a contact, kept as long as contacts are; the record already there when the
   * key was claimed before.
   */
  claimKey(record: KeyRecord): Promise<'claimed' | KeyRecord>;
}

/** Every port above, kept in one table (shared/aws/dynamo-contact-store.ts). */
export interface ContactStore extends Contacts, AuditTrail, ChildIndex, ContactQueries, IdempotencyKeys {}
