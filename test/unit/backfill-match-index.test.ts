import { ContactWrite, newContactId, referenceFor, type Contact } from '../../shared/contacts';
import { backfillMatchIndex, type BackfillProgress } from '../../shared/front-door/backfill-match-index';
import { indexEntriesFor } from '../../shared/front-door/match-index';
import type { ContactPage } from '../../shared/contacts/ports';
import { parseNotification, type Notification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * `front-door ops backfill-match-index` against in-memory ports: every contact of a table
 * triaged before the index existed, or indexed with an old summary, ends up indexed with each
 * child's summary as it is now, however the run goes (dry, twice, stopped and resumed).
 */
const now = '2026-11-30T10:00:00.000Z';

const siblings = (): Notification => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  const n = parsed.notification;
  n.children = [
    { ...n.children[0]!, firstName: 'Amira', nhsNumber: undefined },
    { ...n.children[0]!, firstName: 'Ben', nhsNumber: undefined },
  ];
  return n;
};

const decided = (): Contact => {
  const contactId = newContactId();
  return {
    contactId,
    reference: referenceFor(contactId),
    status: 'decided',
    channel: 'api',
    receivedAt: now,
    updatedAt: now,
    version: 3,
    notification: siblings(),
    decision: {
      children: [
        { childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action for Amira.' },
        { childIndex: 1, route: 'csc-assessment', level: 3, rationale: 'An assessment for Ben.' },
      ],
      decidedAt: now,
      decidedBy: 'worker-1',
    },
  };
};

/** A table as deployed before the index: decided contacts, none indexed, and an email still to complete. */
const deployedTable = () => {
  const contacts = [decided(), decided(), decided()];
  const email = { ...decided(), status: 'needs-completing', notification: undefined } as unknown as Contact;
  const store = new MemoryContactStore([...contacts, email]);
  let writes = 0;
  const index = {
    pageOfContacts: async ({ limit, cursor }: { limit: number; cursor?: string }): Promise<ContactPage> => {
      const all = [...store.contacts.values()];
      const start = Number(cursor ?? 0);
      return {
        contacts: all.slice(start, start + limit),
        cursor: start + limit < all.length ? String(start + limit) : undefined,
      };
    },
    indexChildren: async (entries: Parameters<MemoryContactStore['indexChildren']>[0]) => {
      writes += entries.length;
      await store.indexChildren(entries);
    },
  };
  return { contacts, store, index, writes: () => writes };
};

const run = (table: ReturnType<typeof deployedTable>, request: Parameters<typeof backfillMatchIndex>[0]) => {
  const progress: BackfillProgress[] = [];
  const done = backfillMatchIndex(request, {
    index: table.index,
    store: table.store,
    matchKey: TEST_MATCH_KEY,
    progress: (p) => progress.push(p),
  });
  return { done, progress };
};

const entryOf = async (store: MemoryContactStore, contact: Contact, childIndex: number) => {
  const { key } = indexEntriesFor(contact, TEST_MATCH_KEY).find((e) => e.entry.childIndex === childIndex)!;
  return (await store.findByMatchKey(key)).find((e) => e.contactId === contact.contactId);
};

describe('backfilling the match index of a deployed table', () => {
  it('indexes every contact with each child’s own summary, page by page to the end, skipping what is not yet a notification', async () => {
    // Prepare
    const table = deployedTable();
    // Act
    const { done, progress } = run(table, { dryRun: false, pageSize: 3 });
    const totals = await done;
    // Assess
    expect(totals).toEqual({ contacts: 4, indexed: 3, entries: 9, skipped: 1 });
    expect(progress.map((p) => p.cursor)).toEqual(['3', undefined]);
    for (const contact of table.contacts) {
      expect(await entryOf(table.store, contact, 0)).toMatchObject({ status: 'decided', level: 1, route: 'nfa' });
      expect(await entryOf(table.store, contact, 1)).toMatchObject({
        level: 3,
        route: 'csc-assessment',
        decidedAt: now,
      });
    }
  });

  it('writes nothing on a dry run, and the same entries however often it runs', async () => {
    // Prepare
    const table = deployedTable();
    // Act
    const dry = await run(table, { dryRun: true }).done;
    const afterDryRun = table.writes();
    await run(table, { dryRun: false }).done;
    const once = structuredClone([...table.store.index.entries()]);
    await run(table, { dryRun: false }).done;
    // Assess
    expect(dry).toEqual({ contacts: 4, indexed: 3, entries: 9, skipped: 1 });
    expect(afterDryRun).toBe(0);
    expect([...table.store.index.entries()]).toEqual(once);
  });

  it('goes on from the cursor a stopped run reported', async () => {
    // Prepare: a run that stops after its first page.
    const table = deployedTable();
    let stoppedAt: string | undefined;
    await expect(
      backfillMatchIndex(
        { dryRun: false, pageSize: 2 },
        {
          index: table.index,
          store: table.store,
          matchKey: TEST_MATCH_KEY,
          progress: (p) => {
            stoppedAt = p.cursor;
            throw new Error('session ended');
          },
        },
      ),
    ).rejects.toThrow('session ended');
    // Act
    const rest = await run(table, { dryRun: false, pageSize: 2, cursor: stoppedAt }).done;
    // Assess
    expect(stoppedAt).toBe('2');
    expect(rest).toEqual({ contacts: 2, indexed: 1, entries: 3, skipped: 1 });
    for (const contact of table.contacts) expect(await entryOf(table.store, contact, 1)).toBeDefined();
  });

  it('writes a contact’s entries again from what it is now when it changed while they were written', async () => {
    // Prepare: a manager changes Ben's decision just as the backfill writes the old one.
    const table = deployedTable();
    const [first] = table.contacts;
    const write = table.index.indexChildren;
    let changed = false;
    table.index.indexChildren = async (entries) => {
      await write(entries);
      if (!changed && entries[0]?.entry.contactId === first!.contactId) {
        changed = true;
        const current = table.store.contacts.get(first!.contactId)!;
        await table.store.update(
          first!.contactId,
          current.version ?? 0,
          ContactWrite.change(current, {
            decision: {
              ...current.decision!,
              children: [
                current.decision!.children[0]!,
                { ...current.decision!.children[1]!, route: 'early-help-targeted', level: 2 },
              ],
            },
          }),
          now,
        );
        // As if the change's own refresh ran before the backfill's write landed.
        await write(indexEntriesFor(current, TEST_MATCH_KEY));
      }
    };
    // Act
    await run(table, { dryRun: false }).done;
    // Assess
    expect(await entryOf(table.store, first!, 1)).toMatchObject({ level: 2, route: 'early-help-targeted' });
  });
});
