import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { DynamoMeetingStore } from '../../shared/aws/dynamo-meeting-store';
import type { Meeting, MeetingRecord } from '../../shared/meetings/meeting';
import { MeetingChanged, type MeetingStore } from '../../shared/meetings/ports';
import { useDynalite } from '../support/dynalite';
import { MemoryMeetingStore } from './memory';

/**
 * The same promises asked of the in-memory meeting store the use-case tests use and of the
 * DynamoDB adapter on dynalite, in the contacts table as the stack defines it.
 */
const dynalite = useDynalite();

const meeting = (theme: string, overrides: Partial<Meeting> = {}): Meeting => ({
  meetingId: `2026-03-02.${theme}`,
  date: '2026-03-02',
  theme,
  themeName: theme,
  status: 'open',
  chair: { id: 'sam.okafor', name: 'Sam Okafor' },
  invited: ['police'],
  attendees: [],
  agenda: [
    {
      contactId: '01j00000000000000000000001',
      reference: 'CFC-TEST-0001',
      children: [{ childIndex: 0, name: 'Noah Madeup' }],
    },
  ],
  openedAt: '2026-03-02T09:00:00.000Z',
  version: 0,
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});
const record = (meetingId: string, contactId: string, childIndex: number): MeetingRecord => ({
  meetingId,
  date: meetingId.slice(0, 10),
  theme: meetingId.slice(11),
  themeName: 'Domestic abuse',
  contactId,
  reference: 'CFC-TEST-0001',
  childIndex,
  childName: `Child ${childIndex + 1}`,
  contributions: [],
  actions: [],
  version: 0,
  updatedAt: '2026-03-02T09:00:00.000Z',
});

describe.each([
  ['in memory', async (): Promise<MeetingStore> => new MemoryMeetingStore()],
  [
    'on DynamoDB',
    async (): Promise<MeetingStore> => new DynamoMeetingStore(await dynalite.contactsTable(), dynalite.client()),
  ],
])('the meeting store %s', (_name, makeStore) => {
  it("creates a day's meeting for a theme once, lists the day's meetings, and writes only at the version read", async () => {
    // Prepare
    const store = await makeStore();
    const da = meeting('domestic-abuse');

    // Act
    const created = [
      await store.create(da, [record(da.meetingId, '01j00000000000000000000001', 0)]),
      await store.create({ ...da, invited: [] }, []),
    ];
    await store.create(meeting('missing'), []);
    await store.create(meeting('cse', { meetingId: '2026-03-03.cse', date: '2026-03-03' }), []);
    const updated = await store.update(
      da.meetingId,
      0,
      { attendees: [{ id: 'a1', name: 'DC Jordan Harris', agency: 'police' }], closedAt: undefined },
      '2026-03-02T09:05:00.000Z',
    );
    const stale = store.update(da.meetingId, 0, { status: 'closed' }, '2026-03-02T09:06:00.000Z');

    // Assess
    expect(created).toEqual(['created', 'exists']);
    expect((await store.listOn('2026-03-02')).map((m) => m.theme)).toEqual(['domestic-abuse', 'missing']);
    expect(updated).toMatchObject({
      version: 1,
      updatedAt: '2026-03-02T09:05:00.000Z',
      invited: ['police'],
      attendees: [{ name: 'DC Jordan Harris' }],
    });
    await expect(stale).rejects.toBeInstanceOf(MeetingChanged);
    expect(await store.get(da.meetingId)).toEqual(updated);
    expect(await store.get('2026-03-02.exploitation')).toBeUndefined();
  });

  it("keeps each child's record beside the contact: added once, read by key in the order asked, changed only at its version", async () => {
    // Prepare
    const store = await makeStore();
    const id = '2026-03-02.domestic-abuse';
    const [a, b] = ['01j00000000000000000000001', '01j00000000000000000000002'];
    await store.addRecords([
      record(id, a, 0),
      record(id, a, 1),
      record(id, b, 0),
      record('2026-03-03.domestic-abuse', a, 0),
    ]);

    // Act
    const changed = await store.updateRecord(
      { meetingId: id, contactId: a, childIndex: 1 },
      0,
      { outcome: { outcome: 'Early help', recordedBy: { id: 's', name: 'S' }, recordedAt: 'x' } },
      '2026-03-02T10:00:00.000Z',
    );
    await store.addRecords([record(id, a, 1)]);
    const stale = store.updateRecord(
      { meetingId: id, contactId: a, childIndex: 1 },
      0,
      { actions: [] },
      '2026-03-02T10:01:00.000Z',
    );
    const missing = store.updateRecord(
      { meetingId: id, contactId: b, childIndex: 5 },
      0,
      { actions: [] },
      '2026-03-02T10:01:00.000Z',
    );

    // Assess
    expect(changed).toMatchObject({ version: 1, outcome: { outcome: 'Early help' } });
    await expect(stale).rejects.toBeInstanceOf(MeetingChanged);
    await expect(missing).rejects.toBeInstanceOf(MeetingChanged);
    const read = await store.getRecords([
      { meetingId: id, contactId: b, childIndex: 0 },
      { meetingId: id, contactId: a, childIndex: 1 },
      { meetingId: id, contactId: b, childIndex: 9 },
    ]);
    expect(read.map((r) => [r.contactId, r.childIndex, r.version])).toEqual([
      [b, 0, 0],
      [a, 1, 1],
    ]);
    expect((await store.recordsFor(a)).map((r) => [r.meetingId, r.childIndex])).toEqual([
      [id, 0],
      [id, 1],
      ['2026-03-03.domestic-abuse', 0],
    ]);
  });
});

describe('the meeting store on DynamoDB', () => {
  it("keeps meetings as long as the contacts, and a contact's own items apart from its meeting records", async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    const store = new DynamoMeetingStore(table, dynalite.client(), 6);
    const contacts = new DynamoContactStore(table, dynalite.client(), 6);
    const contactId = '01j00000000000000000000001';
    await store.create(meeting('domestic-abuse'), [record('2026-03-02.domestic-abuse', contactId, 0)]);

    // Act
    const [stored] = await store.recordsFor(contactId);
    const matches = await contacts.getMatches(contactId);

    // Assess
    expect(stored!.expiresAt).toBe(Math.floor(Date.parse('2032-03-02T00:00:00Z') / 1000));
    expect((await store.get('2026-03-02.domestic-abuse'))!.expiresAt).toBe(stored!.expiresAt);
    expect(matches).toEqual({ earlier: [], household: [], more: [] });
    expect(await contacts.listEvents(contactId)).toEqual([]);
  });
});
