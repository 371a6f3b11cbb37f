import { createHash } from 'node:crypto';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMatchIndex } from '../../shared/aws/dynamo-match-index';
import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import { contactFrom, newContactId, referenceFor, type Contact } from '../../shared/contacts';
import type { MatchKey } from '../../shared/matching/keys';
import type { ChildIndexEntry } from '../../shared/contacts/ports';
import { indexEntriesFor } from '../../shared/front-door/match-index';
import {
  reindexMatchKeys,
  type AddressConfirmations,
  type IndexedKey,
  type MatchIndex,
  type ReindexProgress,
} from '../../shared/front-door/reindex';
import { parseNotification } from '../../shared/notification';
import { addressHash } from '../../shared/referrer/address-confirmation';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { useDynalite } from '../support/dynalite';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * `front-door ops reindex` against in-memory ports: a table indexed under old keys ends up
 * indexed under today's keyed ones only, whichever way the run goes (dry, twice, stopped and
 * resumed).
 */
const now = '2026-11-30T10:00:00.000Z';
const OLD_KEY = 'the-key-the-index-was-written-with';

const aContact = (email: string, status: Contact['status'] = 'awaiting-decision'): Contact => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  parsed.notification.referrer.email = email;
  const contactId = newContactId();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status,
    channel: 'api',
    receivedAt: now,
    updatedAt: now,
    notification: parsed.notification,
  });
};

/** The contacts table's match index and confirmed addresses, in memory. */
const memoryTable = (contacts: Contact[]) => {
  const entries = new Map<string, Map<string, ChildIndexEntry>>();
  const pointers = new Map<string, IndexedKey[]>();
  const confirmed = new Map<string, string>();
  let writes = 0;
  const index: MatchIndex = {
    pageOfContacts: async ({ limit, cursor }) => {
      const start = Number(cursor ?? 0);
      const next = start + limit;
      return {
        contacts: structuredClone(contacts.slice(start, next)),
        cursor: next < contacts.length ? String(next) : undefined,
      };
    },
    indexedKeys: async (contactId) => [...(pointers.get(contactId) ?? [])],
    indexChildren: async (indexed: { key: MatchKey; entry: ChildIndexEntry }[]) => {
      for (const { key, entry } of indexed) {
        writes += 1;
        const under = entries.get(key.key) ?? new Map<string, ChildIndexEntry>();
        under.set(`${entry.contactId}#${entry.childIndex}`, entry);
        entries.set(key.key, under);
        const own = (pointers.get(entry.contactId) ?? []).filter(
          (p) => !(p.key === key.key && p.childIndex === entry.childIndex),
        );
        pointers.set(entry.contactId, [...own, { key: key.key, childIndex: entry.childIndex }]);
      }
    },
    unindex: async (contactId, { key, childIndex }) => {
      writes += 1;
      entries.get(key)?.delete(`${contactId}#${childIndex}`);
      pointers.set(
        contactId,
        (pointers.get(contactId) ?? []).filter((p) => !(p.key === key && p.childIndex === childIndex)),
      );
    },
  };
  const addresses: AddressConfirmations = {
    isConfirmed: async (hash) => confirmed.has(hash),
    moveConfirmation: async (from, to) => {
      const at = confirmed.get(from);
      if (!at) return false;
      writes += 1;
      confirmed.set(to, at);
      confirmed.delete(from);
      return true;
    },
  };
  const contactsUnder = (key: string) => [...(entries.get(key)?.values() ?? [])].map((e) => e.contactId);
  const entryUnder = (key: string, contactId: string, childIndex: number) =>
    entries.get(key)?.get(`${contactId}#${childIndex}`);
  const store = { get: async (contactId: string) => structuredClone(contacts.find((c) => c.contactId === contactId)) };
  return { index, addresses, store, confirmed, contactsUnder, entryUnder, writes: () => writes };
};

/** A table as deployed before the keys were keyed: triaged contacts indexed under old keys, one address confirmed. */
const deployedTable = async () => {
  const contacts = [aContact('a@mail.example'), aContact('b@mail.example'), aContact('c@mail.example')];
  const untriaged = aContact('d@mail.example', 'received');
  const table = memoryTable([...contacts, untriaged]);
  for (const contact of contacts) await table.index.indexChildren(indexEntriesFor(contact, OLD_KEY));
  const legacy = createHash('sha256').update('front-door:referrer-address:a@mail.example').digest('hex');
  table.confirmed.set(legacy, now);
  return { contacts, untriaged, table, legacy };
};

const run = (table: ReturnType<typeof memoryTable>, request: Parameters<typeof reindexMatchKeys>[0]) => {
  const progress: ReindexProgress[] = [];
  const done = reindexMatchKeys(request, {
    index: table.index,
    store: table.store,
    addresses: table.addresses,
    matchKey: TEST_MATCH_KEY,
    progress: (p) => progress.push(p),
  });
  return { done, progress };
};

