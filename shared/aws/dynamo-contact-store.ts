import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  canMove,
  currentMatch,
  expiryAfter,
  matchSummary,
  queueTime,
  contactFrom,
  expectStatus,
  inStatus,
  isDecided,
  isUnsettled,
  contactIdOfStatusToken,
  statusTokenHash,
  upgradeContact,
  type Contact,
  type ContactChanges,
  type ContactIn,
  type ContactRecord,
  type ContactStatus,
  type ContactWrite,
  type NextFromEach,
  type DecidedContact,
  type HouseholdContact,
  type SummarySource,
} from '../contacts';
import { earlierContactFrom, householdContactFrom } from '../contacts/stored-match';
import type { MatchKey } from '../matching/keys';
import type { EarlierContact } from '../triage/types';
import { randomUUID } from 'node:crypto';
import {
  InvalidCursor,
  TransitionRefused,
  VersionConflict,
  type AuditEvent,
  type ChildIndexEntry,
  type ContactMatches,
  type ContactPage,
  type ContactStore,
  type IndexedEntry,
  type KeyRecord,
  type StatusRange,
} from '../contacts/ports';
import { MAX_CHILDREN } from '../notification';
import { decodeCursor, encodeCursor } from './cursor';
import { putIfAbsent } from './versioned-item';
import { leanClient } from './lean-client';

/**
 * Contacts in one DynamoDB table.
 *  - pk CONTACT#<id>, sk CONTACT: the contact; gsi1 (STATUS#<status>, queue time) lists a queue
 *    in order, most urgent first; gsi2 (RECONSIDERATION#requested, requested time) is set only
 *    while a referrer's reconsideration request waits for a manager, so that queue never reads
 *    the archive of decided contacts; gsi3 (UNSETTLED, received time) is set only while triage
 *    has not finished or the acknowledgement is pending (isUnsettled), so the stall sweeper reads
 *    those and never the queue of contacts awaiting a decision. Contacts stored before gsi3
 *    existed get it from `front-door ops index-unsettled`.
 *  - pk CONTACT#<id>, sk EVENT#<time>#<uuid> (or EVENT#ID#<id>, appended once): the contact's append-only audit trail.
 *  - pk MATCH#<hashed child key>, sk <receivedAt>#<contactId>#<child>: the child index, each
 *    entry carrying the summary later contacts show of it, kept current on every change of it.
 *  - pk CONTACT#<id>, sk INDEXED#<key>#<child>: where the contact's index entries are.
 *  - pk CONTACT#<id>, sk MATCH#…: the contact's matches, one item each, outside the contact.
 *  - pk STATUSLINK#<hashed status token>, sk LINK: the contact a status link opens, for links sent
 *    before tokens carried their contact's id (newer ones need no item: see newStatusToken).
 *  - pk KEY#<hashed scope and idempotency key>, sk KEY: the contact a key was first used for.
 * Every change of a contact is a single-item conditional write, because that is what keeps a
 * change atomic both in DynamoDB and in the local emulator, which has no transactions; index
 * entries and matches, which are harmless to write again, follow it.
 */
export const STATUS_INDEX = 'byStatus';
export const RECONSIDERATION_INDEX = 'byReconsideration';
export const UNSETTLED_INDEX = 'byUnsettled';
const UNSETTLED = 'UNSETTLED';

/** The key of a contact's own item in the contacts table. */
export const contactKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'CONTACT' });
const statusLinkKey = (token: string) => ({ pk: `STATUSLINK#${statusTokenHash(token)}`, sk: 'LINK' });
const statusPartition = (status: ContactStatus) => `STATUS#${status}`;
const statusKeys = (contact: Pick<ContactRecord, 'status' | 'receivedAt' | 'recommendation' | 'decision'>) => ({
  gsi1pk: statusPartition(contact.status),
  gsi1sk: queueTime(contact),
});
/** Present only while a reconsideration request waits: a sparse index holds just those contacts. */
const reconsiderationKeys = (contact: Pick<ContactRecord, 'reconsideration'>) =>
  contact.reconsideration?.status === 'requested'
    ? { gsi2pk: 'RECONSIDERATION#requested', gsi2sk: contact.reconsideration.requestedAt }
    : undefined;
