import { decide, rateWindow, type RateLimiter } from '../../shared/web/rate-limit';

/** Rate-limit counters in memory, for unit tests: the same windows as the DynamoDB counters. */
export const memoryRateLimiter = (
  hashKey = 'test-only-rate-limit-key-0123456789abcdef',
): RateLimiter & { counters: Map<string, number> } => {
  const counters = new Map<string, number>();
  return {
    counters,
    take: async (limit, source, now) => {
      const { key, endsAt } = rateWindow(limit, source, now, hashKey);
      const count = (counters.get(key) ?? 0) + 1;
      counters.set(key, count);
      return decide(limit, count, endsAt, now);
    },
  };
};
