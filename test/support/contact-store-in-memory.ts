import {
  canMove,
  contactFrom,
  currentMatch,
  expectStatus,
  inStatus,
  isDecided,
  isUnsettled,
  matchSummary,
  queueTime,
  type Contact,
  type ContactChanges,
  type ContactIn,
  type ContactStatus,
  type ContactWrite,
  type NextFromEach,
  type DecidedContact,
  type HouseholdContact,
} from '../../shared/contacts';
import type { MatchKey } from '../../shared/matching/keys';
import type { EarlierContact } from '../../shared/triage/types';
import {
  InvalidCursor,
  TransitionRefused,
  VersionConflict,
  type AuditEvent,
  type AuditTrail,
  type ChildIndex,
  type ChildIndexEntry,
  type ContactMatches,
  type ContactPage,
  type ContactQueries,
  type Contacts,
  type ContactStore,
  type IdempotencyKeys,
  type IndexedEntry,
  type KeyRecord,
  type StatusRange,
} from '../../shared/contacts/ports';

/**
 * The ports of shared/contacts/ports.ts in memory, one class a port, for unit tests of the use
 * cases: a test gives a use case only the ports it asks for. MemoryContactStore joins them over
 * the same records, as the DynamoDB adapter keeps them in one table, and keeps the promises that
 * adapter keeps (test/unit/contact-store-contract.test.ts runs the same assertions on both): queue
 * order, whole lists, cursors, conditional changes, current match summaries.
 */

export class MemoryContacts implements Contacts {
  readonly records = new Map<string, Contact>();

  constructor(contacts: Contact[] = []) {
    for (const contact of contacts) this.records.set(contact.contactId, structuredClone(contact));
  }

  /** Told of every change, as stored (the whole store keeps the child index's summaries current). */
  protected written(_contact: Contact): void {}

  async create(contact: Contact): Promise<'created' | 'exists'> {
    if (this.records.has(contact.contactId)) return 'exists';
    this.records.set(contact.contactId, structuredClone(contact));
    return 'created';
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const contact = this.records.get(contactId);
    return contact && structuredClone(contact);
  }

  async findByStatusToken(token: string): Promise<Contact | undefined> {
    const contact = [...this.records.values()].find((c) => c.statusToken === token);
    return contact && structuredClone(contact);
  }

  async transition<F extends ContactStatus, S extends NextFromEach<F>>(
    contactId: string,
    from: readonly F[],
    to: S,
    changes: Omit<ContactChanges, 'status'>,
    now: string,
  ): Promise<ContactIn<S>> {
    const current = this.records.get(contactId);
    const starts: readonly ContactStatus[] = from;
    // As the DynamoDB adapter: every status it starts from must be one that may move to `to`.
    if (!current || !starts.includes(current.status) || !from.every((status) => canMove(status, to)))
      throw new TransitionRefused(contactId, to, current && structuredClone(current));
    return expectStatus(this.write(current, { ...changes, status: to }, now), to);
  }

  async beginTriaging(contactId: string, now: string): Promise<ContactIn<'triaging'> | undefined> {
    const current = this.records.get(contactId);
    return current?.status === 'received'
      ? expectStatus(this.write(current, { status: 'triaging' }, now), 'triaging')
      : undefined;
  }

  async amend<S extends ContactStatus>(
    contactId: string,
    whileStatus: S,
    changes: ContactChanges,
    now: string,
  ): Promise<ContactIn<S>> {
    const current = this.records.get(contactId);
    if (!current || current.status !== whileStatus)
      throw new TransitionRefused(contactId, whileStatus, current && structuredClone(current));
    return expectStatus(this.write(current, changes, now), whileStatus);
  }

  async update<S extends ContactStatus>(
    contactId: string,
    expectedVersion: number,
    write: ContactWrite<S>,
    now: string,
  ): Promise<ContactIn<S>> {
    const current = this.records.get(contactId);
    if (!current || (current.version ?? 0) !== expectedVersion)
      throw new VersionConflict(contactId, current && structuredClone(current));
    return expectStatus(this.write(current, write.changes, now), write.status);
  }

  private write(current: Contact, { version: _ignored, ...changes }: ContactChanges, now: string): Contact {
    // Checked as the DynamoDB adapter checks it: a change contradicting its status is refused.
    const next = contactFrom({
      ...current,
      ...structuredClone(changes),
      updatedAt: now,
      version: (current.version ?? 0) + 1,
    });
    this.records.set(current.contactId, next);
    this.written(next);
    return structuredClone(next);
  }
}

export class MemoryAuditTrail implements AuditTrail {
  readonly events: AuditEvent[] = [];

  async appendEvent(event: AuditEvent): Promise<void> {
    if (event.id && this.events.some((e) => e.contactId === event.contactId && e.id === event.id)) return;
    this.events.push(structuredClone(event));
  }