/**
 * Present only while the contact is unsettled: a sparse index holds just what the stall sweeper
 * looks at. Set and removed by the same conditional write that changes the status or the
 * acknowledgement (a move from received to triaging keeps it, so beginTriaging leaves it be).
 */
const unsettledKeys = (contact: Pick<ContactRecord, 'status' | 'acknowledgement' | 'receivedAt'>) =>
  isUnsettled(contact) ? { gsi3pk: UNSETTLED, gsi3sk: contact.receivedAt } : undefined;

export const toContact = (item: Record<string, unknown>): Contact => {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    gsi2pk: _g3,
    gsi2sk: _g4,
    gsi3pk: _g5,
    gsi3sk: _g6,
    ...contact
  } = item;
  // Checked against its status, and read in today's shape if stored before decisions were per child.
  return contactFrom(contact);
};

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** A match kept beside the contact: one item per earlier contact and child (or address). */
const matchSk = (kind: 'child' | 'household', m: { childIndex: number; contactId: string }) =>
  `MATCH#${kind}#${String(m.childIndex).padStart(3, '0')}#${m.contactId}`;

/** Match items as stored, newest first, each with the earlier contact's summary now where `current` has it. */
const matchesFrom = (
  items: Record<string, unknown>[],
  current: (contactId: string) => SummarySource | undefined,
): ContactMatches => {
  // Checked as the match it is (shared/contacts/stored-match.ts), then shown as the earlier contact is now.
  const withCurrent =
    <T extends EarlierContact | HouseholdContact>(parse: (item: Record<string, unknown>) => T) =>
    ({ pk: _pk, sk: _sk, expiresAt: _e, ...item }: Record<string, unknown>): T => {
      const match = parse(item);
      return currentMatch(match, current(match.contactId));
    };
  const newest = <T extends { receivedAt: string }>(list: T[]) =>
    list.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return {
    earlier: newest(
      items.filter((item) => (item.sk as string).startsWith('MATCH#child#')).map(withCurrent(earlierContactFrom)),
    ),
    household: newest(
      items.filter((item) => (item.sk as string).startsWith('MATCH#household#')).map(withCurrent(householdContactFrom)),
    ),
    more: (items.find((item) => item.sk === 'MATCH#more')?.more as ContactMatches['more'] | undefined) ?? [],
  };
};

/** How many contacts a store remembers from its last reads and writes (a step's own contact, mostly). */
const RECENT_CONTACTS = 20;
/** The refusal of a write made from a contact last seen: someone wrote since, so read it again. */
const STALE = new Error('The contact changed since it was last seen');

/** Unprocessed batch items are retried after a short, growing, jittered wait, as AWS advises. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 25 * 2 ** attempt)));

/** The index key a page of a queue ends at, as the caller's opaque cursor. */
const queueCursorKey = (cursor: string | undefined, status: ContactStatus): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  try {
    const key = decodeCursor(cursor);
    const strings =
      ['pk', 'sk', 'gsi1pk', 'gsi1sk'].every((name) => typeof key[name] === 'string') && Object.keys(key).length === 4;
    // A cursor from another queue would start this one in the wrong place.
    if (strings && key.gsi1pk === `STATUS#${status}`) return key;
  } catch {
    // falls through to the refusal
  }
  throw new InvalidCursor();
};

