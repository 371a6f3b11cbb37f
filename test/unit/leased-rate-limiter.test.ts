import fc from 'fast-check';
import { leasedRateLimiter, MAX_BLOCK } from '../../shared/web/leased-rate-limiter';
import type { RateCounters, RateDecision, RateLimit, RateLimiter } from '../../shared/web/rate-limit';
import { memoryRateCounters } from '../support/memory-rate-limiter';

/**
 * The limiter counts a source's requests into the shared counters, in blocks when one instance
 * keeps receiving them. What must hold: never more allowed than the limit across instances, and
 * never refused short of it by more than the instances' unused blocks; a referrer's first request
 * at an instance counted alone; a flood costing far fewer writes than requests, and none once over
 * the limit.
 */
const minute = 60_000;
const start = 1_800_000_000_000 - (1_800_000_000_000 % minute);
const key = async () => 'test-only-rate-limit-key-0123456789abcdef';

/** Counters in memory that keep every addition, to count the writes a limiter makes. */
const recordedCounters = () => {
  const counters = memoryRateCounters();
  const additions: number[] = [];
  const recorded: RateCounters = {
    add: async (counter, n, endsAt) => {
      additions.push(n);
      return counters.add(counter, n, endsAt);
    },
  };
  return { counters: recorded, additions, totals: counters.totals };
};

const allowedOf = (decisions: { allowed: boolean }[]) => decisions.filter((d) => d.allowed).length;

/** Sends `count` requests from `source` one after another, a millisecond apart from `from`. */
const inTurn = async (limiter: RateLimiter, limit: RateLimit, source: string, count: number, from = start) => {
  const decisions: RateDecision[] = [];
  for (let i = 0; i < count; i++) decisions.push(await limiter.take(limit, source, from + i));
  return decisions;
};

