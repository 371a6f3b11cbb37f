import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import { indexUnsettledContacts } from '../../shared/front-door/index-unsettled';
import { InMemoryCaseRegistry } from '../../shared/cases/in-memory-case-registry';
import { acceptNotification } from '../../shared/front-door/intake';
import {
  applyLevelsOfNeed,
  beginTriage,
  matchEarlierContacts,
  sendAcknowledgement,
} from '../../shared/front-door/triage-steps';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import {
  ContactWrite,
  contactFrom,
  decide,
  expiryAfter,
  expectStatus,
  newContactId,
  newStatusToken,
  referenceFor,
  statusTokenHash,
  type Contact,
  type ContactChanges,
  type ContactStatus,
} from '../../shared/contacts';
import { householdKeyFor, matchKeysFor } from '../../shared/matching/keys';
import { InvalidCursor, type ContactStore } from '../../shared/contacts/ports';
import type { Notification } from '../../shared/notification';
import type { Recommendation } from '../../shared/triage/types';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { useDynalite } from '../support/dynalite';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * The same promises asked of the in-memory store the use-case tests use and of the DynamoDB
 * adapter on dynalite, so a unit test passing in memory means the same thing in AWS: whole lists
 * past DynamoDB's 1 MB page, cursors, key ranges, and match summaries kept current.
 */

const dynalite = useDynalite();
const dynamoStore = async (): Promise<ContactStore> =>
  new DynamoContactStore(await dynalite.contactsTable(), dynalite.client());

const notification = (description = 'Synthetic test concern.'): Notification => {
  const n = aSchoolNeglectNotification() as unknown as Notification;
  n.concerns.description = description;
  return n;
};
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
const contact = (status: ContactStatus, minute: number, overrides: ContactChanges = {}): Contact => {
  const contactId = newContactId();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status,
    channel: 'api',
    receivedAt: at(minute),
    updatedAt: at(minute),
    notification: notification(),
    ...overrides,
  });
};
const recommendation = (level: 1 | 2 | 3 | 4, dueAt: string) =>
  ({
    level,
    route: 'early-help-targeted',
    priority: 'green',
    dueAt,
    children: [{ childIndex: 0, level, route: 'early-help-targeted', priority: 'green' }],
    themes: [],
    reasons: [],
    clocks: [],
    ruleset: { id: 'default', version: '1' },
  }) as unknown as Recommendation;
const decision = (decidedAt: string) =>
  ({
    children: [{ childIndex: 0, route: 'nfa' as const, level: 1 as const, rationale: 'No further action.' }],
    decidedBy: 'Sam Okafor',
    decidedAt,
  }) as unknown as Contact['decision'] & {};

