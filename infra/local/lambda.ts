/**
 * Runs the template's Lambda handlers in this process, with a Lambda-shaped
 * context, so every event source (HTTP, SQS, Step Functions, `invoke.ts`) goes
 * through the same code path and the same timeout and error semantics.
 */
import { randomUUID } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionEnvironment, inScope } from './invocation-scope';
import type { LocalDeployment } from './template';

export interface LocalFunction {
  logicalId: string;
  name: string;
  arn: string;
  /** Absolute path of the handler module. */
  entry: string;
  exportName: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** ReservedConcurrentExecutions from the template, when the stack sets it. */
  reservedConcurrency?: number;
  environment: Record<string, string>;
}

export const ENTRY_METADATA = 'FrontDoor:Entry';
export const EXPORT_METADATA = 'FrontDoor:Export';

/**
 * Functions with an entry in their Metadata. Others (CDK's own custom-resource
 * providers, log retention...) have no local source and are returned as skipped.
 */
export function describeFunctions(
  deployment: LocalDeployment,
  repoRoot: string,
): { functions: LocalFunction[]; skipped: string[] } {
  const functions: LocalFunction[] = [];
  const skipped: string[] = [];
  for (const logicalId of deployment.ofType('AWS::Lambda::Function')) {
    const metadata = deployment.resource(logicalId).Metadata ?? {};
    const entry = metadata[ENTRY_METADATA];
    if (typeof entry !== 'string') {
      skipped.push(logicalId);
      continue;
    }
    const props = deployment.properties(logicalId) as {
      Timeout?: number;
      MemorySize?: number;
      ReservedConcurrentExecutions?: number;
      Environment?: { Variables?: Record<string, unknown> };
    };
    functions.push({
      logicalId,
      name: deployment.physicalName(logicalId),
      arn: deployment.arn(logicalId),
      entry: resolve(repoRoot, entry),
      exportName: typeof metadata[EXPORT_METADATA] === 'string' ? (metadata[EXPORT_METADATA] as string) : 'handler',
      timeoutSeconds: Number(props.Timeout ?? 3),
      memoryMb: Number(props.MemorySize ?? 128),
      ...(props.ReservedConcurrentExecutions !== undefined && {
        reservedConcurrency: Number(props.ReservedConcurrentExecutions),
      }),
      environment: Object.fromEntries(
        Object.entries(props.Environment?.Variables ?? {}).map(([key, value]) => [key, String(value)]),
      ),
    });
  }
  return { functions, skipped };
}

/** For humans: a logical id or function name, an entry path (with or without .ts), or a case-insensitive part of a logical id. */
export function findFunction(functions: LocalFunction[], query: string, repoRoot: string): LocalFunction {
  const exact = functions.find((f) => f.logicalId === query || f.name === query);
  if (exact) return exact;
  const path = query.replace(/\.ts$/, '');
  const byEntry = functions.filter((f) => {
    const entry = relative(repoRoot, f.entry).replace(/\.ts$/, '');
    return entry === path || entry.endsWith(`/${path}`);
  });
  const needle = query.toLowerCase();
  const matches = byEntry.length ? byEntry : functions.filter((f) => f.logicalId.toLowerCase().includes(needle));
  if (matches.length === 1) return matches[0]!;
  const list = (fs: LocalFunction[]) => fs.map((f) => `  ${f.logicalId}  (${relative(repoRoot, f.entry)})`).join('\n');
  throw new Error(
    matches.length
      ? `"${query}" matches several functions:\n${list(matches)}`
      : `No function matches "${query}". Functions:\n${list(functions)}`,
  );
}

/** Lambda reports a timeout with this error type, which Step Functions can Retry/Catch. */
export class LambdaTimeoutError extends Error {
  override name = 'Sandbox.Timedout';
}

type Handler = (event: unknown, context: Context, callback: (error?: unknown, result?: unknown) => void) => unknown;

/**
 * How many invocations of one function run at once on a laptop, when the template reserves no
 * fewer. Every handler shares this process's one event loop, so without a cap a burst starts
 * thousands of invocations together and each one's clock runs while the others hold the CPU.
 * With 4 (and 8 in all) a 10,000 burst's triage left the two cores about a fifth idle, each
 * invocation waiting on the emulators' thread; 8 and 16 used them (1.13x contacts past triage a
 * second, the same CPU a contact, on one machine in one hour).
 */
