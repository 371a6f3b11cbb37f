import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { contactFrom, newContactId, referenceFor, type Contact } from '../../shared/contacts';
import type { ContactStore } from '../../shared/contacts/ports';
import { indexEntriesFor } from '../../shared/front-door/match-index';
import type { MatchIndex } from '../../shared/front-door/reindex';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { useDynalite } from '../support/dynalite';
import { memoryMatchIndex } from '../support/memory-match-index';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * The same promises asked of the in-memory match index re-indexing's and the backfill's tests use
 * and of the DynamoDB adapter on dynalite: every contact read once, page by page to the end; each
 * contact's entries known by their pointers; an entry removed with its pointer, harmlessly twice.
 */
const dynalite = useDynalite();
const now = '2026-11-30T10:00:00.000Z';

const aContact = (): Contact => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  const contactId = newContactId();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status: 'awaiting-decision',
    channel: 'api',
    receivedAt: now,
    updatedAt: now,
    notification: parsed.notification,
  });
};

/** The ids of every contact the index reads, a page of `limit` items at a time, to the end. */
const everyContact = async (index: MatchIndex, limit: number): Promise<string[]> => {
  const read: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await index.pageOfContacts({ limit, cursor });
    read.push(...page.contacts.map((c) => c.contactId));
    cursor = page.cursor;
  } while (cursor);
  return read;
};

type Table = { store: Pick<ContactStore, 'create' | 'findByMatchKey'>; index: MatchIndex };

describe.each([
  [
    'in memory',
    async (): Promise<Table> => {
      const store = new MemoryContactStore();
      return { store, index: memoryMatchIndex(store) };
    },
  ],
  [
    'on DynamoDB',
    async (): Promise<Table> => {
      const table = await dynalite.contactsTable();
      return {
        store: new DynamoContactStore(table, dynalite.client()),
        index: new DynamoMatchIndex(table, dynalite.client(), 6),
      };
    },
  ],
])('the match index %s', (_name, make) => {
  it('reads every contact once, page by page to the end', async () => {
    // Prepare: index entries beside the contacts, which are not contacts.
    const { store, index } = await make();
    const contacts = Array.from({ length: 5 }, aContact);
    for (const c of contacts) await store.create(c);
    await index.indexChildren(indexEntriesFor(contacts[0]!, TEST_MATCH_KEY));

    // Act
    const read = await everyContact(index, 2);

    // Assess
    expect(read.sort()).toEqual(contacts.map((c) => c.contactId).sort());
  });

  it('knows the keys each contact is under, and removes one entry of one contact, harmlessly twice', async () => {
    // Prepare: two contacts about the same child, so under the same keys.
    const { store, index } = await make();
    const [first, second] = [aContact(), aContact()];
    for (const c of [first!, second!]) {
      await store.create(c);
      await index.indexChildren(indexEntriesFor(c, TEST_MATCH_KEY));
    }
    const entries = indexEntriesFor(first!, TEST_MATCH_KEY);
    const keysOf = (list: { key: string; childIndex: number }[]) => list.map((k) => `${k.key}#${k.childIndex}`).sort();
    const [removed, ...kept] = entries.map(({ key, entry }) => ({ key: key.key, childIndex: entry.childIndex }));

    // Act
    const before = await index.indexedKeys(first!.contactId);
    await index.unindex(first!.contactId, removed!);
    await index.unindex(first!.contactId, removed!);

    // Assess
    expect(keysOf(before)).toEqual(keysOf([removed!, ...kept]));
    expect(keysOf(await index.indexedKeys(first!.contactId))).toEqual(keysOf(kept));
    expect(keysOf(await index.indexedKeys(second!.contactId))).toEqual(keysOf([removed!, ...kept]));
    expect((await store.findByMatchKey(entries[0]!.key)).map((e) => e.contactId)).toEqual([second!.contactId]);
    expect((await store.findByMatchKey(entries[1]!.key)).map((e) => e.contactId).sort()).toEqual(
      [first!.contactId, second!.contactId].sort(),
    );
    expect(await index.indexedKeys(newContactId())).toEqual([]);
  });
});

describe('the match index on DynamoDB (dynalite)', () => {
  it('reads only contacts from the contacts table, page by page to the end', async () => {
    // Prepare: contacts beside every other kind of item the table holds.
    const table = await dynalite.contactsTable();
    const store = new DynamoContactStore(table, dynalite.client());
    const contacts = Array.from({ length: 5 }, aContact);
    for (const c of contacts) await store.create(c);
    await store.indexChildren(indexEntriesFor(contacts[0]!, TEST_MATCH_KEY));
    const db = DynamoDBDocumentClient.from(dynalite.client());
    for (const Item of [
      { pk: 'MEETINGS#2026-12-01', sk: 'MEETING#neglect' },
      { pk: `CONTACT#${contacts[0]!.contactId}`, sk: 'MEETING#m1#00' },
      { pk: `CONTACT#${contacts[0]!.contactId}`, sk: 'HANDOVER#h1' },
      { pk: 'KEY#abc', sk: 'KEY' },
      { pk: 'DRAFT#d1', sk: 'DRAFT' },
      { pk: 'REFERRER#abc', sk: 'CONFIRMED' },
      { pk: 'STATUSCODE#abc', sk: 'CODE' },
    ])
      await db.send(new PutCommand({ TableName: table, Item }));
    const index = new DynamoMatchIndex(table, dynalite.client(), 6);

    // Act
    const read = await everyContact(index, 4);

    // Assess
    expect(read.sort()).toEqual(contacts.map((c) => c.contactId).sort());
  });
});
