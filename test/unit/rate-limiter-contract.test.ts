import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoRateLimiter } from '../../shared/aws/dynamo-rate-limiter';
import type { RateLimit, RateLimiter } from '../../shared/web/rate-limit';
import { useDynalite } from '../support/dynalite';
import { memoryRateLimiter } from '../support/memory-rate-limiter';

/**
 * One contract for both rate limiters: the in-memory one the unit tests use and the DynamoDB
 * one every function uses (against dynalite). Counters are plain pk/sk items, so a table with
 * the contacts table's keys is all the DynamoDB one needs.
 */
const dynamo = useDynalite();
/** The table the last DynamoDB limiter was made on, for a test that reads what it stored. */
let table = '';
const dynamoLimiter = async (): Promise<RateLimiter> => {
  // The contacts table as the stack defines it (the limiter's counters live there in AWS too).
  table = await dynamo.contactsTable();
  return new DynamoRateLimiter(table, async () => 'test-only-rate-limit-key-0123456789abcdef', dynamo.client());
};

const limit: RateLimit = { name: 'test', requests: 3, windowSeconds: 60 };
const minute = 60_000;
const start = 1_800_000_000_000 - (1_800_000_000_000 % minute);

describe.each([
  ['in memory', async () => memoryRateLimiter()],
  ['in DynamoDB', dynamoLimiter],
])('the per-source rate limiter %s', (_name, make) => {
  it('allows a source its requests in a window, refuses the next saying when to try again, and allows it again in the next window', async () => {
    // Prepare
    const limiter = await make();
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

  it('counts requests arriving at once exactly, as instances of a function would send them', async () => {
    // Prepare
    const limiter = await make();
    // Act
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => limiter.take(limit, '192.0.2.3', start + i)),
    );
    // Assess
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });

  it('keeps each limit apart: one source may use each limit', async () => {
    // Prepare
    const limiter = await make();
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

describe('the rate limiter in DynamoDB', () => {
  it('stores neither the source address nor a plain hash of it, which a guess at every IPv4 address would reverse', async () => {
    // Prepare
    const limiter = await dynamoLimiter();
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
});