describe('re-indexing a deployed table under the keyed match keys', () => {
  it('moves every indexed contact and confirmed address to today’s keys, reading page by page to the end', async () => {
    // Prepare
    const { contacts, untriaged, table, legacy } = await deployedTable();
    const oldKeys = indexEntriesFor(contacts[0]!, OLD_KEY).map((k) => k.key.key);
    const newKeys = indexEntriesFor(contacts[0]!, TEST_MATCH_KEY).map((k) => k.key.key);
    // Act
    const { done, progress } = run(table, { dryRun: false, pageSize: 2 });
    const totals = await done;
    // Assess: every contact about the child is found under each of today's keys, none under the old.
    for (const key of newKeys) expect(table.contactsUnder(key).sort()).toEqual(contacts.map((c) => c.contactId).sort());
    for (const key of oldKeys) expect(table.contactsUnder(key)).toEqual([]);
    expect(table.contactsUnder(newKeys[0]!)).not.toContain(untriaged.contactId);
    expect(table.confirmed.has(legacy)).toBe(false);
    expect(table.confirmed.get(addressHash('a@mail.example', TEST_MATCH_KEY))).toBe(now);
    expect(totals).toMatchObject({ contacts: 4, reindexed: 3, written: 9, removed: 9, addressesMoved: 1 });
    expect(progress.map((p) => p.cursor)).toEqual(['2', undefined]);
  });

  it('writes nothing on a dry run, and nothing the second time', async () => {
    // Prepare
    const { table } = await deployedTable();
    const before = table.writes();
    // Act
    const dry = await run(table, { dryRun: true }).done;
    const afterDryRun = table.writes();
    await run(table, { dryRun: false }).done;
    const afterFirst = table.writes();
    const again = await run(table, { dryRun: false }).done;
    // Assess
    expect(afterDryRun).toBe(before);
    expect(dry).toMatchObject({ reindexed: 3, written: 9, removed: 9, addressesMoved: 1 });
    expect(again).toMatchObject({ contacts: 4, reindexed: 0, written: 0, removed: 0, addressesMoved: 0 });
    expect(table.writes()).toBe(afterFirst);
  });

  it('goes on from the cursor a stopped run reported, ending as one whole run does', async () => {
    // Prepare: a run that stops (the operator's session ends) after its first page.
    const { contacts, table } = await deployedTable();
    let stoppedAt: string | undefined;
    await expect(
      reindexMatchKeys(
        { dryRun: false, pageSize: 1 },
        {
          index: table.index,
          store: table.store,
          addresses: table.addresses,
          matchKey: TEST_MATCH_KEY,
          progress: (p) => {
            stoppedAt = p.cursor;
            throw new Error('session ended');
          },
        },
      ),
    ).rejects.toThrow('session ended');
    // Act
    const rest = await run(table, { dryRun: false, pageSize: 1, cursor: stoppedAt }).done;
    // Assess
    expect(stoppedAt).toBe('1');
    expect(rest).toMatchObject({ contacts: 3, reindexed: 2 });
    const key = indexEntriesFor(contacts[0]!, TEST_MATCH_KEY)[0]!.key.key;
    expect(table.contactsUnder(key)).toHaveLength(3);
  });

  it('writes a contact’s entries again from what it is now when it changed while they were written', async () => {
    // Prepare: a worker decides the first contact just as the run writes its entries under
    // today's keys; the decision's own refresh found none there yet, so only the run can correct them.
    const { contacts, table } = await deployedTable();
    const [first] = contacts;
    const write = table.index.indexChildren;
    let changed = false;
    table.index.indexChildren = async (entries) => {
      await write(entries);
      if (!changed && entries[0]?.entry.contactId === first!.contactId) {
        changed = true;
        Object.assign(first!, {
          status: 'decided',
          version: (first!.version ?? 0) + 1,
          decision: {
            children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action.' }],
            decidedBy: 'Sam Okafor',
            decidedAt: now,
          },
        });
      }
    };
    // Act
    await run(table, { dryRun: false }).done;
    // Assess
    for (const { key } of indexEntriesFor(first!, TEST_MATCH_KEY))
      expect(table.entryUnder(key.key, first!.contactId, 0)).toMatchObject({ status: 'decided', route: 'nfa' });
  });
});

describe('re-indexing the contacts table itself (dynalite)', () => {
  const dynamo = useDynalite();

  it('finds each contact’s entries by the pointers beside it, rewrites them under today’s keys and removes the old', async () => {
    // Prepare: a table with the contacts table's keys, one contact indexed under old keys, its
    // referrer's address confirmed under the old unkeyed hash.
    const TableName = await dynamo.contactsTable();
    const store = new DynamoContactStore(TableName, dynamo.client(), 6);
    const addresses = new DynamoReferrerAddresses(TableName, dynamo.client(), 6);
    const contact = aContact('a@mail.example');
    await store.create(contact);
    await store.indexChildren(indexEntriesFor(contact, OLD_KEY));
    await addresses.confirm(
      createHash('sha256').update('front-door:referrer-address:a@mail.example').digest('hex'),
      now,
    );
    const deps = {
      index: new DynamoMatchIndex(TableName, dynamo.client(), 6),
      store,
      addresses,
      matchKey: TEST_MATCH_KEY,
      progress: () => undefined,
    };
    // Act
    const first = await reindexMatchKeys({ dryRun: false }, deps);
    const second = await reindexMatchKeys({ dryRun: false }, deps);
    // Assess
    const [today, old] = [indexEntriesFor(contact, TEST_MATCH_KEY), indexEntriesFor(contact, OLD_KEY)];
    for (const { key } of today)
      expect((await store.findByMatchKey(key)).map((e) => e.contactId)).toEqual([contact.contactId]);
    for (const { key } of old) expect(await store.findByMatchKey(key)).toEqual([]);
    expect(await addresses.isConfirmed(addressHash('a@mail.example', TEST_MATCH_KEY))).toBe(true);
    expect(first).toMatchObject({ contacts: 1, reindexed: 1, written: 3, removed: 3, addressesMoved: 1 });
    expect(second).toMatchObject({ contacts: 1, reindexed: 0, written: 0, removed: 0, addressesMoved: 0 });
  });
});