export const DEFAULT_LOCAL_CONCURRENCY = 8;
/** How many invocations of queued work (queue consumers, state machine tasks, schedules) run at once in all. */
export const DEFAULT_WORK_CONCURRENCY = 16;
/**
 * While requests run (and for `REQUESTS_SETTLE_MS` after), the least time between two pieces of
 * work starting. One at a time was not enough to put callers first: work followed work without a
 * gap, and a 10,000 burst's triage took about a fifth of the two cores while the POSTs arrived
 * (457 contacts past triage in 35 s). Spaced, triage still goes on, at a few contacts a second,
 * and has the cores once they end.
 */
export const WORK_SPACING_WHILE_REQUESTS_MS = 50;
/**
 * How long after the last request ends the work lane stays narrow. Callers sending one request
 * after another leave moments with none running; at each, up to the lane's whole width of work
 * started at once (about a third of a burst's work while its POSTs arrived came in through them).
 */
export const REQUESTS_SETTLE_MS = 100;
/**
 * The longest a queue poller waits for requests to end before taking more work all the same, so
 * that steady traffic (a console left open, a test polling) slows the queue but never holds it.
 */
export const REQUESTS_QUIET_AT_MOST_MS = 10_000;
/** How often `whenIdle` looks. */
export const IDLE_CHECK_MS = 500;

/**
 * Two lanes, as in AWS, where an API's functions scale with its callers while queued work waits
 * for the concurrency reserved for it:
 *  - `request`: someone is waiting for the answer (HTTP API, inbound mail, `npm run invoke`).
 *    Held only to the function's reserved concurrency, never to the laptop's cap.
 *  - `work`: queue consumers, state machine tasks and schedules. Held to the per-function cap and
 *    to a total for the lane, and while any request runs (and a moment after, `REQUESTS_SETTLE_MS`)
 *    to one at a time, started at least `WORK_SPACING_WHILE_REQUESTS_MS` apart: the one event loop
 *    then serves the callers first and the queue waits, as it should.
 */
export type Lane = 'request' | 'work';

/**
 * Invocations beyond a limit wait their turn, first come first served, and their timeout starts
 * only when they do run: locally a throttled invocation waits, where in AWS it would be refused.
 * The request lane holds each function to its reserved concurrency with one of these.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Waits for a slot; the caller must call the returned release exactly once. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.limit || this.waiting.length)
      await new Promise<void>((resolveTurn) => this.waiting.push(resolveTurn));
    else this.running += 1;
    return () => {
      this.running -= 1;
      while (this.waiting.length && this.running < this.limit) {
        this.running += 1;
        this.waiting.shift()!();
      }
    };
  }
}

/**
 * The order in which waiting work starts, highest first. Work that ends a contact's journey goes
 * before work that carries one on, and that before work that brings new contacts in, so a burst
 * drains rather than widens: first come first served, an acknowledgement waited behind every
 * triage step queued before it (so acknowledgements trailed triage), and a first step behind the
 * last steps of executions nearly done (so more contacts were half-way at once, none sooner done).
 */
export const WORK_PRIORITY = {
  /** Schedules (the stall sweeper, reports): work that can wait for all the rest. */
  starts: 0,
  /** A queue consumer that starts nothing (acknowledgements, outcomes, bounces): a contact's last work. */
  finishes: 1_000_000,
  /**
   * A batch its poller has received: the messages' visibility timeout is running, and a batch
   * still waiting when it ends is delivered again and handled twice. The poller receives only
   * when its batch would start at once or at the next free slot (`startsSoon`).
   */
  received: Number.POSITIVE_INFINITY,
} as const;

/** A state machine's task: later states first (`depth`, states from the start), so open executions end and make room. */
export const stepPriority = (depth: number): number => Math.min(WORK_PRIORITY.finishes - 1, 1 + depth);

interface WaitingWork {
  fn: string;
  cap: number;
  priority: number;
  start: () => void;
}

/**
 * Queued work's one line, under two limits: each function's cap and the lane's total (narrowed,
 * and its starts spaced, while requests run). What starts next is the waiting work of the highest
 * priority whose function has room (`WORK_PRIORITY`), first come first served within a priority;
 * work whose function is at its cap does not hold up another function's. Its timeout starts only
 * when it runs.
 */
