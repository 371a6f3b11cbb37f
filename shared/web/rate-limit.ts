/**
 * A per-source request limiter: fixed windows held in the function instance's memory, with
 * `now` injected. In AWS the API stage's route throttling bounds the whole route (instances
 * multiply, and an HTTP API cannot take a WAF: see the README); this one bounds what one
 * instance, and the local runtime, does for one address, so a loop cannot walk status links,
 * send a referrer a stream of codes or make the council email anyone at volume.
 */
export interface RateLimiter {
  /** Counts one request for `source`; false when it is over the limit for this window. */
  allow(source: string, now: number): boolean;
  /** Whole seconds until `source`'s window ends and it may send again (for `Retry-After`). */
  retryAfterSeconds(source: string, now: number): number;
}

/** Sources remembered at most: past this the oldest windows are forgotten first. */
const MAX_SOURCES = 10_000;

export const rateLimiter = (limit: number, windowMs: number): RateLimiter => {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(source, now) {
      const current = windows.get(source);
      if (!current || now - current.start >= windowMs) {
        windows.delete(source);
        if (windows.size >= MAX_SOURCES) windows.delete(windows.keys().next().value!);
        windows.set(source, { start: now, count: 1 });
        return true;
      }
      current.count += 1;
      return current.count <= limit;
    },
    retryAfterSeconds(source, now) {
      const current = windows.get(source);
      if (!current) return 0;
      return Math.max(0, Math.ceil((current.start + windowMs - now) / 1000));
    },
  };
};
