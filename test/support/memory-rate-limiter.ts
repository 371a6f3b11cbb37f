import { leasedRateLimiter } from '../../shared/web/leased-rate-limiter';
import type { RateCounters, RateLimiter } from '../../shared/web/rate-limit';

/** Rate-limit counters in memory, for unit tests: the same contract as the DynamoDB counters. */
export const memoryRateCounters = (): RateCounters & { totals: Map<string, number> } => {
  const totals = new Map<string, number>();
  return {
    totals,
    add: async (counter, n) => {
      const total = (totals.get(counter) ?? 0) + n;
      totals.set(counter, total);
      return total;
    },
  };
};

const TEST_KEY = 'test-only-rate-limit-key-0123456789abcdef';

/**
 * The limiter the functions use, over counters in memory, as one instance of a function.
 * `reset` forgets every count and every block, as a fresh start of the whole system would.
 */
export const memoryRateLimiter = (): RateLimiter & { reset(): void } => {
  const counters = memoryRateCounters();
  let limiter = leasedRateLimiter(counters, async () => TEST_KEY);
  return {
    take: (limit, source, now) => limiter.take(limit, source, now),
    reset: () => {
      counters.totals.clear();
      limiter = leasedRateLimiter(counters, async () => TEST_KEY);
    },
  };
};