export class DynamoContactStore implements ContactStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
    /** Years every item is kept; without it items never expire (tests, tools). */
    private readonly retentionYears?: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** One conditional write: the status token names the contact, so its link needs no item of its own. */
  async create(contact: Contact): Promise<'created' | 'exists'> {
    return putIfAbsent(this.db, this.tableName, {
      ...contactKey(contact.contactId),
      ...statusKeys(contact),
      ...reconsiderationKeys(contact),
      ...unsettledKeys(contact),
      ...contact,
      ...this.expiry(contact.receivedAt),
    });
  }

  async claimKey(record: KeyRecord): Promise<'claimed' | KeyRecord> {
    const key = { pk: `KEY#${record.keyHash}`, sk: 'KEY' };
    // Kept as long as the contact it finds, so a late retry never makes a second contact.
    const item = { ...key, ...record, ...this.expiry(record.createdAt) };
    if ((await putIfAbsent(this.db, this.tableName, item)) === 'created') return 'claimed';
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const { keyHash, fingerprint, contactId, createdAt } = Item as KeyRecord;
    return { keyHash, fingerprint, contactId, createdAt };
  }

  private expiry(from: string): { expiresAt?: number } {
    return this.retentionYears ? { expiresAt: expiryAfter(from, this.retentionYears) } : {};
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: contactKey(contactId), ConsistentRead: true }),
    );
    return this.remember(Item ? toContact(Item) : undefined);
  }

  /**
   * The contacts this store last read or wrote, a few of them. A step reads its contact and then
   * changes it: the change may start from what was read instead of reading it again, because it
   * is written only on condition that the version is still the one read (see whileIn).
   */
  private readonly recent = new Map<string, Contact>();

  private remember(contact: Contact | undefined): Contact | undefined {
    if (!contact) return contact;
    this.recent.delete(contact.contactId);
    this.recent.set(contact.contactId, contact);
    if (this.recent.size > RECENT_CONTACTS) this.recent.delete(this.recent.keys().next().value!);
    return contact;
  }

  async findByStatusToken(token: string): Promise<Contact | undefined> {
    const named = contactIdOfStatusToken(token);
    if (named) {
      const contact = await this.get(named);
      return contact?.statusToken === token ? contact : undefined;
    }
    // A link emailed before tokens named their contact: its own item says which contact it opens.
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: statusLinkKey(token), ConsistentRead: true }),
    );
    return typeof Item?.contactId === 'string' ? this.get(Item.contactId) : undefined;
  }

  async transition<F extends ContactStatus, S extends NextFromEach<F>>(
    contactId: string,
    from: readonly F[],
    to: S,
    changes: Omit<ContactChanges, 'status'>,
    now: string,
  ): Promise<ContactIn<S>> {
    // The compiler holds typed callers to the table; this holds the rest.
    const allowed = from.filter((status) => canMove(status, to));
    if (allowed.length < from.length) throw new TransitionRefused(contactId, to, await this.get(contactId));
    return expectStatus(await this.whileIn(contactId, allowed, { ...changes, status: to }, to, now), to);
  }

  async beginTriaging(contactId: string, now: string): Promise<ContactIn<'triaging'> | undefined> {
    // Only the status moves: a contact's place in a queue (its queue time) is the same received
    // as triaging, and a received contact has no index entries to refresh yet. The version goes
    // up as in every other write.
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactKey(contactId),
          UpdateExpression:
            'SET #status = :triaging, gsi1pk = :queue, updatedAt = :now, #version = if_not_exists(#version, :zero) + :one',
          ConditionExpression: '#status = :received',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':triaging': 'triaging',
            ':received': 'received',
            ':queue': statusPartition('triaging'),
            ':now': now,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return expectStatus(this.remember(toContact(Attributes!))!, 'triaging');
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async amend<S extends ContactStatus>(
    contactId: string,
    whileStatus: S,
    changes: ContactChanges,
    now: string,
  ): Promise<ContactIn<S>> {
    return expectStatus(await this.whileIn(contactId, [whileStatus], changes, whileStatus, now), whileStatus);
  }

  async update<S extends ContactStatus>(
    contactId: string,
    expectedVersion: number,
    write: ContactWrite<S>,
    now: string,
  ): Promise<ContactIn<S>> {
    // The contact last seen at that version is the contact at that version: the write checks it still is.
    const seen = this.recent.get(contactId);
    const current = (seen?.version ?? 0) === expectedVersion && seen ? seen : await this.get(contactId);
    if (!current || (current.version ?? 0) !== expectedVersion) throw new VersionConflict(contactId, current);
    const condition =
      expectedVersion === 0
        ? { expression: '(attribute_not_exists(#version) OR #version = :expected)', values: { ':expected': 0 } }
        : { expression: '#version = :expected', values: { ':expected': expectedVersion } };
    const written = await this.write(
      current,
      write.changes,
      now,
      condition,
      async () => new VersionConflict(contactId, await this.get(contactId)),
    );
    return expectStatus(written, write.status);
  }

  private async whileIn(
    contactId: string,
    from: ContactStatus[],
    changes: ContactChanges,
    to: ContactStatus,
    now: string,
  ): Promise<Contact> {
    const condition = {
      expression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      values: Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
    };
    // Written from the contact last seen, if it may move, on condition that nobody wrote since:
    // one round trip instead of two. Otherwise (or if someone did write) read it and decide afresh.
    const seen = this.recent.get(contactId);
    if (seen && from.includes(seen.status)) {
      const unchanged =
        seen.version === undefined
          ? { expression: 'attribute_not_exists(#version)', values: {} }
          : { expression: '#version = :seen', values: { ':seen': seen.version } };
      const guessed = {
        expression: `${condition.expression} AND ${unchanged.expression}`,
        values: { ...condition.values, ...unchanged.values },
      };
      const written = await this.write(seen, changes, now, guessed, async () => STALE).catch((error) => {
        if (error === STALE) return undefined;
        throw error;
      });
      if (written) return written;
    }
    const current = await this.get(contactId);
    if (!current || !from.includes(current.status)) throw new TransitionRefused(contactId, to, current);
    return this.write(
      current,
      changes,
      now,
      condition,
      async () => new TransitionRefused(contactId, to, await this.get(contactId)),
    );
  }

  /** One conditional write of `changes`, which also bumps the version every console write checks. */
  private async write(
    current: Contact,
    { version: _ignored, ...changes }: ContactChanges,
    now: string,
    condition: { expression: string; values: Record<string, unknown> },
    refused: () => Promise<Error>,
  ): Promise<Contact> {
    const next = { ...current, ...changes, updatedAt: now };
    // Refused before it is written: a change that contradicts the status it leaves is never stored.
    contactFrom(next);
    const reconsideration = reconsiderationKeys(next);
    const unsettled = unsettledKeys(next);
    const fields = { ...changes, ...statusKeys(next), ...reconsideration, ...unsettled, updatedAt: now };
    // DynamoDB refuses names an expression does not use.
    const names: Record<string, string> = {
      '#version': 'version',
      ...(condition.expression.includes('#status') ? { '#status': 'status' } : {}),
    };
    const values: Record<string, unknown> = { ...condition.values, ':zero': 0, ':one': 1 };
    const sets = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([field, value], i) => {
        names[`#f${i}`] = field;
        values[`:v${i}`] = value;
        return `#f${i} = :v${i}`;
      });
    sets.push('#version = if_not_exists(#version, :zero) + :one');
    // A field given as undefined is removed (a returned handover's decision), as it is from the object in memory.
    const removed = Object.keys(changes).filter((field) => (changes as Record<string, unknown>)[field] === undefined);
    removed.forEach((field, i) => (names[`#r${i}`] = field));
    const removes = [
      ...(reconsideration ? [] : ['gsi2pk', 'gsi2sk']),
      ...(unsettled ? [] : ['gsi3pk', 'gsi3sk']),
      ...removed.map((_, i) => `#r${i}`),
    ];
    const removals = removes.length ? ` REMOVE ${removes.join(', ')}` : '';
    let written: Contact;
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactKey(current.contactId),
          UpdateExpression: `SET ${sets.join(', ')}${removals}`,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      written = toContact(Attributes!);
      this.remember(written);
    } catch (error) {
      // Someone else changed it between our read and our write: report what is there now.
      if (error instanceof ConditionalCheckFailedException) throw await refused();
      throw error;
    }
    // A contact is first indexed once it is triaging (by matchEarlierContacts), so a move into
    // triaging has nothing to refresh but, on a replay, entries whose status the next move
    // refreshes (and matches read the status fresh): a query saved per contact.
    const summaryChanged =
      JSON.stringify([current.status, current.decision, current.recommendation]) !==
      JSON.stringify([written.status, written.decision, written.recommendation]);
    const onlyIntoTriaging =
      written.status === 'triaging' &&
      JSON.stringify([current.decision, current.recommendation]) ===
        JSON.stringify([written.decision, written.recommendation]);
    if (summaryChanged && !onlyIntoTriaging) await this.refreshIndexEntries(written, current);
    return written;
  }

  async appendEvent(event: AuditEvent): Promise<void> {
    await putIfAbsent(this.db, this.tableName, {
      pk: contactKey(event.contactId).pk,
      // An entry with an id has a key of its id alone, whenever it is appended, so a retry's write
      // finds the first one and leaves it; any other entry's key is new. The trail is put in time
      // order when read.
      sk: event.id ? `EVENT#ID#${event.id}` : `EVENT#${event.at}#${randomUUID()}`,
      ...event,
      ...this.expiry(event.at),
    });
  }

  async listEvents(contactId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': contactKey(contactId).pk, ':events': 'EVENT#' },
    };
    for await (const page of this.pages(query)) {
      for (const { contactId: id, at, actor, action, detail } of page.Items ?? [])
        events.push({ contactId: id, at, actor, action, detail });
    }
    // Stable: entries of the same time stay in the order they were keyed.
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }

  async indexChildren(entries: IndexedEntry[]): Promise<void> {
    for (const { entry } of entries) this.pointersSeen.delete(entry.contactId);
    await this.batchWriteAll(this.indexRequests(entries));
  }

  /** Each entry under its key, and a pointer to it beside the contact: unconditional puts of whole items. */
  private indexRequests(entries: IndexedEntry[]): WriteRequests {
    return entries.flatMap(({ key, entry }) => {
      const index = { pk: `MATCH#${key.key}`, sk: `${entry.receivedAt}#${entry.contactId}#${entry.childIndex}` };
      const expiry = this.expiry(entry.receivedAt);
      return [
        { PutRequest: { Item: { ...index, ...entry, ...expiry } } },
        // Beside the contact, where each entry is, so a change of status can reach every entry.
        {
          PutRequest: {
            Item: {
              pk: contactKey(entry.contactId).pk,
              sk: `INDEXED#${key.key}#${entry.childIndex}`,
              index,
              ...expiry,
            },
          },
        },
      ];
    });
  }

  async findByMatchKey(key: MatchKey): Promise<ChildIndexEntry[]> {
    const entries: ChildIndexEntry[] = [];
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `MATCH#${key.key}` },
      ScanIndexForward: false,
    };
    for await (const page of this.pages(query)) {
      for (const { contactId, reference, receivedAt, childIndex, status, level, route, decidedAt } of page.Items ??
        []) {
        entries.push({ contactId, reference, receivedAt, childIndex, status, level, route, decidedAt });
      }
    }
    return entries;
  }

  async newestByMatchKey(key: MatchKey, limit: number): Promise<ChildIndexEntry[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MATCH#${key.key}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(
      ({ contactId, reference, receivedAt, childIndex, status, level, route, decidedAt, childKeys }) =>
        ({
          contactId,
          reference,
          receivedAt,
          childIndex,
          status,
          level,
          route,
          decidedAt,
          childKeys,
        }) as ChildIndexEntry,
    );
  }

  async countOlderByMatchKey(
    key: MatchKey,
    than: ChildIndexEntry,
    except: { contactIds: string[]; childKeys: string[] },
  ): Promise<number> {
    // Filtered where they are stored and only counted: DynamoDB returns no items, so nothing here
    // grows with the history. IN takes at most 100 values, so the ids go in hundreds.
    const values: Record<string, unknown> = {
      ':pk': `MATCH#${key.key}`,
      ':than': `${than.receivedAt}#${than.contactId}#${than.childIndex}`,
    };
    const conditions: string[] = [];
    except.childKeys.forEach((childKey, i) => {
      values[`:k${i}`] = childKey;
      conditions.push(`NOT contains(childKeys, :k${i})`);
    });
    for (let from = 0; from < except.contactIds.length; from += 100) {
      const ids = except.contactIds.slice(from, from + 100).map((id, i) => {
        values[`:c${from + i}`] = id;
        return `:c${from + i}`;
      });
      conditions.push(`NOT (contactId IN (${ids.join(', ')}))`);
    }
    let count = 0;
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk < :than',
      ExpressionAttributeValues: values,
      ...(conditions.length && { FilterExpression: conditions.join(' AND ') }),
      Select: 'COUNT' as const,
    };
    for await (const page of this.pages(query)) count += page.Count ?? 0;
    return count;
  }

  /**
   * Where each contact's index entries are, as the last read of the contact with its matches
   * found them: the step that read them moves the contact next, and its refresh of the entries
   * needs no query of its own. Only for a change made from the version read with them, and only
   * once: any other change asks afresh, and writing entries forgets them.
   */
  private readonly pointersSeen = new Map<string, { version?: number; items: Record<string, unknown>[] }>();

  /** Writes the summary a contact shows in later contacts' matches to every index entry of it. */
  private async refreshIndexEntries(contact: Contact, changedFrom: Contact): Promise<void> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :indexed)',
      ExpressionAttributeValues: { ':pk': contactKey(contact.contactId).pk, ':indexed': 'INDEXED#' },
    };
    const pointers = this.pointersSeen.get(contact.contactId);
    this.pointersSeen.delete(contact.contactId);
    const seen = pointers && pointers.version === changedFrom.version ? pointers.items : undefined;
    // Each entry is one child of the contact: it carries what was recommended and decided for that child.
    const updateFor = (childIndex: number) => {
      const summary = matchSummary(contact, childIndex);
      const optional = ['level', 'route', 'decidedAt'] as const;
      const set = optional.filter((field) => summary[field] !== undefined);
      const unset = optional.filter((field) => summary[field] === undefined);
      return {
        UpdateExpression: `SET #status = :status, summaryVersion = :version${set.map((f) => `, #${f} = :${f}`).join('')}${unset.length ? ` REMOVE ${unset.map((f) => `#${f}`).join(', ')}` : ''}`,
        // A slower write of an older version never overwrites a newer summary.
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(summaryVersion) OR summaryVersion < :version)',
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(optional.map((f) => [`#${f}`, f])) },
        ExpressionAttributeValues: {
          ':status': summary.status,
          ':version': contact.version ?? 0,
          ...Object.fromEntries(set.map((f) => [`:${f}`, summary[f]])),
        },
      };
    };
    const pages = seen ? [{ Items: seen }] : this.pages(query);
    for await (const page of pages) {
      await Promise.all(
        (page.Items ?? []).map(({ index }) =>
          this.db
            .send(
              new UpdateCommand({
                TableName: this.tableName,
                Key: index,
                ...updateFor(Number(String(index.sk).split('#').at(-1))),
              }),
            )
            .catch((error) => {
              if (!(error instanceof ConditionalCheckFailedException)) throw error;
            }),
        ),
      );
    }
  }

  async saveMatches(
    contactId: string,
    matches: ContactMatches,
    now: string,
    entries: IndexedEntry[] = [],
  ): Promise<void> {
    const pk = contactKey(contactId).pk;
    const items = [
      ...matches.earlier.map((m) => ({ pk, sk: matchSk('child', m), ...m })),
      ...matches.household.map((m) => ({ pk, sk: matchSk('household', m), ...m })),
      { pk, sk: 'MATCH#more', more: matches.more },
    ];
    const keep = new Set(items.map((item) => item.sk));
    // A retried step may have found a different set: what it found then and not now goes. The
    // step read the contact with its matches just before, so those are what is there.
    const before = this.matchesSeen.get(contactId) ?? (await this.matchItems(contactId));
    this.matchesSeen.delete(contactId);
    for (const { entry } of entries) this.pointersSeen.delete(entry.contactId);
    const stale = before.filter((item) => !keep.has(item.sk as string));
    await this.batchWriteAll([
      ...this.indexRequests(entries),
      ...stale.map((item) => ({ DeleteRequest: { Key: { pk, sk: item.sk } } })),
      ...items.map((item) => ({ PutRequest: { Item: { ...item, ...this.expiry(now) } } })),
    ]);
  }

  async getMatches(contactId: string): Promise<ContactMatches> {
    const items = await this.matchItems(contactId);
    const current = await this.summaries([
      ...new Set(items.filter((item) => item.contactId).map((item) => item.contactId as string)),
    ]);
    return matchesFrom(items, (id) => current.get(id));
  }

  async getWithMatches(contactId: string): Promise<{ contact: Contact; matches: ContactMatches } | undefined> {
    // The contact, where its index entries are and its matches share a partition and sort
    // together (CONTACT < INDEXED# < MATCH#): one consistent query instead of three reads. The
    // audit trail and handovers sort among them (a key cannot be filtered on) and are passed over:
    // at triage a contact has few, if any.
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :contact AND :matchEnd',
      ExpressionAttributeValues: {
        ':pk': contactKey(contactId).pk,
        ':contact': 'CONTACT',
        ':matchEnd': 'MATCH#\uffff',
      },
      ConsistentRead: true,
    };
    const items: Record<string, unknown>[] = [];
    for await (const page of this.pages(query)) items.push(...(page.Items ?? []));
    const item = items.find((i) => i.sk === 'CONTACT');
    if (!item) return undefined;
    const contact = this.remember(toContact(item))!;
    const matchItems = items.filter((i) => (i.sk as string).startsWith('MATCH#'));
    this.pointersSeen.set(contactId, {
      version: contact.version,
      items: items.filter((i) => (i.sk as string).startsWith('INDEXED#')),
    });
    this.matchesSeen.set(contactId, matchItems);
    // Bounded as the recent contacts are: a step that reads and then stops leaves nothing to grow.
    for (const seen of [this.pointersSeen, this.matchesSeen])
      if (seen.size > RECENT_CONTACTS) seen.delete(seen.keys().next().value!);
    return { contact, matches: matchesFrom(matchItems, () => undefined) };
  }

  /** The match items the last read of a contact with its matches found, for the save that follows it (once). */
  private readonly matchesSeen = new Map<string, Record<string, unknown>[]>();

  private async matchItems(contactId: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :match)',
      ExpressionAttributeValues: { ':pk': contactKey(contactId).pk, ':match': 'MATCH#' },
    };
    for await (const page of this.pages(query)) items.push(...(page.Items ?? []));
    return items;
  }

  /**
   * What the summaries of many contacts are made from, a hundred to a read, reading only those
   * fields (each child's decision and recommendation, so a match can show the child it matched).
   */
  private async summaries(contactIds: string[]): Promise<Map<string, SummarySource>> {
    const found = new Map<string, SummarySource>();
    for (let i = 0; i < contactIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = contactIds.slice(i, i + 100).map(contactKey);
      for (let attempt = 0; keys?.length; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                // The old whole-notification shape's fields too, read as the same for every child.
                ProjectionExpression:
                  'contactId, #status, decision.decidedAt, decision.children, decision.#level, decision.#route, recommendation.children, recommendation.#level, recommendation.#route, recommendation.#priority',
                ExpressionAttributeNames: {
                  '#status': 'status',
                  '#level': 'level',
                  '#route': 'route',
                  '#priority': 'priority',
                },
              },
            },
          }),
        );
        for (const { contactId, status, decision, recommendation } of Responses?.[this.tableName] ?? [])
          found.set(contactId, upgradeContact({ status, decision, recommendation }, MAX_CHILDREN));
        keys = UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /**
   * Unconditional puts and deletes of whole items, each item once, so a batch (25 to a request) is
   * as safe as one write each, and far fewer requests.
   */
  private async batchWriteAll(requests: WriteRequests): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) await this.batchWrite(requests.slice(i, i + 25));
  }

  private async batchWrite(requests: WriteRequests): Promise<void> {
    let pending: typeof requests | undefined = requests;
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await backOff(attempt);
      const { UnprocessedItems }: BatchWriteCommandOutput = await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = UnprocessedItems?.[this.tableName];
    }
  }

  async countDueBefore(status: ContactStatus, dueBefore: string): Promise<number> {
    let count = 0;
    for await (const page of this.queuePages(status, { before: dueBefore }, { Select: 'COUNT' }))
      count += page.Count ?? 0;
    return count;
  }

  async listByStatus<S extends ContactStatus>(status: S, range: StatusRange = {}): Promise<ContactIn<S>[]> {
    const contacts: ContactIn<S>[] = [];
    for await (const page of this.queuePages(status, range))
      contacts.push(...(page.Items ?? []).map(toContact).filter(inStatus(status)));
    return contacts;
  }

  async pageByStatus<S extends ContactStatus>(
    status: S,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<ContactPage<ContactIn<S>>> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        ...this.queueQuery(status, {}),
        Limit: limit,
        ExclusiveStartKey: queueCursorKey(cursor, status),
      }),
    );
    return { contacts: Items.map(toContact).filter(inStatus(status)), cursor: encodeCursor(LastEvaluatedKey) };
  }

  async listReconsiderationRequests(): Promise<DecidedContact[]> {
    const contacts: DecidedContact[] = [];
    const query = {
      TableName: this.tableName,
      IndexName: RECONSIDERATION_INDEX,
      KeyConditionExpression: 'gsi2pk = :requested',
      ExpressionAttributeValues: { ':requested': 'RECONSIDERATION#requested' },
    };
    for await (const page of this.pages(query)) contacts.push(...(page.Items ?? []).map(toContact).filter(isDecided));
    return contacts;
  }

  async listUnsettled({ before }: { before: string }): Promise<Contact[]> {
    const contacts: Contact[] = [];
    const query = {
      TableName: this.tableName,
      IndexName: UNSETTLED_INDEX,
      KeyConditionExpression: 'gsi3pk = :unsettled AND gsi3sk < :before',
      ExpressionAttributeValues: { ':unsettled': UNSETTLED, ':before': before },
    };
    // Each item's own fields decide, not its key: a write made from a contact read just before
    // an acknowledgement was recorded (a write conditioned on the status alone) can set the key
    // again on a settled contact, which then waits in the index, harmlessly, for its next write.
    for await (const page of this.pages(query)) contacts.push(...(page.Items ?? []).map(toContact).filter(isUnsettled));
    return contacts;
  }

  /**
   * Puts a contact stored before the unsettled index existed into it, if it is unsettled and not
   * there yet (`front-door ops index-unsettled`). One conditional write with no read: the
   * condition is the contact as stored, so a contact settled meanwhile is left out, and one
   * a write has indexed since is left as that write left it.
   */
  async indexUnsettled(contactId: string): Promise<'indexed' | 'not-needed'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactKey(contactId),
          UpdateExpression: 'SET gsi3pk = :unsettled, gsi3sk = receivedAt',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(gsi3pk) AND (#status IN (:received, :triaging) OR acknowledgement.#status = :pending)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':unsettled': UNSETTLED,
            ':received': 'received',
            ':triaging': 'triaging',
            ':pending': 'pending',
          },
        }),
      );
      return 'indexed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'not-needed';
      throw error;
    }
  }

  private queueQuery(status: ContactStatus, range: StatusRange) {
    const [bound, condition] =
      'since' in range
        ? [range.since, ' AND gsi1sk >= :bound']
        : 'before' in range
          ? [range.before, ' AND gsi1sk < :bound']
          : [];
    return {
      TableName: this.tableName,
      IndexName: STATUS_INDEX,
      KeyConditionExpression: `gsi1pk = :status${condition ?? ''}`,
      ExpressionAttributeValues: { ':status': `STATUS#${status}`, ...(bound !== undefined && { ':bound': bound }) },
    };
  }

  private queuePages(status: ContactStatus, range: StatusRange, extra: { Select?: 'COUNT' } = {}) {
    return this.pages({ ...this.queueQuery(status, range), ...extra });
  }

  /** Every page of a query, to the end: DynamoDB returns at most 1 MB a page. */
  private async *pages(query: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...query, ExclusiveStartKey }));
      yield page;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
}