describe.each([
  ['in memory', async () => new MemoryContactStore() as ContactStore],
  ['DynamoDB on dynalite', dynamoStore],
])('the contact store (%s)', (_name, makeStore) => {
  let store: ContactStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  it('lists a whole queue past one 1 MB page, most urgent first, and counts it truly', async () => {
    // About 12 KB each: 120 contacts are well over one DynamoDB page.
    const long = 'A synthetic account of the concern, repeated to make the contact large. '.repeat(170);
    const queued = Array.from({ length: 120 }, (_, i) =>
      contact('awaiting-decision', i % 60, {
        notification: notification(long),
        recommendation: recommendation(2, at(200 - i)),
      }),
    );
    for (const c of queued) await store.create(c);
    await store.create(contact('received', 1));

    const listed = await store.listByStatus('awaiting-decision');
    expect(listed).toHaveLength(120);
    expect(listed.map((c) => c.recommendation!.dueAt)).toEqual(queued.map((c) => c.recommendation!.dueAt).sort());
    expect(await store.countDueBefore('awaiting-decision', at(200 - 19))).toBe(100);
  });

  it('begins triage of a received contact in one write, in the same place in the triaging queue, and of nothing else', async () => {
    // Prepare
    const received = contact('received', 5);
    const triaging = contact('triaging', 6);
    for (const c of [received, triaging]) await store.create(c);

    // Act
    const begun = await store.beginTriaging(received.contactId, at(10));
    const again = await store.beginTriaging(received.contactId, at(11));
    const other = await store.beginTriaging(triaging.contactId, at(11));

    // Assess
    expect(begun).toMatchObject({ contactId: received.contactId, status: 'triaging', version: 1, updatedAt: at(10) });
    expect(begun!.notification).toEqual(received.notification);
    expect([again, other]).toEqual([undefined, undefined]);
    expect(await store.beginTriaging(newContactId(), at(12))).toBeUndefined();
    expect(await store.get(received.contactId)).toEqual(begun);
    expect((await store.listByStatus('triaging')).map((c) => c.contactId)).toEqual([
      received.contactId,
      triaging.contactId,
    ]);
    expect(await store.listByStatus('received', { before: at(59) })).toEqual([]);
  });

  it('pages a queue with an opaque cursor that reaches every contact once, and refuses a cursor it did not give', async () => {
    const queued = Array.from({ length: 7 }, (_, i) =>
      contact('awaiting-decision', i, { recommendation: recommendation(2, at(100 + i)) }),
    );
    for (const c of queued) await store.create(c);
    await store.create(contact('received', 1));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.pageByStatus('awaiting-decision', { limit: 3, cursor });
      expect(page.contacts.length).toBeLessThanOrEqual(3);
      seen.push(...page.contacts.map((c) => c.contactId));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(queued.map((c) => c.contactId));

    const first = await store.pageByStatus('awaiting-decision', { limit: 3 });
    await expect(store.pageByStatus('received', { limit: 3, cursor: first.cursor })).rejects.toThrow(InvalidCursor);
    await expect(store.pageByStatus('awaiting-decision', { limit: 3, cursor: 'not-a-cursor' })).rejects.toThrow(
      InvalidCursor,
    );
  });

  it('reads a key range of a queue: received before a time, decided since a time', async () => {
    const old = contact('received', 1);
    const recent = contact('received', 50);
    const decidedYesterday = contact('decided', 2, { decision: decision('2026-11-29T16:00:00.000Z') });
    const decidedToday = contact('decided', 3, { decision: decision('2026-11-30T09:00:00.000Z') });
    for (const c of [old, recent, decidedYesterday, decidedToday]) await store.create(c);

    expect((await store.listByStatus('received', { before: at(30) })).map((c) => c.contactId)).toEqual([old.contactId]);
    expect(
      (await store.listByStatus('decided', { since: '2026-11-30T00:00:00.000Z' })).map((c) => c.contactId),
    ).toEqual([decidedToday.contactId]);
  });

  it('lists decided contacts whose reconsideration request waits, until it is answered', async () => {
    const requested = contact('decided', 1, {
      decision: decision(at(5)),
      reconsideration: { requestedAt: at(10), reason: 'Please look again.', status: 'requested' },
    });
    for (const c of [requested, contact('decided', 2, { decision: decision(at(6)) })]) await store.create(c);
    expect((await store.listReconsiderationRequests()).map((c) => c.contactId)).toEqual([requested.contactId]);

    await store.update(
      requested.contactId,
      0,
      ContactWrite.change(requested, {
        reconsideration: { ...requested.reconsideration!, status: 'upheld', answer: 'The decision stands.' },
      }),
      at(20),
    );
    expect(await store.listReconsiderationRequests()).toEqual([]);
  });

  it('lists the unsettled contacts received before a time, oldest first, as their status and acknowledgement change', async () => {
    // Prepare: every kind of contact; only triage unfinished or an acknowledgement pending is unsettled.
    const received = contact('received', 1);
    const beginning = contact('received', 2);
    const triaging = contact('triaging', 3);
    const pending = contact('awaiting-decision', 4, {
      recommendation: recommendation(2, at(90)),
      acknowledgement: { status: 'pending' },
    });
    const settled = [
      contact('awaiting-decision', 5, {
        recommendation: recommendation(2, at(91)),
        acknowledgement: { status: 'sent' },
      }),
      contact('decided', 6, { decision: decision(at(7)) }),
      contact('triage-failed', 7, { triageFailure: { error: 'Synthetic failure.', at: at(8) } }),
    ];
    const recent = contact('received', 50);
    for (const c of [recent, ...settled, pending, triaging, beginning, received]) await store.create(c);
    const unsettled = async () => (await store.listUnsettled({ before: at(30) })).map((c) => c.contactId);

    // Act and assess: as created, oldest first, none received from the time on.
    expect(await unsettled()).toEqual([received, beginning, triaging, pending].map((c) => c.contactId));

    // Act: triage begins, one finishes with its acknowledgement pending, one fails, and a pending acknowledgement is sent.
    await store.beginTriaging(beginning.contactId, at(40));
    await store.transition(
      triaging.contactId,
      ['triaging'],
      'awaiting-decision',
      { recommendation: recommendation(2, at(92)), acknowledgement: { status: 'pending' } },
      at(40),
    );
    await store.transition(
      received.contactId,
      ['received'],
      'triage-failed',
      { triageFailure: { error: 'Synthetic failure.', at: at(40) } },
      at(40),
    );
    await store.update(
      pending.contactId,
      0,
      ContactWrite.change(pending, { acknowledgement: { status: 'sent', sentAt: at(41) } }),
      at(41),
    );

    // Assess: still unfinished or pending stay; failed and acknowledged leave.
    expect(await unsettled()).toEqual([beginning, triaging].map((c) => c.contactId));

    // Act: a worker decides the last one while its acknowledgement is still pending, then it is recorded.
    const awaiting = expectStatus((await store.get(triaging.contactId))!, 'awaiting-decision');
    const decided = await store.update(
      triaging.contactId,
      awaiting.version!,
      ContactWrite.move(awaiting, decide(awaiting, decision(at(43)))),
      at(43),
    );
    const whileDecided = await unsettled();
    await store.update(
      triaging.contactId,
      decided.version!,
      ContactWrite.change(decided, { acknowledgement: { status: 'no-address' } }),
      at(44),
    );

    // Assess: unsettled while its acknowledgement is pending, whatever the status.
    expect(whileDecided).toEqual([beginning, triaging].map((c) => c.contactId));
    expect(await unsettled()).toEqual([beginning.contactId]);
  });

  it('lists the unsettled contacts to the end, past one 1 MB page', async () => {
    // About 12 KB each: 100 contacts are over one DynamoDB page.
    const long = 'A synthetic account of the concern, repeated to make the contact large. '.repeat(170);
    const stalled = Array.from({ length: 100 }, (_, i) =>
      contact('received', i % 25, { notification: notification(long) }),
    );
    for (const c of stalled) await store.create(c);

    const listed = await store.listUnsettled({ before: at(30) });

    expect(listed.map((c) => c.contactId).sort()).toEqual(stalled.map((c) => c.contactId).sort());
    expect(listed.map((c) => c.receivedAt)).toEqual(stalled.map((c) => c.receivedAt).sort());
  });

  it('keeps the summary in the match index current as the earlier contact moves on', async () => {
    const earlier = contact('triaging', 1);
    await store.create(earlier);
    const [key] = matchKeysFor(expectStatus(earlier, 'triaging').notification.children[0]!, TEST_MATCH_KEY);
    await store.indexChildren([
      {
        key: key!,
        entry: {
          contactId: earlier.contactId,
          reference: earlier.reference,
          receivedAt: earlier.receivedAt,
          childIndex: 0,
          status: 'triaging',
        },
      },
    ]);

    await store.transition(
      earlier.contactId,
      ['triaging'],
      'awaiting-decision',
      { recommendation: recommendation(3, at(90)) },
      at(2),
    );
    expect(await store.findByMatchKey(key!)).toEqual([
      {
        contactId: earlier.contactId,
        reference: earlier.reference,
        receivedAt: earlier.receivedAt,
        childIndex: 0,
        status: 'awaiting-decision',
        level: 3,
      },
    ]);
    await store.transition(earlier.contactId, ['awaiting-decision'], 'decided', { decision: decision(at(30)) }, at(30));
    expect(await store.findByMatchKey(key!)).toEqual([
      {
        contactId: earlier.contactId,
        reference: earlier.reference,
        receivedAt: earlier.receivedAt,
        childIndex: 0,
        status: 'decided',
        level: 1,
        route: 'nfa',
        decidedAt: at(30),
      },
    ]);
  });

  it('keeps each child’s own summary in the match index, and shows a match as the child it matched is now', async () => {
    // Prepare: two siblings in one contact, each indexed under its own key.
    const twoChildren = notification();
    twoChildren.children = [
      twoChildren.children[0]!,
      { ...twoChildren.children[0]!, firstName: 'Ben', nhsNumber: undefined },
    ];
    const earlier = contact('awaiting-decision', 1, {
      notification: twoChildren,
      recommendation: recommendation(2, at(90)),
    });
    const later = contact('triaging', 59);
    for (const c of [earlier, later]) await store.create(c);
    const keys = twoChildren.children.map((child) => matchKeysFor(child, TEST_MATCH_KEY)[0]!);
    for (const [childIndex, key] of keys.entries())
      await store.indexChildren([
        {
          key: key,
          entry: {
            contactId: earlier.contactId,
            reference: earlier.reference,
            receivedAt: earlier.receivedAt,
            childIndex,
            status: 'awaiting-decision',
            level: 2,
          },
        },
      ]);
    await store.saveMatches(
      later.contactId,
      {
        earlier: [
          {
            contactId: earlier.contactId,
            reference: earlier.reference,
            receivedAt: earlier.receivedAt,
            childIndex: 0,
            matchedChildIndex: 1,
            matchedOn: ['name-dob-postcode'],
            status: 'awaiting-decision',
            level: 2,
          },
        ],
        household: [],
        more: [],
      },
      at(0),
    );

    // Act: decided differently for each child.
    await store.transition(
      earlier.contactId,
      ['awaiting-decision'],
      'decided',
      {
        decision: {
          children: [
            { childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action.' },
            { childIndex: 1, route: 'csc-assessment', level: 3, rationale: 'An assessment is needed.' },
          ],
          decidedBy: 'Sam Okafor',
          decidedAt: at(30),
        } as Contact['decision'],
      },
      at(30),
    );

    // Assess
    const summaryUnder = async (key: (typeof keys)[number]) =>
      (await store.findByMatchKey(key)).find((e) => e.contactId === earlier.contactId);
    expect(await summaryUnder(keys[0]!)).toMatchObject({ childIndex: 0, level: 1, route: 'nfa', decidedAt: at(30) });
    expect(await summaryUnder(keys[1]!)).toMatchObject({ childIndex: 1, level: 3, route: 'csc-assessment' });
    expect((await store.getMatches(later.contactId)).earlier).toEqual([
      expect.objectContaining({
        matchedChildIndex: 1,
        status: 'decided',
        level: 3,
        route: 'csc-assessment',
        decidedAt: at(30),
      }),
    ]);
  });

  it('finds every entry under a match key, newest first', async () => {
    const key = householdKeyFor(
      { line1: '1 Sample Street', town: 'Exampletown', postcode: 'ZZ1 1AA' } as never,
      TEST_MATCH_KEY,
    );
    const entries = Array.from({ length: 30 }, (_, i) => ({
      contactId: newContactId(),
      reference: `CFC-${i}`,
      receivedAt: at(i),
      childIndex: 0,
      status: 'received',
    }));
    await store.indexChildren(entries.map((entry) => ({ key, entry })));
    expect((await store.findByMatchKey(key)).map((e) => e.receivedAt)).toEqual(
      entries.map((e) => e.receivedAt).reverse(),
    );
  });

  it('reads the newest page under a match key and counts the older entries about none of the given contacts and children', async () => {
    // Prepare: 30 entries; every third about a child with key A, two of the others of a contact named.
    const key = householdKeyFor(
      { line1: '2 Sample Street', town: 'Exampletown', postcode: 'ZZ1 1AA' } as never,
      TEST_MATCH_KEY,
    );
    const entries = Array.from({ length: 30 }, (_, i) => ({
      contactId: newContactId(),
      reference: `CFC-${i}`,
      receivedAt: at(i),
      childIndex: 0,
      status: 'received',
      childKeys: i % 3 === 0 ? ['key-a', 'key-b'] : ['key-c'],
    }));
    await store.indexChildren(entries.map((entry) => ({ key, entry })));

    // Act
    const newest = await store.newestByMatchKey(key, 10);
    const older = (except: { contactIds: string[]; childKeys: string[] }) =>
      store.countOlderByMatchKey(key, newest.at(-1)!, except);

    // Assess: entries 29..20 read; of 0..19, 7 carry key A, and entries 1 and 2 are named.
    expect(newest.map((e) => e.reference)).toEqual(Array.from({ length: 10 }, (_, i) => `CFC-${29 - i}`));
    expect(newest[0]!.childKeys).toEqual(entries[29]!.childKeys);
    expect(await older({ contactIds: [], childKeys: [] })).toBe(20);
    expect(await older({ contactIds: [], childKeys: ['key-a'] })).toBe(13);
    expect(await older({ contactIds: [entries[1]!.contactId, entries[2]!.contactId], childKeys: ['key-a'] })).toBe(11);
  });

  it('reads a contact with its saved matches as matching found them', async () => {
    const later = contact('triaging', 59);
    const earlier = contact('awaiting-decision', 1, { recommendation: recommendation(2, at(100)) });
    for (const c of [later, earlier]) await store.create(c);
    const match = {
      contactId: earlier.contactId,
      reference: earlier.reference,
      receivedAt: earlier.receivedAt,
      childIndex: 0,
      status: 'received',
    };
    await store.saveMatches(
      later.contactId,
      {
        earlier: [{ ...match, matchedOn: ['name-dob-postcode' as const] }],
        household: [],
        more: [{ kind: 'child', childIndex: 0, count: 3 }],
      },
      at(0),
    );
    await store.appendEvent({
      contactId: later.contactId,
      at: at(60),
      actor: { id: 'x', name: 'X', role: 'worker' },
      action: 'viewed',
    });

    const read = await store.getWithMatches(later.contactId);

    expect(read?.contact).toEqual(await store.get(later.contactId));
    expect(read?.matches).toEqual({
      earlier: [{ ...match, matchedOn: ['name-dob-postcode'] }],
      household: [],
      more: [{ kind: 'child', childIndex: 0, count: 3 }],
    });
    expect(await store.getWithMatches(newContactId())).toBeUndefined();
  });

  it('keeps matches beside the contact, replaces them whole, and shows each earlier contact as it is now', async () => {
    const later = contact('triaging', 59);
    const earlier = Array.from({ length: 40 }, (_, i) =>
      contact('awaiting-decision', i, { recommendation: recommendation(2, at(100)) }),
    );
    for (const c of [later, ...earlier]) await store.create(c);
    const match = (c: Contact) => ({
      contactId: c.contactId,
      reference: c.reference,
      receivedAt: c.receivedAt,
      childIndex: 0,
      status: 'received',
    });
    await store.saveMatches(
      later.contactId,
      {
        earlier: earlier.slice(0, 30).map((c) => ({ ...match(c), matchedOn: ['name-dob-postcode' as const] })),
        household: earlier.slice(30).map(match),
        more: [{ kind: 'child', childIndex: 0, count: 270 }],
      },
      at(0),
    );
    await store.transition(
      earlier[0]!.contactId,
      ['awaiting-decision'],
      'decided',
      { decision: decision(at(61)) },
      at(61),
    );

    const saved = await store.getMatches(later.contactId);
    expect(saved.earlier).toHaveLength(30);
    expect(saved.household).toHaveLength(10);
    expect(saved.more).toEqual([{ kind: 'child', childIndex: 0, count: 270 }]);
    // Status and decision time are current; the child's level and route are as matched.
    expect(saved.earlier.find((m) => m.contactId === earlier[0]!.contactId)).toMatchObject({
      status: 'decided',
      decidedAt: at(61),
      matchedOn: ['name-dob-postcode'],
    });
    expect(saved.earlier.find((m) => m.contactId === earlier[1]!.contactId)).toMatchObject({
      status: 'awaiting-decision',
    });
    expect(saved.earlier.map((m) => m.receivedAt)).toEqual(
      [...saved.earlier.map((m) => m.receivedAt)].sort().reverse(),
    );

    // A retried step that finds fewer: what it no longer finds goes.
    await store.saveMatches(
      later.contactId,
      {
        earlier: [{ ...match(earlier[5]!), matchedOn: ['nhs-number'] }],
        household: [],
        more: [],
      },
      at(0),
    );
    const again = await store.getMatches(later.contactId);
    expect(again.earlier.map((m) => m.contactId)).toEqual([earlier[5]!.contactId]);
    expect(again.household).toEqual([]);
    expect(again.more).toEqual([]);
    expect(await store.getMatches(earlier[0]!.contactId)).toEqual({ earlier: [], household: [], more: [] });
  });

  it('keeps one audit entry per id however often it is appended, in time order with the rest', async () => {
    const c = contact('triaging', 0);
    await store.create(c);
    const entry = (minute: number, action: string, id?: string) => ({
      contactId: c.contactId,
      at: at(minute),
      actor: { id: 'front-door', name: 'Front Door', role: 'system' },
      action,
      ...(id && { id }),
    });

    await store.appendEvent(entry(1, 'Received'));
    await store.appendEvent(entry(3, 'Triaged', 'triaged'));
    await store.appendEvent(entry(5, 'Triaged', 'triaged'));
    await store.appendEvent(entry(4, 'Viewed'));

    expect((await store.listEvents(c.contactId)).map((e) => [e.action, e.at])).toEqual([
      ['Received', at(1)],
      ['Triaged', at(3)],
      ['Viewed', at(4)],
    ]);
  });

  it('claims an idempotency key once, and answers a second claim with the first record', async () => {
    const first = {
      keyHash: 'a'.repeat(64),
      fingerprint: 'f1',
      contactId: contact('received', 0).contactId,
      createdAt: at(1),
    };

    expect(await store.claimKey(first)).toBe('claimed');
    expect(await store.claimKey({ ...first, fingerprint: 'f2', contactId: 'other', createdAt: at(2) })).toEqual(first);
  });

  it('finds a contact by its status token, and nothing by a guessed secret after its id', async () => {
    // Prepare
    const stored = contact('received', 1);
    const withLink = { ...stored, statusToken: newStatusToken(stored.contactId) };
    await store.create(withLink);
    // Act and assess
    expect((await store.findByStatusToken(withLink.statusToken))?.contactId).toBe(stored.contactId);
    expect(await store.findByStatusToken(newStatusToken(stored.contactId))).toBeUndefined();
    expect(await store.findByStatusToken(newStatusToken(newContactId()))).toBeUndefined();
  });
});

describe('status links on DynamoDB (dynalite)', () => {
  it('stores a contact in one write, and still opens a link emailed before tokens named their contact', async () => {
    // Prepare: a contact whose token is the random part alone, and the link item made for it then.
    const table = await dynalite.contactsTable();
    const client = dynalite.client();
    const calls: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const store = new DynamoContactStore(table, client);
    const legacyToken = 'L'.repeat(32);
    const earlier = { ...contact('received', 1), statusToken: legacyToken };
    await store.create(earlier);
    await DynamoDBDocumentClient.from(client).send(
      new PutCommand({
        TableName: table,
        Item: { pk: `STATUSLINK#${statusTokenHash(legacyToken)}`, sk: 'LINK', contactId: earlier.contactId },
      }),
    );
    const later = contact('received', 2);
    const token = newStatusToken(later.contactId);
    calls.length = 0;

    // Act
    await store.create({ ...later, statusToken: token });
    const writes = calls.splice(0);
    const opened = await new DynamoContactStore(table, client).findByStatusToken(token);
    const reads = calls.splice(0);
    const openedEarlier = await store.findByStatusToken(legacyToken);

    // Assess
    client.middlewareStack.remove('countRequests');
    expect(writes).toEqual(['PutItemCommand']);
    expect(opened?.contactId).toBe(later.contactId);
    expect(reads).toEqual(['GetItemCommand']);
    expect(openedEarlier?.contactId).toBe(earlier.contactId);
  });
});

describe('saved matches on DynamoDB (dynalite)', () => {
  it('keeps them for the retention period from the time triage saved them, as it gives it', async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    const store = new DynamoContactStore(table, dynalite.client(), 6);
    const saved = '2026-11-30T08:00:00.000Z';

    // Act
    await store.saveMatches(
      'c1',
      { earlier: [], household: [], more: [{ kind: 'child', childIndex: 0, count: 2 }] },
      saved,
    );

    // Assess
    const { Items = [] } = await DynamoDBDocumentClient.from(dynalite.client()).send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :match)',
        ExpressionAttributeValues: { ':pk': 'CONTACT#c1', ':match': 'MATCH#' },
      }),
    );
    expect(Items.map((item) => item.expiresAt)).toEqual([expiryAfter(saved, 6)]);
  });
});

