import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoHandoverStore } from '../../shared/aws/dynamo-handover-store';
import type { Handover } from '../../shared/handovers/handover';
import { InMemoryHandoverStore } from '../../shared/handovers/in-memory-handover-store';
import { HandoverMoved, type HandoverStore } from '../../shared/handovers/ports';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';

/**
 * The same promises asked of the in-memory handover store the use-case tests use and of the
 * DynamoDB adapter on dynalite, in the contacts table as the stack defines it: a retried add
 * leaves the first, a move happens only from the status it was read in, and a team's lists
 * follow every move.
 */
const dynalite = useDynalite();

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
const handover = (contactId: string, kind: string, minute: number, overrides: Partial<Handover> = {}): Handover => ({
  contactId,
  reference: 'CFC-TEST-0001',
  handoverId: `1:${kind}`,
  decisionNumber: 1,
  team: 'early-help',
  to: 'eh@exampleshire.example',
  childIndexes: [0],
  sentAt: at(minute),
  status: 'sent',
  statusAt: at(minute),
  ...overrides,
});
const [a, b, c] = ['01j00000000000000000000001', '01j00000000000000000000002', '01j00000000000000000000003'];

describe.each([
  ['in memory', async (): Promise<HandoverStore> => new InMemoryHandoverStore()],
  [
    'on DynamoDB',
    async (): Promise<HandoverStore> => new DynamoHandoverStore(await dynalite.contactsTable(), dynalite.client(), 6),
  ],
])('the handover store %s', (_name, makeStore) => {
  it('adds a handover once, reads it back by its contact, and says when there is none', async () => {
    // Prepare
    const store = await makeStore();
    const first = handover(a, 'early-help', 1);

    // Act
    await store.add([first, handover(a, 'social-care', 2, { team: 'social-care' }), handover(b, 'early-help', 3)]);
    await store.add([{ ...first, to: 'someone-else@exampleshire.example' }]);

    // Assess
    expect(await store.get(a, '1:early-help')).toEqual(first);
    expect((await store.listForContact(a)).map((h) => h.handoverId).sort()).toEqual(['1:early-help', '1:social-care']);
    expect(await store.get(a, '2:early-help')).toBeUndefined();
    expect(await store.get(c, '1:early-help')).toBeUndefined();
    expect(await store.listForContact(c)).toEqual([]);
  });

  it("lists a team's handovers in one status newest first, from a time when asked, and follows every move", async () => {
    // Prepare
    const store = await makeStore();
    await store.add([
      handover(a, 'early-help', 1),
      handover(b, 'early-help', 5),
      handover(c, 'early-help', 3),
      handover(c, 'social-care', 4, { team: 'social-care' }),
    ]);

    // Act
    const accepted = await store.move(b, '1:early-help', 'sent', {
      status: 'accepted',
      statusAt: at(10),
      acceptedBy: { id: 'alex.turner', name: 'Alex Turner' },
    });

    // Assess
    expect(accepted).toEqual({
      ...handover(b, 'early-help', 5),
      status: 'accepted',
      statusAt: at(10),
      acceptedBy: { id: 'alex.turner', name: 'Alex Turner' },
    });
    expect(await store.get(b, '1:early-help')).toEqual(accepted);
    expect((await store.listByTeam('early-help', 'sent')).map((h) => h.contactId)).toEqual([c, a]);
    expect((await store.listByTeam('early-help', 'sent', at(2))).map((h) => h.contactId)).toEqual([c]);
    expect((await store.listByTeam('early-help', 'accepted')).map((h) => h.contactId)).toEqual([b]);
    expect((await store.listByTeam('social-care', 'sent')).map((h) => h.contactId)).toEqual([c]);
    expect(await store.listByTeam('social-care', 'returned')).toEqual([]);
  });

  it('moves a handover only from the status it was read in, saying what it is now, and never one that is not there', async () => {
    // Prepare
    const store = await makeStore();
    await store.add([handover(a, 'early-help', 1)]);
    await store.move(a, '1:early-help', 'sent', { status: 'accepted', statusAt: at(2) });

    // Act
    const stale = store.move(a, '1:early-help', 'sent', { status: 'returned', statusAt: at(3), returnReason: 'x' });
    const missing = store.move(b, '1:early-help', 'sent', { status: 'accepted', statusAt: at(3) });

    // Assess
    await expect(stale).rejects.toBeInstanceOf(HandoverMoved);
    await expect(stale).rejects.toMatchObject({ current: { status: 'accepted', statusAt: at(2) } });
    await expect(missing).rejects.toMatchObject({ name: 'HandoverMoved', current: undefined });
    expect(await store.get(a, '1:early-help')).toMatchObject({ status: 'accepted' });
    expect(await store.get(a, '1:early-help')).not.toHaveProperty('returnReason');
  });

  it('lists every one of a long list, past what one DynamoDB page returns', async () => {
    // Prepare: ~1.2 MB of handovers (each addressed to a long list), more than DynamoDB's 1 MB page.
    const store = await makeStore();
    const to = `${'x'.repeat(100_000)}@exampleshire.example`;
    const many = Array.from({ length: 12 }, (_, i) =>
      handover(`01j${String(i).padStart(23, '0')}`, 'early-help', i, { to }),
    );
    await store.add(many);

    // Act
    const listed = await store.listByTeam('early-help', 'sent');

    // Assess
    expect(listed).toHaveLength(12);
    expect(new Set(listed.map((h) => h.contactId)).size).toBe(12);
  });
});

describe('the handover store on DynamoDB', () => {
  it('keeps a handover as long as its contact, beside it, with no name or address in its keys', async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    const store = new DynamoHandoverStore(table, dynalite.client(), 6);
    await store.add([handover(a, 'early-help', 1, { to: 'named.worker@exampleshire.example' })]);

    // Act
    const { Item } = await DynamoDBDocumentClient.from(dynalite.client()).send(
      new GetCommand({ TableName: table, Key: { pk: `CONTACT#${a}`, sk: 'HANDOVER#1:early-help' } }),
    );

    // Assess
    expect(Item![ttlAttributeOf('contacts')!]).toBe(Math.floor(Date.parse('2032-03-02T09:01:00Z') / 1000));
    expect(Item).toMatchObject({ gsi1pk: 'HANDOVER#early-help#sent', gsi1sk: at(1) });
    expect(JSON.stringify([Item!.pk, Item!.sk, Item!.gsi1pk, Item!.gsi1sk])).not.toMatch(/named|@/);
  });

  it('refuses a stored item that is not a whole handover, naming the fields and not their contents', async () => {
    // Prepare: an item changed outside the service, its team misspelt and its children gone.
    const table = await dynalite.contactsTable();
    const store = new DynamoHandoverStore(table, dynalite.client(), 6);
    await store.add([handover(a, 'early-help', 1)]);
    await DynamoDBDocumentClient.from(dynalite.client()).send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `CONTACT#${a}`, sk: 'HANDOVER#1:early-help' },
        UpdateExpression: 'SET team = :team REMOVE childIndexes',
        ExpressionAttributeValues: { ':team': 'early-hepl' },
      }),
    );

    // Act
    const read = store.get(a, '1:early-help');

    // Assess
    await expect(read).rejects.toThrow('Stored handover 1:early-help is malformed at team, childIndexes');
    await expect(store.listForContact(a)).rejects.toThrow(/malformed/);
    await expect(read).rejects.not.toThrow(/hepl/);
  });
});