export class WorkQueue {
  private total = 0;
  private readonly runningOf = new Map<string, number>();
  /** Highest priority first, and in order of arrival within one. */
  private readonly waiting: WaitingWork[] = [];
  private watchers: Array<() => void> = [];
  /** When work last started (performance.now()), and the timer to admit more once spaced enough. */
  private lastStart = Number.NEGATIVE_INFINITY;
  private spacingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limitNow: () => number,
    /** The least time between two starts, now (0: none). */
    private readonly spacingNow: () => number = () => 0,
  ) {}

  /** Waits for a turn for a function (`fn`, at most `cap` at once); call the returned release exactly once. */
  acquire(fn: string, cap: number, priority: number): Promise<() => void> {
    return new Promise((resolveTurn) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.total -= 1;
        this.runningOf.set(fn, (this.runningOf.get(fn) ?? 1) - 1);
        this.admit();
        this.notify();
      };
      const after = this.waiting.findIndex((waiting) => waiting.priority < priority);
      this.waiting.splice(after < 0 ? this.waiting.length : after, 0, {
        fn,
        cap,
        priority,
        start: () => resolveTurn(release),
      });
      this.admit();
      this.notify();
    });
  }

  /** Starts what may start now; also called when the lane widens again. */
  admit(): void {
    let started = false;
    for (let i = 0; i < this.waiting.length && this.total < this.limitNow(); ) {
      const next = this.waiting[i]!;
      if ((this.runningOf.get(next.fn) ?? 0) >= next.cap) {
        i += 1;
        continue;
      }
      const spacing = this.spacingNow();
      const early = spacing > 0 ? this.lastStart + spacing - performance.now() : 0;
      if (early > 0) {
        this.admitIn(early);
        break;
      }
      this.waiting.splice(i, 1);
      this.total += 1;
      this.runningOf.set(next.fn, (this.runningOf.get(next.fn) ?? 0) + 1);
      this.lastStart = performance.now();
      started = true;
      next.start();
    }
    // Pollers waiting to receive (`startsSoon`) hear of starts made by a timer too.
    if (started) this.notify();
  }

  private admitIn(ms: number): void {
    if (this.spacingTimer) return;
    this.spacingTimer = setTimeout(() => {
      this.spacingTimer = undefined;
      this.admit();
    }, ms);
    this.spacingTimer.unref();
  }

  /**
   * Whether work for `fn` at `priority` would start at once or with the next slot to come free:
   * its function has room for it, and nothing waits at its priority or above.
   */
  startsSoon(fn: string, cap: number, priority: number): boolean {
    const ofFunction = (this.runningOf.get(fn) ?? 0) + this.waiting.filter((waiting) => waiting.fn === fn).length;
    return ofFunction < cap && !this.waiting.some((waiting) => waiting.priority >= priority);
  }

  /** Whether no work runs or waits. */
  get empty(): boolean {
    return this.total === 0 && this.waiting.length === 0;
  }

  /** Settles at the next change: work arriving, starting or ending. */
  changed(): Promise<void> {
    return new Promise((resolveChange) => this.watchers.push(resolveChange));
  }

  private notify(): void {
    const watchers = this.watchers;
    this.watchers = [];
    for (const watcher of watchers) watcher();
  }
}

export class LambdaInvoker {
  private readonly handlers = new Map<string, Promise<Handler>>();
  private readonly environments = new Map<string, Record<string, string>>();
  private readonly requestLimits = new Map<string, ConcurrencyLimit>();
  private requestsRunning = 0;
  /** When the last request ended: the lane stays narrow for `REQUESTS_SETTLE_MS` after. */
  private requestsEndedAt = Number.NEGATIVE_INFINITY;
  /** Those waiting for the requests to end (queue pollers, before they take more work). */
  private quietWaiters: Array<() => void> = [];
  /** All queued work together: one at a time, spaced, while requests run (`requestsRecent`). */
  private readonly work: WorkQueue;

  constructor(
    readonly functions: LocalFunction[],
    private readonly log: (line: string) => void = (line) => console.log(line),
    /** The per-function cap on work for this machine; a template's smaller reserved concurrency wins. */
    private readonly localConcurrency = DEFAULT_LOCAL_CONCURRENCY,
    workConcurrency = DEFAULT_WORK_CONCURRENCY,
  ) {
    this.work = new WorkQueue(
      () => (this.requestsRecent() ? 1 : workConcurrency),
      () => (this.requestsRecent() ? WORK_SPACING_WHILE_REQUESTS_MS : 0),
    );
  }

  /** How many invocations of `fn` may run at once here, in a lane. */
  concurrencyOf(fn: LocalFunction, lane: Lane = 'work'): number {
    return Math.min(fn.reservedConcurrency ?? Infinity, lane === 'work' ? this.localConcurrency : Infinity);
  }