describe('contacts stored before the unsettled index (dynalite)', () => {
  it('are put into it by ops index-unsettled, once, and only while unsettled', async () => {
    // Prepare: contacts written as an older version wrote them, without the index's keys.
    const table = await dynalite.contactsTable();
    const store = new DynamoContactStore(table, dynalite.client());
    const stalled = contact('received', 1);
    const pending = contact('awaiting-decision', 2, {
      recommendation: recommendation(2, at(90)),
      acknowledgement: { status: 'pending' },
    });
    const settled = contact('awaiting-decision', 3, {
      recommendation: recommendation(2, at(91)),
      acknowledgement: { status: 'sent' },
    });
    for (const c of [stalled, pending, settled])
      await DynamoDBDocumentClient.from(dynalite.client()).send(
        new PutCommand({
          TableName: table,
          Item: {
            pk: `CONTACT#${c.contactId}`,
            sk: 'CONTACT',
            gsi1pk: `STATUS#${c.status}`,
            gsi1sk: c.receivedAt,
            ...c,
          },
        }),
      );
    const deps = {
      contacts: new DynamoMatchIndex(table, dynalite.client(), 7),
      index: store,
      progress: () => undefined,
    };
    const unsettled = async () => (await store.listUnsettled({ before: at(30) })).map((c) => c.contactId);
    const before = await unsettled();

    // Act
    const dry = await indexUnsettledContacts({ dryRun: true, pageSize: 2 }, deps);
    const afterDry = await unsettled();
    const run = await indexUnsettledContacts({ dryRun: false, pageSize: 2 }, deps);
    const again = await indexUnsettledContacts({ dryRun: false }, deps);

    // Assess
    expect(before).toEqual([]);
    expect(dry).toMatchObject({ contacts: 3, unsettled: 2, indexed: 0 });
    expect(afterDry).toEqual([]);
    expect(run).toMatchObject({ contacts: 3, unsettled: 2, indexed: 2 });
    expect(again).toMatchObject({ contacts: 3, unsettled: 2, indexed: 0 });
    expect(await unsettled()).toEqual([stalled.contactId, pending.contactId]);
    expect(await store.get(pending.contactId)).toEqual(pending);
  });
});