  async listEvents(contactId: string): Promise<AuditEvent[]> {
    return this.events.filter((e) => e.contactId === contactId).sort((a, b) => a.at.localeCompare(b.at));
  }
}

/** The child index and matches; `records` are the contacts whose current summaries matches show. */
export class MemoryChildIndex implements ChildIndex {
  /** Index entries by match key, then by contact and child. */
  readonly index = new Map<string, Map<string, ChildIndexEntry>>();
  readonly matches = new Map<string, ContactMatches>();

  constructor(private readonly records: ReadonlyMap<string, Contact> = new Map()) {}

  /** Keeps the summary of every entry of a contact that has just changed current. */
  refresh(contact: Contact): void {
    for (const entries of this.index.values()) {
      for (const entry of entries.values())
        if (entry.contactId === contact.contactId)
          Object.assign(
            entry,
            { level: undefined, route: undefined, decidedAt: undefined },
            matchSummary(contact, entry.childIndex),
          );
    }
  }

  async indexChildren(indexed: IndexedEntry[]): Promise<void> {
    for (const { key, entry } of indexed) {
      const entries = this.index.get(key.key) ?? new Map<string, ChildIndexEntry>();
      this.index.set(key.key, entries);
      entries.set(`${entry.contactId}#${entry.childIndex}`, structuredClone(entry));
    }
  }

  async findByMatchKey(key: MatchKey): Promise<ChildIndexEntry[]> {
    return [...(this.index.get(key.key)?.values() ?? [])]
      .map((e) => structuredClone(e))
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async newestByMatchKey(key: MatchKey, limit: number): Promise<ChildIndexEntry[]> {
    return (await this.findByMatchKey(key)).slice(0, limit);
  }

  async countOlderByMatchKey(
    key: MatchKey,
    than: ChildIndexEntry,
    except: { contactIds: string[]; childKeys: string[] },
  ): Promise<number> {
    const all = await this.findByMatchKey(key);
    const sortKey = (e: ChildIndexEntry) => `${e.receivedAt}#${e.contactId}#${e.childIndex}`;
    return all.filter(
      (e) =>
        sortKey(e) < sortKey(than) &&
        !except.contactIds.includes(e.contactId) &&
        !e.childKeys?.some((k) => except.childKeys.includes(k)),
    ).length;
  }

  async getWithMatches(contactId: string): Promise<{ contact: Contact; matches: ContactMatches } | undefined> {
    const contact = this.records.get(contactId);
    const saved = this.matches.get(contactId) ?? { earlier: [], household: [], more: [] };
    return contact && structuredClone({ contact, matches: saved });
  }

  async saveMatches(
    contactId: string,
    matches: ContactMatches,
    _now: string,
    entries: IndexedEntry[] = [],
  ): Promise<void> {
    await this.indexChildren(entries);
    this.matches.set(contactId, structuredClone(matches));
  }

  async getMatches(contactId: string): Promise<ContactMatches> {
    const saved = structuredClone(this.matches.get(contactId) ?? { earlier: [], household: [], more: [] });
    const current = <T extends EarlierContact | HouseholdContact>(m: T): T =>
      currentMatch(m, this.records.get(m.contactId));
    const newestFirst = <T extends { receivedAt: string }>(list: T[]) =>
      list.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return {
      earlier: newestFirst(saved.earlier.map(current)),
      household: newestFirst(saved.household.map(current)),
      more: saved.more,
    };
  }
}

/** The queues over `records`, the contacts as stored. */
export class MemoryContactQueries implements ContactQueries {
  constructor(private readonly records: ReadonlyMap<string, Contact>) {}

  /** The queues of these contacts alone, for a use case that only reads them. */
  static of(contacts: Contact[]): MemoryContactQueries {
    return new MemoryContactQueries(new Map(contacts.map((c) => [c.contactId, structuredClone(c)])));
  }

  private queue<S extends ContactStatus>(status: S): ContactIn<S>[] {
    // Ties in queue time fall back to the contact id, as the DynamoDB index orders them.
    return [...this.records.values()]
      .filter(inStatus(status))
      .sort((a, b) => queueTime(a).localeCompare(queueTime(b)) || a.contactId.localeCompare(b.contactId));
  }

  async listByStatus<S extends ContactStatus>(status: S, range: StatusRange = {}): Promise<ContactIn<S>[]> {
    return this.queue(status)
      .filter((c) => !('since' in range) || queueTime(c) >= range.since)
      .filter((c) => !('before' in range) || queueTime(c) < range.before)
      .map((c) => structuredClone(c));
  }