  /**
   * Settles once no request has run for `REQUESTS_SETTLE_MS` (at once if so), or after
   * `atMostMs`. Queue pollers wait for it before they take a batch: someone waiting on the API
   * comes before the queue, whose messages wait where waiting costs nothing (taken, they would wait
   * for the work lane with their visibility timeout running, and each extra receive counts towards
   * the dead-letter queue).
   */
  requestsQuiet(atMostMs = REQUESTS_QUIET_AT_MOST_MS): Promise<void> {
    if (!this.requestsRecent()) return Promise.resolve();
    return new Promise((resolveQuiet) => {
      const settle = () => {
        clearTimeout(timer);
        this.quietWaiters = this.quietWaiters.filter((waiter) => waiter !== settle);
        resolveQuiet();
      };
      const timer = setTimeout(settle, atMostMs);
      timer.unref();
      this.quietWaiters.push(settle);
    });
  }

  /**
   * Settles once no request runs and no work runs or waits (at once if so), after `atMostMs`, or
   * when `signal` aborts: for housekeeping that should go after everything else, as the TTL sweep
   * (`expiry.ts`). Looked at every `IDLE_CHECK_MS`, enough for work that may wait minutes anyway.
   */
  async whenIdle(atMostMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + atMostMs;
    while ((this.requestsRunning > 0 || !this.work.empty) && Date.now() < deadline && !signal?.aborted)
      await new Promise<void>((resolveLater) =>
        setTimeout(resolveLater, Math.min(IDLE_CHECK_MS, deadline - Date.now())).unref(),
      );
  }

