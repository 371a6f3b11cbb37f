import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAllegationStore } from '../../shared/aws/dynamo-allegation-store';
import { summaryOf, type Allegation } from '../../shared/lado/allegation';
import { AllegationChanged, type AllegationEvent, type AllegationStore } from '../../shared/lado/ports';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';
import { memoryAllegations } from './memory';

/**
 * The same promises asked of the in-memory allegation store the LADO's use-case tests use and of
 * the DynamoDB adapter on dynalite, in the allegations table as the stack defines it: created
 * once, changed only at the version read, lists newest first and whole past one DynamoDB page (a
 * limit keeps the newest, a count counts them all), and a removal taking the allegation out of
 * the person index at once and bringing its deletion forward.
 */
const dynalite = useDynalite();

const EXPIRES = Date.parse('2036-11-23T00:00:00Z') / 1000;
const allegation = (n: number, receivedAt: string, overrides: Partial<Allegation> = {}): Allegation => ({
  allegationId: `a${n}`,
  reference: `LADO-AAAA-000${n}`,
  status: 'awaiting-consideration',
  receivedAt,
  notificationContactId: `c${n}`,
  notificationReference: `CFC-C${n}`,
  source: '2A',
  person: {
    name: 'Alex Testperson',
    dateOfBirth: '1985-09-21',
    role: 'Class teacher',
    employer: 'Example Primary School',
    sector: 'education',
    stillWorkingWithChildren: 'yes',
    childNeedsContact: false,
  },
  personKey: 'person-key-1',
  referrer: {
    name: 'Priya Testwood',
    role: 'DSL',
    organisation: 'Example Primary School',
    agencyType: 'school',
    email: 'dsl@example-primary.sch.example',
    phone: '01632 960 101',
  },
  children: [{ name: 'Noah Placeholder', dateOfBirth: '2017-06-02' }],
  description: 'Synthetic description of what happened.',
  immediateRisk: false,
  considerationDueAt: '2026-11-24T10:00:00.000Z',
  meetingDueAt: '2026-11-30T10:00:00.000Z',
  meetings: [],
  partnerActions: [],
  earlier: [],
  updatedAt: receivedAt,
  version: 1,
  expiresAt: EXPIRES,
  ...overrides,
});
const event = (allegationId: string, at: string, action: string): AllegationEvent =>
  ({ allegationId, at, actor: 'casey.morgan', action, detail: {} }) as unknown as AllegationEvent;