  async pageByStatus<S extends ContactStatus>(
    status: S,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<ContactPage<ContactIn<S>>> {
    const queue = this.queue(status);
    let start = 0;
    if (cursor !== undefined) {
      const [cursorStatus, after] = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
      if (cursorStatus !== status || !after) throw new InvalidCursor();
      start = queue.findIndex((c) => `${queueTime(c)}#${c.contactId}` > after);
      if (start < 0) start = queue.length;
    }
    const contacts = queue.slice(start, start + limit);
    const last = contacts.at(-1);
    const more = start + limit < queue.length;
    return {
      contacts: contacts.map((c) => structuredClone(c)),
      cursor:
        more && last ? Buffer.from(`${status}\n${queueTime(last)}#${last.contactId}`).toString('base64url') : undefined,
    };
  }

  async listReconsiderationRequests(): Promise<DecidedContact[]> {
    return [...this.records.values()]
      .filter(isDecided)
      .filter((c) => c.reconsideration?.status === 'requested')
      .map((c) => structuredClone(c));
  }

  async countDueBefore(status: ContactStatus, dueBefore: string): Promise<number> {
    return (await this.listByStatus(status, { before: dueBefore })).length;
  }

  async listUnsettled({ before }: { before: string }): Promise<Contact[]> {
    return [...this.records.values()]
      .filter((c) => isUnsettled(c) && c.receivedAt < before)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((c) => structuredClone(c));
  }
}

export class MemoryIdempotencyKeys implements IdempotencyKeys {
  readonly keys = new Map<string, KeyRecord>();

  async claimKey(record: KeyRecord): Promise<'claimed' | KeyRecord> {
    const claimed = this.keys.get(record.keyHash);
    if (claimed) return structuredClone(claimed);
    this.keys.set(record.keyHash, structuredClone(record));
    return 'claimed';
  }
}

/** Every port over the same contacts, for a use case (or a composition) that needs several. */
export class MemoryContactStore extends MemoryContacts implements ContactStore {
  readonly audit = new MemoryAuditTrail();
  readonly childIndex = new MemoryChildIndex(this.records);
  readonly queries = new MemoryContactQueries(this.records);
  readonly idempotency = new MemoryIdempotencyKeys();
  /** The stored records of each port, for tests to look at. */
  readonly contacts = this.records;
  readonly events = this.audit.events;
  readonly index = this.childIndex.index;
  readonly matches = this.childIndex.matches;
  readonly keys = this.idempotency.keys;

  protected override written(contact: Contact): void {
    this.childIndex.refresh(contact);
  }

  appendEvent(event: AuditEvent): Promise<void> {
    return this.audit.appendEvent(event);
  }
  listEvents(contactId: string): Promise<AuditEvent[]> {
    return this.audit.listEvents(contactId);
  }
  indexChildren(entries: IndexedEntry[]): Promise<void> {
    return this.childIndex.indexChildren(entries);
  }
  findByMatchKey(key: MatchKey): Promise<ChildIndexEntry[]> {
    return this.childIndex.findByMatchKey(key);
  }
  saveMatches(contactId: string, matches: ContactMatches, now: string, entries?: IndexedEntry[]): Promise<void> {
    return this.childIndex.saveMatches(contactId, matches, now, entries);
  }
  getMatches(contactId: string): Promise<ContactMatches> {
    return this.childIndex.getMatches(contactId);
  }
  newestByMatchKey(key: MatchKey, limit: number): Promise<ChildIndexEntry[]> {
    return this.childIndex.newestByMatchKey(key, limit);
  }
  countOlderByMatchKey(
    key: MatchKey,
    than: ChildIndexEntry,
    except: { contactIds: string[]; childKeys: string[] },
  ): Promise<number> {
    return this.childIndex.countOlderByMatchKey(key, than, except);
  }
  getWithMatches(contactId: string): Promise<{ contact: Contact; matches: ContactMatches } | undefined> {
    return this.childIndex.getWithMatches(contactId);
  }
  listByStatus<S extends ContactStatus>(status: S, range?: StatusRange): Promise<ContactIn<S>[]> {
    return this.queries.listByStatus(status, range);
  }
  pageByStatus<S extends ContactStatus>(
    status: S,
    page: { limit: number; cursor?: string },
  ): Promise<ContactPage<ContactIn<S>>> {
    return this.queries.pageByStatus(status, page);
  }
  listReconsiderationRequests(): Promise<DecidedContact[]> {
    return this.queries.listReconsiderationRequests();
  }
  listUnsettled(range: { before: string }): Promise<Contact[]> {
    return this.queries.listUnsettled(range);
  }
  countDueBefore(status: ContactStatus, dueBefore: string): Promise<number> {
    return this.queries.countDueBefore(status, dueBefore);
  }
  claimKey(record: KeyRecord): Promise<'claimed' | KeyRecord> {
    return this.idempotency.claimKey(record);
  }
}