  /**
   * Settles when work for `fn` at `priority` would start at once or with the next free slot (see
   * `WorkQueue.startsSoon`). A queue poller waits for it before it receives, as Lambda's pollers
   * receive only when the function has concurrency for the batch: a batch received while the lane
   * was full waited there with its visibility timeout running, and came back to be handled twice.
   */
  async startsSoon(fn: LocalFunction, priority: number, signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted && !this.work.startsSoon(fn.logicalId, this.concurrencyOf(fn), priority)) {
      const changed = this.work.changed();
      if (!signal) await changed;
      else
        await new Promise<void>((resolveWait) => {
          const settle = () => {
            signal.removeEventListener('abort', settle);
            resolveWait();
          };
          signal.addEventListener('abort', settle);
          void changed.then(settle);
        });
    }
  }

  /** By ARN (qualified or not), function name or logical id. */
  find(nameOrArn: string): LocalFunction | undefined {
    const unqualified = nameOrArn.replace(/^(arn:aws:lambda:[^:]*:[^:]*:function:[^:]+):.*$/, '$1');
    return this.functions.find((f) => f.arn === unqualified || f.name === unqualified || f.logicalId === unqualified);
  }

  /** `priority` orders waiting work (`WORK_PRIORITY`); requests do not wait for work. */
  async invoke(
    fn: LocalFunction,
    event: unknown,
    lane: Lane,
    priority: number = WORK_PRIORITY.starts,
  ): Promise<unknown> {
    // Reserved concurrency 0 switches a function off: AWS throttles every invocation.
    if (this.concurrencyOf(fn, lane) < 1)
      throw Object.assign(new Error(`${fn.logicalId} has no concurrency`), { name: 'TooManyRequestsException' });
    const release = await this.slot(fn, lane, priority);
    let handler: Handler;
    try {
      handler = await this.load(fn);
    } catch (error) {
      release();
      throw error;
    }
    const requestId = randomUUID();
    const started = Date.now();
    const deadline = started + fn.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const running = inScope(this.environmentOf(fn), requestId, () =>
      runHandler(handler, event, fn, requestId, deadline),
    );
    // AWS would stop a timed-out handler; here it runs on, so it keeps its slot until it ends.
    void running.catch(() => undefined).finally(release);
    try {
      const result = await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new LambdaTimeoutError(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)),
            fn.timeoutSeconds * 1000,
          );
        }),
      ]);
      this.log(`λ ${fn.logicalId} ${requestId} ok ${Date.now() - started}ms`);
      return result;
    } catch (error) {
      const normalised = error instanceof Error ? error : new Error(String(error));
      this.log(
        `λ ${fn.logicalId} ${requestId} failed ${normalised.name} ${Date.now() - started}ms${describeFailure(normalised)}`,
      );
      throw normalised;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A place in the function's request limit, or in the work queue; release it once. */
  private async slot(fn: LocalFunction, lane: Lane, priority: number): Promise<() => void> {
    if (lane === 'work') return this.work.acquire(fn.logicalId, this.concurrencyOf(fn), priority);
    let limit = this.requestLimits.get(fn.logicalId);
    if (!limit) this.requestLimits.set(fn.logicalId, (limit = new ConcurrencyLimit(this.concurrencyOf(fn, lane))));
    const releaseFunction = await limit.acquire();
    this.requestsRunning += 1;
    return () => {
      releaseFunction();
      this.requestsRunning -= 1;
      // Once no other request has come for a moment after the last one out, the work lane widens
      // and the pollers take work again.
      if (this.requestsRunning === 0) {
        this.requestsEndedAt = performance.now();
        this.widenWhenSettled();
      }
    };
  }

  /** Whether a request runs or ended less than `REQUESTS_SETTLE_MS` ago: the work lane is narrow. */
  private requestsRecent(): boolean {
    return this.requestsRunning > 0 || performance.now() - this.requestsEndedAt < REQUESTS_SETTLE_MS;
  }

  private settleTimer: NodeJS.Timeout | undefined;

  /** Widens the work lane and lets the pollers take work once no request has run for `REQUESTS_SETTLE_MS`. */
  private widenWhenSettled(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(
      () => {
        this.settleTimer = undefined;
        if (this.requestsRunning > 0) return; // its end starts the wait again
        if (this.requestsRecent()) this.widenWhenSettled();
        else {
          this.work.admit();
          for (const settle of [...this.quietWaiters]) settle();
        }
      },
      Math.max(0, this.requestsEndedAt + REQUESTS_SETTLE_MS - performance.now()),
    );
    this.settleTimer.unref();
  }

  /** What `fn` finds in process.env while it runs (invocation-scope.ts), made once per function. */
  private environmentOf(fn: LocalFunction): Record<string, string> {
    let environment = this.environments.get(fn.logicalId);
    if (!environment)
      this.environments.set(fn.logicalId, (environment = functionEnvironment(fn, this.concurrencyOf(fn, 'work'))));
    return environment;
  }

  /**
   * Loads every handler before the system says it is ready. A handler's first load takes a second
   * or more of this one event loop (its module graph, the SDK, Powertools): paid by the first
   * caller, it held the first referrer and every request of the first burst behind it, and a
   * queue consumer loaded mid-burst stalled the requests running then. Loaded at start-up, the
   * modules the handlers share are loaded once, whichever comes first (about 1.2 s of CPU in all,
   * nearly all of it the first handler's; the 42 others add little).
   */
  async loadAll(): Promise<void> {
    for (const fn of this.functions) {
      // One broken handler does not stop the rest of the system: it is tried again when invoked.
      await this.load(fn).catch((error: Error) => this.log(`! ${fn.logicalId} did not load: ${error.message}`));
    }
  }

  private load(fn: LocalFunction): Promise<Handler> {
    let handler = this.handlers.get(fn.logicalId);
    if (!handler) {
      handler = inScope(this.environmentOf(fn), undefined, () => import(pathToFileURL(fn.entry).href)).then(
        (module: Record<string, unknown>) => {
          // A CommonJS module imported from ESM exposes its exports both by name and on `default`.
          const exported =
            module[fn.exportName] ?? (module.default as Record<string, unknown> | undefined)?.[fn.exportName];
          if (typeof exported !== 'function') {
            throw new Error(
              `${fn.entry} does not export a function named "${fn.exportName}" (function ${fn.logicalId})`,
            );
          }
          return exported as Handler;
        },
      );
      // A failed import should be retried next time (the developer may be fixing the file).
      handler.catch(() => this.handlers.delete(fn.logicalId));
      this.handlers.set(fn.logicalId, handler);
    }
    return handler;
  }
}

/**
 * Enough to start debugging without logging personal data: AWS service errors describe the
 * request, not the data in it, so their message is shown; for other errors only where they came from.
 */
function describeFailure(error: Error): string {
  if ('$metadata' in error) return `: ${error.message}`;
  const frame = error.stack?.split('\n').find((line) => /^\s+at /.test(line) && !line.includes('node_modules'));
  return frame ? ` ${frame.trim()}` : '';
}

/** Supports both async handlers and the older callback style. */
function runHandler(
  handler: Handler,
  event: unknown,
  fn: LocalFunction,
  requestId: string,
  deadline: number,
): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(error) : resolvePromise(result));
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: fn.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `local/${requestId}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: callback,
      succeed: (result: unknown) => resolvePromise(result),
      fail: (error: unknown) => reject(error),
    };
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(resolvePromise, reject);
      }
    } catch (error) {
      reject(error);
    }
  });
}
