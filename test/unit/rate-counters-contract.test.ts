import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoRateCounters } from '../../shared/aws/dynamo-rate-counters';
import { leasedRateLimiter } from '../../shared/web/leased-rate-limiter';
import type { RateCounters, RateLimit, RateLimiter } from '../../shared/web/rate-limit';
import { useDynalite } from '../support/dynalite';
import { memoryRateCounters } from '../support/memory-rate-limiter';

/**
 * One contract for both kinds of rate counters: the in-memory ones the unit tests use and the
 * DynamoDB ones every function uses (against dynalite), and the limiter the functions build on
 * them. Counters are plain pk/sk items, so a table with the contacts table's keys is all the
 * DynamoDB ones need.
 */
const dynamo = useDynalite();
/** The table the last DynamoDB counters were made on, for a test that reads what they stored. */
let table = '';
const dynamoCounters = async (): Promise<RateCounters> => {
  // The contacts table as the stack defines it (the counters live there in AWS too).
  table = await dynamo.contactsTable();
  return new DynamoRateCounters(table, dynamo.client());
};
const limiterOn = (counters: RateCounters): RateLimiter =>
  leasedRateLimiter(counters, async () => 'test-only-rate-limit-key-0123456789abcdef');

const limit: RateLimit = { name: 'test', requests: 3, windowSeconds: 60 };
const minute = 60_000;
const start = 1_800_000_000_000 - (1_800_000_000_000 % minute);

describe.each([
  ['in memory', async () => memoryRateCounters()],
  ['in DynamoDB', dynamoCounters],
])('rate counters %s', (_name, make) => {
  it("answer each counter's total after each addition, counters apart", async () => {
    // Prepare
    const counters = await make();
    // Act
    const totals = [
      await counters.add('test#a#1', 1, start + minute),
      await counters.add('test#a#1', 4, start + minute),
      await counters.add('test#b#1', 2, start + minute),
    ];
    // Assess
    expect(totals).toEqual([1, 5, 2]);
  });

  it('give callers adding at once each a different total, adding up exactly', async () => {
    // Prepare
    const counters = await make();
    const sizes = [1, 2, 3, 4, 5, 6, 7, 8];
    // Act
    const totals = await Promise.all(sizes.map((n) => counters.add('test#c#1', n, start + minute)));
    // Assess
    expect(new Set(totals).size).toBe(sizes.length);
    expect(Math.max(...totals)).toBe(36);
    // Each caller's total is what was there before it plus its own addition.
    const before = totals.map((total, i) => total - sizes[i]);
    expect([...before].sort((a, b) => a - b)[0]).toBe(0);
  });

  it('as a per-source limiter: allow a source its requests in a window, refuse the next saying when to try again, and allow it again in the next window', async () => {
    // Prepare
    const limiter = limiterOn(await make());
    // Act
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await limiter.take(limit, '192.0.2.1', start + 1_000 + i));
    const other = await limiter.take(limit, '192.0.2.2', start + 1_010);
    const nearTheEnd = await limiter.take(limit, '192.0.2.1', start + minute - 1);
    const nextWindow = await limiter.take(limit, '192.0.2.1', start + minute);
    // Assess
    expect(first).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 59 },
    ]);
    expect(other).toEqual({ allowed: true });
    expect(nearTheEnd).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(nextWindow).toEqual({ allowed: true });
  });

  it('as a per-source limiter: count requests arriving at once at several instances exactly', async () => {
    // Prepare
    const counters = await make();
    const instances = [limiterOn(counters), limiterOn(counters), limiterOn(counters)];
    // Act
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 3].take(limit, '192.0.2.3', start + i)),
    );
    // Assess
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });

  it('as a per-source limiter: keep each limit apart, so one source may use each', async () => {
    // Prepare
    const limiter = limiterOn(await make());
    const codes: RateLimit = { name: 'codes', requests: 1, windowSeconds: 3600 };
    // Act
    const code = await limiter.take(codes, '192.0.2.4', start);
    const page = await limiter.take(limit, '192.0.2.4', start);
    const secondCode = await limiter.take(codes, '192.0.2.4', start + 1);
    // Assess
    expect(code).toEqual({ allowed: true });
    expect(page).toEqual({ allowed: true });
    expect(secondCode.allowed).toBe(false);
  });
});

describe('rate counters in DynamoDB', () => {
  it('store neither the source address nor a plain hash of it, which a guess at every IPv4 address would reverse', async () => {
    // Prepare
    const limiter = limiterOn(await dynamoCounters());
    const address = '192.0.2.77';
    // Act
    await limiter.take(limit, address, start);
    // Assess
    const { Items } = await dynamo.client().send(new ScanCommand({ TableName: table }));
    const stored = JSON.stringify(Items);
    expect(Items).toHaveLength(1);
    const plainHashes = [address, `front-door:rate:${address}`].map((text) =>
      createHash('sha256').update(text).digest('hex').slice(0, 32),
    );
    for (const leak of [address, ...plainHashes]) expect(stored).not.toContain(leak);
  });

  it('give each counter a time to live an hour after its window ends', async () => {
    // Prepare
    const counters = await dynamoCounters();
    // Act
    await counters.add('test#ttl#1', 1, start + minute);
    await counters.add('test#ttl#1', 1, start + 2 * minute);
    // Assess
    const { Items } = await dynamo.client().send(new ScanCommand({ TableName: table }));
    expect(Items?.map((item) => Number(item.expiresAt.N))).toEqual([(start + minute) / 1000 + 3600]);
  });
});
