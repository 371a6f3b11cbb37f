import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ExpirySweeper, WAITS_AT_MOST_MS, type WhenIdle } from '../../infra/local/expiry';
import { useDynalite } from '../support/dynalite';

/**
 * The local stand-in for DynamoDB's TTL (infra/local/expiry.ts) reads the table only while the
 * system is idle, a small page at a time, as AWS deletes expired items without the table's throughput.
 */
const dynamo = useDynalite();
const epoch = (secondsFromNow: number) => String(Math.floor(Date.now() / 1000) + secondsFromNow);

/** `count` items of the contacts table, every other one expired an hour ago. */
const fill = async (table: string, count: number) => {
  for (let first = 0; first < count; first += 25) {
    const items = Array.from({ length: Math.min(25, count - first) }, (_, offset) => first + offset).map((i) => ({
      PutRequest: {
        Item: { pk: { S: `CONTACT#${i}` }, sk: { S: 'CONTACT' }, expiresAt: { N: epoch(i % 2 ? -3600 : 3600) } },
      },
    }));
    await dynamo.client().send(new BatchWriteItemCommand({ RequestItems: { [table]: items } }));
  }
};

const remaining = async (table: string) =>
  (await dynamo.client().send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count;

/** A system that is busy until `settle` is called; each wait is recorded. */
const busyUntilSettled = () => {
  const waits: number[] = [];
  let settle = () => {};
  const idle = new Promise<void>((resolveIdle) => {
    settle = resolveIdle;
  });
  const whenIdle: WhenIdle = (atMostMs) => {
    waits.push(atMostMs);
    return idle;
  };
  return { whenIdle, waits, settle: () => settle() };
};

describe('the local TTL sweep', () => {
  it('reads nothing while the system is busy, then deletes every expired item, a small page at a time', async () => {
    // Prepare
    const table = await dynamo.contactsTable();
    await fill(table, 600);
    const system = busyUntilSettled();
    const sweeper = new ExpirySweeper(
      dynamo.endpoint(),
      [{ name: table, attribute: 'expiresAt', keys: ['pk', 'sk'] }],
      () => undefined,
      system.whenIdle,
    );

    // Act
    const sweeping = sweeper.sweep();
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
    const whileBusy = await remaining(table);
    system.settle();
    const deleted = await sweeping;
    await sweeper.stop();

    // Assess
    expect(whileBusy).toBe(600);
    expect(deleted).toBe(300);
    expect(await remaining(table)).toBe(300);
    // 250 items a page: 600 items are three pages, each read once the system was idle.
    expect(system.waits).toHaveLength(3);
    expect(system.waits[0]).toBeLessThanOrEqual(WAITS_AT_MOST_MS);
    expect(system.waits[0]).toBeGreaterThan(WAITS_AT_MOST_MS - 10_000);
  });

  it('reads on without waiting once a sweep has waited its longest', async () => {
    // Prepare: a system busy all along, each wait lasting as long as it may.
    const table = await dynamo.contactsTable();
    await fill(table, 40);
    const waits: number[] = [];
    const sweeper = new ExpirySweeper(
      dynamo.endpoint(),
      [{ name: table, attribute: 'expiresAt', keys: ['pk', 'sk'] }],
      () => undefined,
      async (atMostMs) => {
        waits.push(atMostMs);
        await new Promise((resolveLater) => setTimeout(resolveLater, atMostMs));
      },
      30,
    );

    // Act
    const deleted = await sweeper.sweep();
    await sweeper.stop();

    // Assess
    expect(deleted).toBe(20);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(30);
    expect(waits.slice(1)).toEqual(waits.slice(1).map(() => 0));
  });

  it('stops while it waits for the system, reading nothing more', async () => {
    // Prepare
    const table = await dynamo.contactsTable();
    await fill(table, 40);
    const sweeper = new ExpirySweeper(
      dynamo.endpoint(),
      [{ name: table, attribute: 'expiresAt', keys: ['pk', 'sk'] }],
      () => undefined,
      (_atMostMs, signal) => new Promise((settle) => signal.addEventListener('abort', () => settle(), { once: true })),
    );
    const sweeping = sweeper.sweep();

    // Act
    await sweeper.stop();

    // Assess
    expect(await sweeping).toBe(0);
    expect(await remaining(table)).toBe(40);
  });
});
