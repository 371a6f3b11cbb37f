import { rateLimiter } from '../../shared/web/rate-limit';

describe('the per-source rate limiter', () => {
  it('allows a source its limit in a window, refuses the next, and starts again in the next window', () => {
    // Prepare
    const limiter = rateLimiter(3, 60_000);
    // Act
    const first = [0, 1, 2, 3].map((i) => limiter.allow('192.0.2.1', 1_000 + i));
    const other = limiter.allow('192.0.2.2', 1_010);
    const later = limiter.allow('192.0.2.1', 61_000);
    // Assess
    expect(first).toEqual([true, true, true, false]);
    expect(other).toBe(true);
    expect(later).toBe(true);
  });
});

describe("the limiter's Retry-After", () => {
  it("is the whole seconds left in the source's window", () => {
    const limiter = rateLimiter(1, 60_000);
    limiter.allow('192.0.2.1', 10_000);
    expect(limiter.retryAfterSeconds('192.0.2.1', 10_500)).toBe(60);
    expect(limiter.retryAfterSeconds('192.0.2.1', 69_001)).toBe(1);
    expect(limiter.retryAfterSeconds('192.0.2.9', 10_500)).toBe(0);
  });
});
