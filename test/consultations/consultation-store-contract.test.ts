import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConsultationStore } from '../../shared/aws/dynamo-consultation-store';
import type { Consultation, ConsultationStore } from '../../shared/consultations/consultation';
import { InMemoryConsultationStore } from '../../shared/consultations/in-memory-consultation-store';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';

/**
 * The same promises asked of the in-memory consultation store the use-case tests use and of the
 * DynamoDB adapter on dynalite, in the contacts table as the stack defines it: a retried record
 * is kept once, and a period lists every consultation in it, newest first, across months, up to
 * the time it is read at.
 */
const dynalite = useDynalite();

/** The time the lists are read at: the stores read from `since` to it, never to the machine's clock. */
const NOW = new Date('2026-04-10T12:00:00.000Z');
const consultation = (n: number, recordedAt: string, overrides: Partial<Consultation> = {}): Consultation => ({
  consultationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  recordedAt,
  recordedBy: { id: 'sam.okafor', name: 'Sam Okafor' },
  callerAgency: 'school',
  callerName: 'Jamie Caller',
  question: 'A parent asked whether to tell us about a neighbour.',
  advice: 'Explained how to make a referral.',
  ...overrides,
});

describe.each([
  ['in memory', async (): Promise<ConsultationStore> => new InMemoryConsultationStore()],
  [
    'on DynamoDB',
    async (): Promise<ConsultationStore> =>
      new DynamoConsultationStore(await dynalite.contactsTable(), dynalite.client(), 6),
  ],
])('the consultation store %s', (_name, makeStore) => {
  it('lists the consultations recorded from a time on, newest first, across months', async () => {
    // Prepare
    const store = await makeStore();
    await store.add(consultation(1, '2025-12-30T09:00:00.000Z'));
    await store.add(consultation(2, '2026-01-15T09:00:00.000Z'));
    await store.add(consultation(3, '2026-03-02T09:00:00.000Z'));
    await store.add(consultation(4, '2026-01-02T09:00:00.000Z'));

    // Act
    const sinceJanuary = await store.listSince('2026-01-02T09:00:00.000Z', NOW);
    const sinceDecember = await store.listSince('2025-12-01T00:00:00.000Z', NOW);
    const sinceApril = await store.listSince('2026-04-01T00:00:00.000Z', NOW);

    // Assess
    expect(sinceJanuary.map((c) => c.consultationId.slice(-1))).toEqual(['3', '2', '4']);
    expect(sinceDecember.map((c) => c.consultationId.slice(-1))).toEqual(['3', '2', '4', '1']);
    expect(sinceDecember[3]).toEqual(consultation(1, '2025-12-30T09:00:00.000Z'));
    expect(sinceApril).toEqual([]);
  });

  it('lists to the time it is read at and no later, in that month and after it', async () => {
    // Prepare
    const store = await makeStore();
    await store.add(consultation(1, '2026-03-20T09:00:00.000Z'));
    await store.add(consultation(2, '2026-04-10T12:00:00.000Z'));
    await store.add(consultation(3, '2026-04-10T12:00:00.001Z'));
    await store.add(consultation(4, '2026-05-02T09:00:00.000Z'));

    // Act
    const listed = await store.listSince('2026-03-01T00:00:00.000Z', NOW);

    // Assess
    expect(listed.map((c) => c.consultationId.slice(-1))).toEqual(['2', '1']);
  });

  it('keeps a retried record once', async () => {
    // Prepare
    const store = await makeStore();
    const first = consultation(1, '2026-02-10T09:00:00.000Z');

    // Act
    await store.add(first);
    await store.add({ ...first, advice: 'A retried request.' });

    // Assess
    expect(await store.listSince('2026-02-01T00:00:00.000Z', NOW)).toEqual([first]);
  });

  it("lists every one of a busy month's consultations, past what one DynamoDB page returns", async () => {
    // Prepare: ~1.2 MB of long notes in one month, more than DynamoDB's 1 MB page.
    const store = await makeStore();
    for (let i = 0; i < 12; i++)
      await store.add(
        consultation(i, `2026-02-${String(1 + i).padStart(2, '0')}T09:00:00.000Z`, {
          question: 'q'.repeat(50_000),
          advice: 'a'.repeat(50_000),
        }),
      );

    // Act
    const listed = await store.listSince('2026-02-01T00:00:00.000Z', NOW);

    // Assess
    expect(new Set(listed.map((c) => c.consultationId)).size).toBe(12);
    expect(listed.map((c) => c.recordedAt)).toEqual(
      listed
        .map((c) => c.recordedAt)
        .sort()
        .reverse(),
    );
  });
});

describe('the consultation store on DynamoDB', () => {
  it("expires a consultation with the contacts, and keeps the caller's name out of its keys", async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    await new DynamoConsultationStore(table, dynalite.client(), 6).add(consultation(1, '2026-02-10T09:00:00.000Z'));

    // Act
    const { Items } = await DynamoDBDocumentClient.from(dynalite.client()).send(new ScanCommand({ TableName: table }));

    // Assess
    expect(Items).toHaveLength(1);
    expect(Items![0]![ttlAttributeOf('contacts')!]).toBe(Date.parse('2032-02-10T09:00:00.000Z') / 1000);
    expect(Items![0]).toMatchObject({ pk: 'CONSULTATION#2026-02' });
    expect(`${Items![0]!.pk}${Items![0]!.sk}`).not.toMatch(/Jamie|Caller|Sam|neighbour/);
  });
});