/**
 * The DynamoDB requests one contact costs on its way through intake, triage and acknowledgement,
 * counted at the SDK client (every GetItem, PutItem, Query, BatchWrite…), against dynalite. The
 * figures are in the README's bursts section; a change that adds a round trip per contact shows here.
 */
describe('DynamoDB requests per contact', () => {
  it('intake, the triage steps and the acknowledgement of a notification about a child seen once before', async () => {
    // Prepare: an earlier contact about the same child, triaged, so matching finds one.
    const client = dynalite.client();
    const table = await dynalite.contactsTable();
    const calls: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const store = new DynamoContactStore(table, client, 6);
    const deps = {
      store,
      now: new Date('2026-11-30T10:00:00Z'),
      cases: new InMemoryCaseRegistry(),
      triageQueue: { send: async () => {} },
      acknowledgements: { send: async () => {} },
      mailer: { sendOnce: async () => {} },
      addresses: new DynamoReferrerAddresses(table, client),
      config: testRuntimeConfig(),
      matchKey: TEST_MATCH_KEY,
    };
    const triage = async (contactId: string) => {
      const steps: Record<string, () => Promise<unknown>> = {
        beginTriage: () => beginTriage(contactId, deps),
        matchEarlierContacts: () => matchEarlierContacts(contactId, deps),
        applyLevelsOfNeed: () => applyLevelsOfNeed(contactId, deps),
        sendAcknowledgement: () => sendAcknowledgement(contactId, deps),
      };
      const perStep: Record<string, string[]> = {};
      for (const [name, step] of Object.entries(steps)) {
        const from = calls.length;
        await step();
        perStep[name] = calls.slice(from);
      }
      return perStep;
    };
    const accept = async () => {
      const from = calls.length;
      const accepted = await acceptNotification(
        {
          body: aSchoolNeglectNotification(),
          channel: 'api',
          idempotencyKey: { scope: 'api:test', key: newContactId() },
          now: deps.now,
        },
        deps,
      );
      if (accepted.outcome !== 'accepted') throw new Error(accepted.outcome);
      return { contactId: accepted.contact.contactId, calls: calls.slice(from) };
    };
    await triage((await accept()).contactId);

    // Act
    const intake = await accept();
    const steps = await triage(intake.contactId);

    // Assess
    const perStep = { acceptNotification: intake.calls, ...steps };
    const summary = Object.fromEntries(Object.entries(perStep).map(([step, list]) => [step, tally(list)]));
    const total = Object.values(perStep).flat().length;
    process.stdout.write(`DynamoDB requests per contact: ${total} ${JSON.stringify(summary)}\n`);
    expect(summary).toEqual({
      acceptNotification: { PutItem: 2 },
      beginTriage: { UpdateItem: 1 },
      matchEarlierContacts: { BatchWriteItem: 1, Query: 4 },
      applyLevelsOfNeed: { PutItem: 1, Query: 1, UpdateItem: 4 },
      sendAcknowledgement: { GetItem: 2, PutItem: 1, UpdateItem: 1 },
    });
    expect(total).toBe(18);

    // An acknowledgement message delivered again (a batch that outran its visibility timeout)
    // reads the contact, finds it acknowledged and stops.
    const from = calls.length;
    await sendAcknowledgement(intake.contactId, deps);
    expect(calls.slice(from)).toEqual(['GetItemCommand']);
    client.middlewareStack.remove('countRequests');
  });

  it('changes a contact from the one it last read only if nobody wrote since, and otherwise reads it again', async () => {
    // Prepare: two function instances, each with its own store, and one contact.
    const table = await dynalite.contactsTable();
    const [mine, theirs] = [
      new DynamoContactStore(table, dynalite.client()),
      new DynamoContactStore(table, dynalite.client()),
    ];
    const received = contact('received', 1);
    await mine.create(received);
    await mine.get(received.contactId);
    await theirs.update(
      received.contactId,
      0,
      ContactWrite.change(received, { assignee: { id: 'worker-2', name: 'Someone Else' } }),
      at(2),
    );

    // Act
    const moved = await mine.transition(received.contactId, ['received'], 'triaging', {}, at(3));

    // Assess: their change stands, and a change from the version it last saw is refused.
    expect(moved).toMatchObject({ status: 'triaging', assignee: { id: 'worker-2', name: 'Someone Else' }, version: 2 });
    await expect(mine.update(received.contactId, 0, ContactWrite.change(received, {}), at(4))).rejects.toThrow(
      'has changed since it was read',
    );
    await theirs.get(received.contactId);
    await mine.transition(received.contactId, ['triaging'], 'awaiting-decision', {}, at(5));
    await expect(theirs.transition(received.contactId, ['received'], 'triaging', {}, at(6))).rejects.toThrow(
      'cannot move to triaging',
    );
  });
});

const tally = (commands: string[]) =>
  Object.fromEntries(
    [...new Set(commands)]
      .sort()
      .map((name) => [name.replace(/Command$/, ''), commands.filter((c) => c === name).length]),
  );