describe.each([
  ['in memory', async (): Promise<AllegationStore> => memoryAllegations().store],
  [
    'on DynamoDB',
    async (): Promise<AllegationStore> =>
      new DynamoAllegationStore(await dynalite.table('allegations'), dynalite.client()),
  ],
])('the allegation store %s', (_name, makeStore) => {
  it('creates an allegation once, and changes it only at the version read', async () => {
    // Prepare
    const store = await makeStore();
    const first = allegation(1, '2026-11-23T10:00:00.000Z');

    // Act
    const created = [await store.create(first), await store.create({ ...first, description: 'Again.' })];
    const updated = await store.update(
      'a1',
      1,
      { status: 'awaiting-meeting', meetingDueAt: undefined, version: 7 },
      '2026-11-23T11:00:00.000Z',
    );
    const stale = store.update('a1', 1, { status: 'concluded' }, '2026-11-23T12:00:00.000Z');
    const missing = store.update('a9', 1, { status: 'concluded' }, '2026-11-23T12:00:00.000Z');

    // Assess
    expect(created).toEqual(['created', 'exists']);
    const { meetingDueAt: _removed, ...rest } = first;
    expect(updated).toEqual({ ...rest, status: 'awaiting-meeting', version: 2, updatedAt: '2026-11-23T11:00:00.000Z' });
    await expect(stale).rejects.toBeInstanceOf(AllegationChanged);
    await expect(missing).rejects.toBeInstanceOf(AllegationChanged);
    expect(await store.get('a1')).toEqual(updated);
    expect(await store.get('a9')).toBeUndefined();
  });

  it('lists allegations in a status newest first, a limit keeping the newest, and follows each change of status', async () => {
    // Prepare
    const store = await makeStore();
    for (const [n, day] of [
      [1, 20],
      [2, 23],
      [3, 21],
      [4, 22],
    ] as const)
      await store.create(allegation(n, `2026-11-${day}T10:00:00.000Z`));

    // Act
    await store.update('a4', 1, { status: 'concluded' }, '2026-11-24T10:00:00.000Z');
    const waiting = await store.listByStatus('awaiting-consideration', 10);
    const newestTwo = await store.listByStatus('awaiting-consideration', 2);

    // Assess
    expect(waiting.map((a) => a.allegationId)).toEqual(['a2', 'a3', 'a1']);
    expect(newestTwo.map((a) => a.allegationId)).toEqual(['a2', 'a3']);
    expect((await store.listByStatus('concluded', 10)).map((a) => a.allegationId)).toEqual(['a4']);
    expect(await store.listByStatus('in-progress', 10)).toEqual([]);
  });

  it('lists and counts every allegation in a status past what one DynamoDB page returns, a limit keeping the newest', async () => {
    // Prepare: ~1.2 MB of allegations (each with a long description), more than DynamoDB's 1 MB page.
    const store = await makeStore();
    const description = 'A synthetic account of what happened, long enough to make the allegation large. '.repeat(1250);
    for (let n = 1; n <= 12; n++)
      await store.create(allegation(n, `2026-11-${String(n).padStart(2, '0')}T10:00:00.000Z`, { description }));
    await store.create(allegation(13, '2026-11-13T10:00:00.000Z', { status: 'concluded' }));

    // Act
    const all = await store.listByStatus('awaiting-consideration');
    const newest = await store.listByStatus('awaiting-consideration', 11);
    const counted = await store.countByStatus('awaiting-consideration');

    // Assess
    expect(all.map((a) => a.allegationId)).toEqual(Array.from({ length: 12 }, (_, i) => `a${12 - i}`));
    expect(newest.map((a) => a.allegationId)).toEqual(all.slice(0, 11).map((a) => a.allegationId));
    expect(counted).toBe(12);
    expect(await store.countByStatus('concluded')).toBe(1);
    expect(await store.countByStatus('in-progress')).toBe(0);
  });

  it("finds a person's earlier allegations newest first, an entry written twice listed once", async () => {
    // Prepare
    const store = await makeStore();
    const older = allegation(1, '2026-01-05T10:00:00.000Z');
    const newer = allegation(2, '2026-06-05T10:00:00.000Z');

    // Act
    await store.indexPerson('person-key-1', summaryOf(older), EXPIRES);
    await store.indexPerson('person-key-1', summaryOf(newer), EXPIRES);
    await store.indexPerson('person-key-1', summaryOf(older), EXPIRES);
    await store.indexPerson('person-key-2', summaryOf(allegation(3, '2026-07-05T10:00:00.000Z')), EXPIRES);

    // Assess
    expect(await store.findByPerson('person-key-1')).toEqual([summaryOf(newer), summaryOf(older)]);
    expect(await store.findByPerson('person-key-9')).toEqual([]);
  });

  it("keeps each allegation's audit trail apart, in time order", async () => {
    // Prepare
    const store = await makeStore();
    await store.create(allegation(1, '2026-11-23T10:00:00.000Z'));

    // Act
    await store.appendEvent(event('a1', '2026-11-23T10:00:00.000Z', 'received'), EXPIRES);
    await store.appendEvent(event('a2', '2026-11-23T10:30:00.000Z', 'received'), EXPIRES);
    await store.appendEvent(event('a1', '2026-11-23T11:00:00.000Z', 'viewed'), EXPIRES);
    await store.appendEvent(event('a1', '2026-11-23T11:00:00.000Z', 'viewed'), EXPIRES);

    // Assess
    expect(await store.listEvents('a1')).toEqual([
      event('a1', '2026-11-23T10:00:00.000Z', 'received'),
      event('a1', '2026-11-23T11:00:00.000Z', 'viewed'),
      event('a1', '2026-11-23T11:00:00.000Z', 'viewed'),
    ]);
    expect(await store.listEvents('a9')).toEqual([]);
  });

  it('takes a removed allegation out of the person index at once and brings its deletion forward', async () => {
    // Prepare
    const store = await makeStore();
    const removed = allegation(1, '2026-01-05T10:00:00.000Z');
    const kept = allegation(2, '2026-06-05T10:00:00.000Z');
    await store.create(removed);
    await store.indexPerson('person-key-1', summaryOf(removed), EXPIRES);
    await store.indexPerson('person-key-1', summaryOf(kept), EXPIRES);
    await store.appendEvent(event('a1', '2026-01-05T10:00:00.000Z', 'received'), EXPIRES);

    // Act
    await store.removeBy(removed, 1_800_000_000);

    // Assess
    expect(await store.findByPerson('person-key-1')).toEqual([summaryOf(kept)]);
    expect(await store.get('a1')).toMatchObject({ expiresAt: 1_800_000_000 });
    expect(await store.listEvents('a1')).toHaveLength(1);
  });
});

describe('the allegation store on DynamoDB', () => {
  it('gives every item the time DynamoDB deletes it at, and names no one in a key', async () => {
    // Prepare
    const table = await dynalite.table('allegations');
    const store = new DynamoAllegationStore(table, dynalite.client());
    const a = allegation(1, '2026-11-23T10:00:00.000Z');
    await store.create(a);
    await store.indexPerson(a.personKey, summaryOf(a), EXPIRES);
    await store.appendEvent(event('a1', '2026-11-23T10:00:00.000Z', 'received'), EXPIRES);

    // Act
    const { Items } = await DynamoDBDocumentClient.from(dynalite.client()).send(new ScanCommand({ TableName: table }));

    // Assess
    expect(Items).toHaveLength(3);
    for (const item of Items!) {
      expect(item[ttlAttributeOf('allegations')!]).toBe(EXPIRES);
      expect(JSON.stringify([item.pk, item.sk, item.gsi1pk, item.gsi1sk])).not.toMatch(/Alex|Testperson|Noah|Priya/);
    }
    const indexEntry = Items!.find((i) => String(i.pk).startsWith('PERSON#'))!;
    expect(JSON.stringify(indexEntry)).not.toMatch(/Alex|Testperson|Noah|1985|2017/);
  });

  it('refuses a stored item that is not a whole allegation, naming the fields and not their contents', async () => {
    // Prepare: an item changed outside the service, its status unknown and the person's employer gone.
    const table = await dynalite.table('allegations');
    const store = new DynamoAllegationStore(table, dynalite.client());
    await store.create(allegation(1, '2026-11-23T10:00:00.000Z'));
    await DynamoDBDocumentClient.from(dynalite.client()).send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'ALLEGATION#a1', sk: 'ALLEGATION' },
        UpdateExpression: 'SET #status = :status REMOVE person.employer',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': 'lost-in-the-post' },
      }),
    );

    // Act
    const read = store.get('a1');

    // Assess
    await expect(read).rejects.toThrow('Stored allegation a1 is malformed at status, person');
    await expect(read).rejects.not.toThrow(/lost-in-the-post|Alex/);
  });
});
