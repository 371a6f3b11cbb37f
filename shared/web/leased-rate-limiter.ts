import { decide, rateWindow, type RateCounters, type RateLimit, type RateLimiter } from './rate-limit';

/**
 * The per-source limiter every function uses: the shared counters hold every request allowed,
 * but a source that keeps sending to the same instance is counted in blocks, one write a block.
 *
 * Why: counting one write per request made the limiter one of the four requests intake makes
 * (three to DynamoDB, one to SQS), every request from a source updating the same one item.
 * Locally, in a burst from one agency's system, that write took about a fifth of the CPU spent on
 * each notification (`bench:pipeline`, side by side); in AWS it is a write per request on one
 * item, which DynamoDB serves at most about a thousand times a second.
 *
 * Why it is still a limit across instances: an instance allows only requests it has already
 * counted into the shared counter (its block), and only the part of a block that fits under the
 * limit, so all instances together never allow more than the limit in a window. Blocks trade the
 * other way: what an instance has counted and not used is lost with its window, so a source may
 * be refused a little before its limit, never allowed past it. To keep that small:
 * - a source's first request to an instance in a window is counted alone, exactly as before, and a
 *   block grows (doubling, to at most `MAX_BLOCK`) only when the same instance has used up the
 *   last one in that window: a referrer's second notification in a minute at the same instance
 *   counts a block of two with the default limit of 20, and the one left over is lost;
 * - a block is never more than an eighth of what the limit has left at the last count, so with
 *   the usual limits (10 to 60 a window) blocks stay at 1 to 7 requests.
 * And once the shared count has reached the limit, the instance refuses the rest of that window
 * without writing: a flood past its limit costs nothing more.
 */
export const MAX_BLOCK = 32;
const HEADROOM_SHARE = 8;
/**
 * Windows an instance remembers at once: a flood from many addresses must not grow it without
 * bound. When full it forgets ended windows and then the oldest, down to nine tenths, so that a
 * flood of new addresses clears room once in a thousand requests rather than at each.
 */
const MAX_TRACKED = 10_000;
const KEEP_WHEN_FULL = 9_000;

interface Block {
  endsAt: number;
  /** Requests counted into the shared counter and not yet allowed here. */
  available: number;
  /** The shared counter's total at this instance's last write. */
  lastCount: number;
  nextSize: number;
  /** The write in flight: requests arriving meanwhile wait for it rather than each writing. */
  pending?: Promise<void>;
}

export const leasedRateLimiter = (counters: RateCounters, hashKey: () => Promise<string>): RateLimiter => {
  const blocks = new Map<string, Block>();

  const blockFor = (counter: string, endsAt: number, now: number): Block => {
    const known = blocks.get(counter);
    if (known) return known;
    if (blocks.size >= MAX_TRACKED) makeRoom(now);
    const block: Block = { endsAt, available: 0, lastCount: 0, nextSize: 1 };
    blocks.set(counter, block);
    return block;
  };

  /** Forgets ended windows, then the oldest remembered: forgetting only loses unused counts. */
  const makeRoom = (now: number) => {
    for (const [counter, block] of blocks) if (block.endsAt <= now) blocks.delete(counter);
    for (const counter of blocks.keys()) {
      if (blocks.size <= KEEP_WHEN_FULL) break;
      blocks.delete(counter);
    }
  };

  const count = async (block: Block, counter: string, limit: RateLimit) => {
    const size = Math.max(1, Math.min(block.nextSize, Math.floor((limit.requests - block.lastCount) / HEADROOM_SHARE)));
    const total = await counters.add(counter, size, block.endsAt);
    // Other instances may have counted since this one last did: only the part of this block at
    // or below the limit may be allowed.
    block.available += Math.max(0, Math.min(size, limit.requests - (total - size)));
    block.lastCount = total;
    block.nextSize = Math.min(size * 2, MAX_BLOCK);
  };

  return {
    async take(limit, source, now) {
      const { key: counter, endsAt } = rateWindow(limit, source, now, await hashKey());
      const block = blockFor(counter, endsAt, now);
      for (;;) {
        if (block.available > 0) {
          block.available -= 1;
          return { allowed: true };
        }
        if (block.lastCount >= limit.requests) return decide(limit, block.lastCount + 1, endsAt, now);
        block.pending ??= count(block, counter, limit).finally(() => {
          block.pending = undefined;
        });
        await block.pending;
      }
    },
  };
};
