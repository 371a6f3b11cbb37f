import { createHmac } from 'node:crypto';

/**
 * Per-source request limits, held in one place for every instance of every function (the
 * contacts table in AWS and locally), so a loop cannot walk status links, send a referrer a
 * stream of codes or make the council email anyone at volume by landing on fresh Lambda
 * instances. Fixed windows: the window is part of the counter's key, so a counter from an
 * earlier window is never read again, whether or not time to live has removed it yet.
 */
export interface RateLimit {
  /** Names the limit's counters, apart from every other limit's. */
  name: string;
  /** Requests allowed from one source in one window. */
  requests: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request from `source` in the window holding `now`, and says whether it may go on. */
  take(limit: RateLimit, source: string, now: number): Promise<RateDecision>;
}

/** The shared counters a limiter counts into: one per limit, source and window. */
export interface RateCounters {
  /**
   * Adds `n` to `counter` atomically and answers its total after the addition, so callers adding
   * at once each get a different total. `endsAt` is when the counter's window ends (milliseconds),
   * after which it is never read again.
   */
  add(counter: string, n: number, endsAt: number): Promise<number>;
}

/**
 * The counter a request counts against: the source only as a keyed hash (an address is personal
 * data, and a plain hash of an IPv4 address is reversed by hashing all four billion), under the
 * rate limiter's own key (infra/constructs/rate-limit-key.ts).
 */
export const rateWindow = (limit: RateLimit, source: string, now: number, key: string) => {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const sourceHash = createHmac('sha256', key).update(`front-door:rate:${source}`).digest('hex').slice(0, 32);
  return {
    key: `${limit.name}#${sourceHash}#${start}`,
    /** When the window ends: the counter is of no use after it. */
    endsAt: start + windowMs,
  };
};

/** The decision once the window's count (this request included) is known. */
export const decide = (limit: RateLimit, count: number, endsAt: number, now: number): RateDecision =>
  count <= limit.requests
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now) / 1000)) };

/** Per source address: enough for a referrer clicking about, far too few to walk links or guess codes. */
export const STATUS_PAGE_LIMIT: RateLimit = { name: 'status', requests: 30, windowSeconds: 60 };
/** A referrer asks for a code or two; each link has its own limit too (3 an hour, status-access.ts). */
export const STATUS_CODE_LIMIT: RateLimit = { name: 'status-code', requests: 10, windowSeconds: 3600 };
/** A referrer asks once per decision; a source asking for many is walking links. */
export const RECONSIDERATION_LIMIT: RateLimit = { name: 'reconsideration', requests: 10, windowSeconds: 3600 };
