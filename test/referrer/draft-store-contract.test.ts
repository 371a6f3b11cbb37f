import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDraftStore } from '../../shared/aws/dynamo-draft-store';
import type { Draft, DraftStore } from '../../shared/referrer/draft';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';
import { memoryDraftStore } from '../support/memory-draft-store';

/**
 * The same promises asked of the in-memory draft store and of the DynamoDB adapter on dynalite,
 * in the contacts table as the stack defines it: a put replaces the draft, and a draft last
 * changed more than a week ago reads as gone even before DynamoDB's time to live removes it.
 */
const dynalite = useDynalite();

/** The time drafts are read at: the stores compare with it, never with the machine's clock. */
const NOW = new Date('2026-11-20T09:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000).toISOString();
const draft = (draftId: string, updatedAt: string, overrides: Partial<Draft> = {}): Draft => ({
  draftId,
  answers: { child: { firstName: 'Noah', lastName: 'Placeholder' } } as unknown as Draft['answers'],
  createdAt: updatedAt,
  updatedAt,
  ...overrides,
});

describe.each([
  ['in memory', async (): Promise<DraftStore> => memoryDraftStore()],
  [
    'on DynamoDB',
    async (): Promise<DraftStore> => new DynamoDraftStore(await dynalite.contactsTable(), dynalite.client()),
  ],
])('the draft store %s', (_name, make) => {
  it('keeps the latest answers of a draft, and has none it was not given', async () => {
    // Prepare
    const store = await make();
    const first = draft('draft-1', hoursAgo(2));
    const later = draft('draft-1', hoursAgo(1), {
      submitted: { contactId: 'c1', reference: 'CFC-TEST-0001', at: hoursAgo(1) },
    });

    // Act
    await store.put(first);
    await store.put(later);

    // Assess
    expect(await store.get('draft-1', NOW)).toEqual(later);
    expect(await store.get('draft-2', NOW)).toBeUndefined();
  });

  it('forgets a draft a week after it last changed', async () => {
    // Prepare
    const store = await make();

    // Act
    await store.put(draft('fresh', hoursAgo(7 * 24 - 1)));
    await store.put(draft('stale', hoursAgo(7 * 24 + 1)));

    // Assess
    expect(await store.get('fresh', NOW)).toBeDefined();
    expect(await store.get('stale', NOW)).toBeUndefined();
    // Read a week earlier, the same draft is still there: the time is the caller's, not the clock's.
    expect(await store.get('stale', new Date(NOW.getTime() - 7 * 24 * 3600_000))).toBeDefined();
  });
});

describe('the draft store on DynamoDB', () => {
  it("has DynamoDB delete a draft a week after it last changed, and keeps the child's details out of its key", async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    await new DynamoDraftStore(table, dynalite.client()).put(draft('draft-1', '2026-11-20T09:00:00.000Z'));

    // Act
    const { Items } = await DynamoDBDocumentClient.from(dynalite.client()).send(new ScanCommand({ TableName: table }));

    // Assess
    expect(Items).toHaveLength(1);
    expect(Items![0]).toMatchObject({ pk: 'DRAFT#draft-1', sk: 'DRAFT' });
    expect(Items![0]![ttlAttributeOf('contacts')!]).toBe(Date.parse('2026-11-27T09:00:00.000Z') / 1000);
  });
});