describe('the per-source rate limiter', () => {
  it("counts a source's first request at an instance alone, one write of one", async () => {
    // Prepare
    const { counters, additions } = recordedCounters();
    const limiter = leasedRateLimiter(counters, key);
    const notifications: RateLimit = { name: 'notification', requests: 20, windowSeconds: 60 };
    // Act
    const decision = await limiter.take(notifications, '192.0.2.10', start);
    // Assess
    expect(decision).toEqual({ allowed: true });
    expect(additions).toEqual([1]);
  });

  it('keeps the usual limits close to exact: a block is at most an eighth of what the limit has left', async () => {
    // Prepare
    const { counters, additions } = recordedCounters();
    const limiter = leasedRateLimiter(counters, key);
    const notifications: RateLimit = { name: 'notification', requests: 20, windowSeconds: 60 };
    // Act
    const decisions = await inTurn(limiter, notifications, '192.0.2.11', 25);
    // Assess
    expect(allowedOf(decisions)).toBe(20);
    expect(decisions.slice(20).every((d) => !d.allowed)).toBe(true);
    expect(Math.max(...additions)).toBeLessThanOrEqual(Math.floor(19 / 8));
  });

  it('counts a flood from one source at one instance in growing blocks, and allows exactly the limit', async () => {
    // Prepare
    const { counters, additions } = recordedCounters();
    const limiter = leasedRateLimiter(counters, key);
    const generous: RateLimit = { name: 'notification', requests: 5_000, windowSeconds: 60 };
    // Act
    const decisions = await inTurn(limiter, generous, '192.0.2.12', 5_100);
    // Assess
    expect(allowedOf(decisions)).toBe(5_000);
    expect(additions.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...additions)).toBe(MAX_BLOCK);
    expect(additions.length).toBeLessThan(5_000 / 20);
  });

  it('refuses the rest of the window without writing once the limit is reached, and counts afresh in the next', async () => {
    // Prepare
    const { counters, additions } = recordedCounters();
    const limiter = leasedRateLimiter(counters, key);
    const small: RateLimit = { name: 'codes', requests: 2, windowSeconds: 60 };
    await inTurn(limiter, small, '192.0.2.13', 3);
    const writesAtTheLimit = additions.length;
    // Act
    const refused = await inTurn(limiter, small, '192.0.2.13', 50, start + 10_000);
    const nextWindow = await limiter.take(small, '192.0.2.13', start + minute);
    // Assess
    expect(refused.every((d) => !d.allowed)).toBe(true);
    expect(refused[0]).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(additions).toHaveLength(writesAtTheLimit + 1);
    expect(nextWindow).toEqual({ allowed: true });
  });

  it('has requests arriving at once at one instance wait for one write, not each make their own', async () => {
    // Prepare
    const { counters, additions } = recordedCounters();
    const limiter = leasedRateLimiter(counters, key);
    const generous: RateLimit = { name: 'notification', requests: 1_000_000, windowSeconds: 60 };
    // Act
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => limiter.take(generous, '192.0.2.14', start + i)),
    );
    // Assess
    expect(allowedOf(decisions)).toBe(50);
    expect(additions).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('lets a failed count reach the caller, and the next request counts again', async () => {
    // Prepare
    const memory = memoryRateCounters();
    let failing = true;
    const flaky: RateCounters = {
      add: async (counter, n, endsAt) => {
        if (failing) throw new Error('ProvisionedThroughputExceededException');
        return memory.add(counter, n, endsAt);
      },
    };
    const limiter = leasedRateLimiter(flaky, key);
    const notifications: RateLimit = { name: 'notification', requests: 20, windowSeconds: 60 };
    // Act
    const failed = limiter.take(notifications, '192.0.2.15', start);
    await expect(failed).rejects.toThrow('ProvisionedThroughputExceededException');
    failing = false;
    const next = await limiter.take(notifications, '192.0.2.15', start + 1);
    // Assess
    expect(next).toEqual({ allowed: true });
    expect([...memory.totals.values()]).toEqual([1]);
  });

  it('never allows more than the limit in a window between instances, whatever the order of requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 40 })), {
          minLength: 1,
          maxLength: 30,
        }),
        async (requests, waves) => {
          // Prepare: four instances over the same counters; each wave sends a number of
          // requests at once to one instance.
          const { counters, totals } = recordedCounters();
          const instances = Array.from({ length: 4 }, () => leasedRateLimiter(counters, key));
          const limit: RateLimit = { name: 'notification', requests, windowSeconds: 60 };
          // Act
          let allowed = 0;
          let sent = 0;
          for (const [instance, size] of waves) {
            const decisions = await Promise.all(
              Array.from({ length: size }, () => instances[instance].take(limit, '192.0.2.16', start + sent)),
            );
            sent += size;
            allowed += allowedOf(decisions);
          }
          // Assess: never over the limit; and while the shared count is under it, nobody was refused.
          expect(allowed).toBeLessThanOrEqual(requests);
          const counted = Math.max(...totals.values());
          if (counted < requests) expect(allowed).toBe(sent);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('between instances writing at the same moment, with the counters slow to answer, allows neither more than the limit nor less than it less their unused blocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.infiniteStream(fc.integer({ min: 0, max: 3 })),
        async (requests, waves, delays) => {
          // Prepare: four instances over counters that answer after a few turns of the event
          // loop, so that writes from different instances overlap; each wave sends to all four at once.
          const memory = memoryRateCounters();
          const slow: RateCounters = {
            add: async (counter, n, endsAt) => {
              for (let turn = delays.next().value; turn > 0; turn--) await new Promise(setImmediate);
              return memory.add(counter, n, endsAt);
            },
          };
          const instances = Array.from({ length: 4 }, () => leasedRateLimiter(slow, key));
          const limit: RateLimit = { name: 'notification', requests, windowSeconds: 60 };
          // Act
          let allowed = 0;
          let sent = 0;
          for (const wave of waves) {
            const decisions = await Promise.all(
              wave.flatMap((size, instance) =>
                Array.from({ length: size }, () => instances[instance].take(limit, '192.0.2.17', start + sent)),
              ),
            );
            sent += decisions.length;
            allowed += allowedOf(decisions);
          }
          // Assess: each instance holds at most a block less one unused.
          expect(allowed).toBeLessThanOrEqual(requests);
          expect(allowed).toBeGreaterThanOrEqual(Math.min(sent, requests - 4 * (MAX_BLOCK - 1)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
