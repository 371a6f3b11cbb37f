/**
 * `npm run bench:pipeline`: the local system under a burst, measured side by side in one run.
 *
 *  1. Intake: raw SQS SendMessage to the same fauxqs versus POST /api/notifications, the same
 *     number of requests at the same concurrency (throughput, p50, p99). The raw queue has no
 *     consumer, so it is the emulator's own ceiling. The first POST, the handler's cold start, is
 *     timed on its own before them.
 *  2. End to end: N notifications sent C at a time, timed until every accepted one has reached
 *     awaiting decision, with intake latency measured while triage runs (and its spread: the p99
 *     over the mean, and the slowest two seconds' p99); then the counts of
 *     failed, stuck, duplicated and unacknowledged contacts from the table and the mailbox.
 *
 *   BENCH_N (10000)  BENCH_CONCURRENCY (50)  BENCH_INTAKE (500: requests per side in part 1)
 *   BENCH_DRAIN_SECONDS (1800: how long to wait for the pipeline to drain before counting)
 *   BENCH_PROFILE (a directory: write a CPU profile of the system's process there, for Chrome DevTools)
 *   BENCH_NODE_FLAGS (more flags for the system's Node process, e.g. --trace-gc, whose lines go to its log)
 *   BENCH_LATENCIES (a file: write each end-to-end POST's start and latency there, in ms, a line each)
 *   BENCH_INTAKE_ONLY (1: stop once part 2's notifications are answered, without waiting for
 *     triage; a minute instead of five for N=10,000, to compare changes to intake's latency)
 * It also prints the system process's CPU time per contact of part 2 (Linux /proc), in all and per thread.
 *
 * While it drains it prints progress (from the triage queue's depth and the contacts triaging, so
 * polling costs the system little; see `drain`) with the rate over the last interval. Cut short,
 * by BENCH_DRAIN_SECONDS, a dead-lettered message or SIGINT or SIGTERM (an outer timeout), it
 * stops sending and waiting and still prints its summary: awaiting decision, failed, stuck,
 * duplicated, unacknowledged and contacts/s so far. A second signal stops at once.
 *
 * The system runs in its own process, as `npm start` does, so the load generator does not
 * share its event loop. Notifications are synthetic and each names a different child, so the
 * run measures the pipeline rather than one child's ever-growing history.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueue } from '../shared/aws/sqs-queue';
import schoolNeglect from '../events/notifications/school-neglect.json';
import { census, countByStatus } from '../test/support/census';
import { distinctName } from '../test/support/distinct-name';
import { readLiveEndpoints } from '../infra/local/endpoints';
import { cpuPerItem, sampleCpu } from './process-cpu';
import { startLocalSystem, type RunningLocalSystem } from '../test/support/local-system';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const N = setting('BENCH_N', 10_000);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 50);
const INTAKE = setting('BENCH_INTAKE', 500);
const DRAIN_SECONDS = setting('BENCH_DRAIN_SECONDS', 1800);
/** How often progress is printed while the pipeline drains. */
const PROGRESS_SECONDS = 5;
/** Contacts left in triage (a few seconds' work) below which the drain looks every second. */
const NEARLY_DONE = 250;

/** Aborted by SIGINT or SIGTERM: sending and waiting stop, and the summary is printed. */
const cutShort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cutShort.signal.aborted) process.exit(130);
    console.log(`\n${signal}: stopping; the summary follows (a second ${signal} stops at once)`);
    cutShort.abort();
  });
}
const pause = (ms: number) =>
  new Promise<void>((resolvePause) => {
    const done = () => {
      clearTimeout(timer);
      cutShort.signal.removeEventListener('abort', done);
      resolvePause();
    };
    const timer = setTimeout(done, ms);
    cutShort.signal.addEventListener('abort', done);
  });

interface Timings {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
  failures: number;
  /** Each request's start (from the first's) and latency, in ms, in the order they ended. */
  samples: Array<readonly [start: number, latency: number]>;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Runs `count` calls, `concurrency` at a time, and times each one. */
const timed = async (count: number, concurrency: number, call: (i: number) => Promise<boolean>): Promise<Timings> => {
  const latencies: number[] = [];
  const samples: Array<readonly [number, number]> = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && !cutShort.signal.aborted) {
        const i = next++;
        const t = performance.now();
        const ok = await call(i).catch(() => false);
        const latency = performance.now() - t;
        latencies.push(latency);
        samples.push([t - started, latency]);
        if (!ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length,
    failures,
    samples,
  };
};

/** A synthetic notification about a child no other notification in the run names. */
const notification = (i: number) => {
  const body = structuredClone(schoolNeglect);
  const child = body.children[0]!;
  child.firstName = distinctName(i, 'bench');
  child.lastName = 'Fictional';
  child.nhsNumber = '';
  delete (child as { nhsNumber?: string }).nhsNumber;
  child.address.line1 = `${i + 1} Sample Street`;
  return JSON.stringify(body);
};

/**
 * The load generator shares the system's two cores, so what it spends on a request the system
 * cannot: it sends with Node's own HTTP client over kept-alive connections, one per caller, and
 * builds every body before the clock starts. (fetch took about 1.3 ms of CPU a request here.)
 */
const poster = (system: RunningLocalSystem, runId: string, count: number) => {
  const url = new URL('/api/notifications', system.endpoints.api);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bodies = Array.from({ length: count }, (_, i) => Buffer.from(notification(i)));
  const post = (i: number) =>
    new Promise<boolean>((resolvePost, rejectPost) => {
      const body = bodies[i] ?? Buffer.from(notification(i));
      const sent = request(
        url,
        {
          method: 'POST',
          agent,
          // fetch gave up on a silent server after 300 s; a signal stops the run sooner.
          timeout: 300_000,
          signal: cutShort.signal,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'idempotency-key': `${runId}-${i}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolvePost(response.statusCode === 202));
          response.on('error', rejectPost);
        },
      );
      sent.on('error', rejectPost);
      sent.on('timeout', () => sent.destroy(new Error('No answer in 300 s')));
      sent.end(body);
    });
  return { post, close: () => agent.destroy() };
};

/** Milliseconds of CPU (`process.cpuUsage`'s microseconds) per item. */
const cpuMsPer = (used: NodeJS.CpuUsage, items: number) => (used.user + used.system) / 1000 / items;

const line = (label: string, t: Timings) =>
  `${label.padEnd(30)} ${t.perSecond.toFixed(1).padStart(8)}/s  p50 ${t.p50.toFixed(0).padStart(6)} ms  p99 ${t.p99.toFixed(0).padStart(6)} ms` +
  `  (${t.count} in ${t.seconds.toFixed(1)} s${t.failures ? `, ${t.failures} refused or failed` : ''})`;

/**
 * The spread of the latencies, apart from the rate. With `CONCURRENCY` requests always in flight
 * the mean is `CONCURRENCY` ÷ the rate (Little's law), so a slower moment of the machine raises
 * the p99 with the mean; the p99 over the mean, and the slowest two seconds (a stall, a slow
 * start), say how evenly the requests were served.
 */
const spread = (t: Timings): string => {
  if (t.count === 0) return '  no requests answered, so no spread';
  const WINDOW_MS = 2000;
  // Fewer, and the p99 of a window is simply its slowest request.
  const FEWEST_IN_A_WINDOW = 100;
  const windows = new Map<number, number[]>();
  for (const [start, latency] of t.samples) {
    const window = Math.floor(start / WINDOW_MS);
    const latencies = windows.get(window) ?? [];
    latencies.push(latency);
    windows.set(window, latencies);
  }
  const p99s = [...windows]
    .filter(([, latencies]) => latencies.length >= FEWEST_IN_A_WINDOW)
    .map(([window, latencies]) => {
      latencies.sort((a, b) => a - b);
      return { from: (window * WINDOW_MS) / 1000, p99: percentile(latencies, 99) };
    });
  const slowest = p99s.length ? p99s.reduce((worst, next) => (next.p99 > worst.p99 ? next : worst)) : undefined;
  return (
    `  p99 ${(t.p99 / t.mean).toFixed(2)}× the mean of ${t.mean.toFixed(0)} ms (${CONCURRENCY} in flight: the mean is about ${CONCURRENCY} ÷ the rate); ` +
    (slowest
      ? `the slowest two seconds' p99 ${slowest.p99.toFixed(0)} ms, from ${slowest.from} s`
      : `no two seconds held ${FEWEST_IN_A_WINDOW} requests`)
  );
};

const main = async () => {
  console.log(
    `Pipeline benchmark: ${cpus().length} cores, N=${N}, concurrency ${CONCURRENCY}, intake comparison ${INTAKE} each side`,
  );
  const profile = process.env.BENCH_PROFILE;
  const system = await startLocalSystem({
    readyTimeoutMs: 120_000,
    nodeFlags: [
      ...(profile ? ['--cpu-prof', '--cpu-prof-interval=5000', `--cpu-prof-dir=${profile}`] : []),
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
  const runId = randomUUID();
  try {
    // 1. Intake side by side, before anything else runs.
    const sqs = new SQSClient(system.clientConfig('sqs'));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-raw-${runId.slice(0, 8)}` }));
    const body = JSON.stringify({ contactId: 'X'.repeat(26), padding: notification(0) });
    const raw = await timed(INTAKE, CONCURRENCY, async () => {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
      return true;
    });
    sqs.destroy();
    // The first request loads the handler's modules and makes its clients (seconds on a busy
    // machine), while every other request of the first wave waits behind it: in a run of a few
    // hundred that wave alone would set the p99. So it is timed on its own, as a cold start.
    const warmStarted = performance.now();
    const firstPoster = poster(system, `${runId}-first`, 1);
    const first = await timed(1, 1, firstPoster.post);
    firstPoster.close();
    const warmPoster = poster(system, `${runId}-warm`, INTAKE);
    const warmIntake = await timed(INTAKE, CONCURRENCY, warmPoster.post);
    warmPoster.close();
    console.log('\nIntake, side by side (same emulator, same concurrency):');
    console.log(`first POST after start (loads the handler): ${first.p50.toFixed(0)} ms, not counted below`);
    console.log(line('raw SQS SendMessage', raw));
    console.log(line('POST /api/notifications', warmIntake));
    console.log(
      `  intake throughput is ${((warmIntake.perSecond / raw.perSecond) * 100).toFixed(0)}% of raw SQS; p99 ${(warmIntake.p99 / raw.p99).toFixed(1)}×`,
    );

    // Let the warm-up notifications drain so that part 2 starts from a quiet system.
    await drain(system, 1 + warmIntake.count - warmIntake.failures, warmStarted, DRAIN_SECONDS);
    if (cutShort.signal.aborted) return;

    // 2. End to end.
    const pid = readLiveEndpoints(system.dataDir)?.pid;
    const intakePoster = poster(system, runId, N);
    const cpuBefore = pid === undefined ? undefined : sampleCpu(pid);
    const ownCpuBefore = process.cpuUsage();
    const since = new Date().toISOString();
    const started = performance.now();
    const intake = await timed(N, CONCURRENCY, intakePoster.post);
    intakePoster.close();
    if (process.env.BENCH_LATENCIES)
      writeFileSync(
        process.env.BENCH_LATENCIES,
        intake.samples.map(([start, latency]) => `${start.toFixed(1)} ${latency.toFixed(1)}\n`).join(''),
      );
    const accepted = intake.count - intake.failures;
    console.log(`\nEnd to end: ${intake.count} notifications, ${CONCURRENCY} at a time`);
    console.log(line('POST /api/notifications (triage running)', intake));
    console.log(spread(intake));
    if (process.env.BENCH_INTAKE_ONLY === '1') {
      const cpuAfterIntake = pid === undefined ? undefined : sampleCpu(pid);
      if (cpuBefore && cpuAfterIntake)
        console.log(
          `  system CPU per notification while they arrived: ${cpuPerItem(cpuBefore, cpuAfterIntake, intake.count)}`,
        );
      console.log(
        `  benchmark's own CPU per notification (sending): ${cpuMsPer(process.cpuUsage(ownCpuBefore), intake.count).toFixed(2)} ms`,
      );
      return;
    }
    const { waited, triagedSeconds } = await drain(system, accepted, started, DRAIN_SECONDS);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = pid === undefined ? undefined : sampleCpu(pid);
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const counts = await census(system, { since, readByKey: true });
    const awaiting =
      (counts.byStatus['awaiting-decision'] ?? 0) +
      (counts.byStatus['awaiting-manager'] ?? 0) +
      (counts.byStatus.decided ?? 0);
    // Acknowledgements are sent from their own queue at SES's rate, so they may finish after triage.
    const triaged = triagedSeconds ?? seconds;
    console.log(
      `  accepted ${accepted}; all past triage (awaiting decision) in ${triaged.toFixed(1)} s: ${(awaiting / triaged).toFixed(1)} contacts/s`,
    );
    console.log(
      `  reached awaiting decision and acknowledged ${awaiting} in ${seconds.toFixed(1)} s: ${(awaiting / seconds).toFixed(1)} contacts/s end to end${ending(waited)}`,
    );
    console.log(
      `  failed ${counts.byStatus['triage-failed'] ?? 0}, stuck ${counts.unfinished}, ` +
        `duplicated ${Math.max(0, counts.total - accepted) + counts.duplicatedAcknowledgements}, unacknowledged ${counts.unacknowledged} (${counts.acknowledgementPending} recorded as pending), ` +
        `read by key older than stored ${counts.staleReads}`,
    );
    console.log(`  by status: ${JSON.stringify(counts.byStatus)}`);
    // CPU time depends far less on the neighbours than throughput does, so it is what compares two runs.
    if (cpuBefore && cpuAfter && awaiting)
      console.log(
        `  system CPU per contact (intake, triage, acknowledgement): ${cpuPerItem(cpuBefore, cpuAfter, awaiting)}`,
      );
    // The load generator shares the same cores: what it uses, the system cannot.
    if (awaiting)
      console.log(
        `  benchmark's own CPU per contact (sending, counting, reading the system's log): ${cpuMsPer(ownCpu, awaiting).toFixed(1)} ms`,
      );
  } finally {
    if (process.env.BENCH_LOG) writeFileSync(process.env.BENCH_LOG, system.output());
    await system.stop();
  }
};

const ending = (waited: Waited) =>
  cutShort.signal.aborted
    ? ' (cut short by a signal)'
    : waited === 'done'
      ? ''
      : waited === 'dead-lettered'
        ? ' (stopped waiting: a message was dead-lettered)'
        : ` (stopped waiting after ${DRAIN_SECONDS} s)`;

/** The statuses of a contact whose triage has not ended. */
const WAITING = ['received', 'triaging'] as const;

/** Messages a queue holds, waiting or in flight, from its output name: cheap to ask at any depth. */
const queueHolds = async (system: RunningLocalSystem, output: string): Promise<number> => {
  const queueUrl = system.endpoints.outputs[output];
  if (!queueUrl) throw new Error(`The template has no output ${output}`);
  const sqs = new SQSClient(system.clientConfig('sqs'));
  try {
    return await new SqsQueue(queueUrl, sqs).messagesHeld();
  } finally {
    sqs.destroy();
  }
};

/**
 * Waits until `expected` contacts sent from `started` on are past triage with their
 * acknowledgements sent, printing progress; `waited` says whether they were, or the time ran out,
 * a signal cut it short or a message was dead-lettered, and `triagedSeconds` when the last left triage
 * (acknowledgements may still be queued).
 *
 * The benchmark must not be what slows the system it measures. Counting the contacts still
 * `received` on the status index reads every one of them (dynalite reads each item of a Query,
 * even for a count), and during a 10,000 burst that was thousands of items every few seconds on
 * the emulators' thread; the census scans the whole table. So both waits look first at what is
 * cheap at any depth (queue depths, the few contacts `triaging`) and ask the costly question only
 * once those say the wait may be over, when the answer is cheap too.
 */
const drain = async (
  system: RunningLocalSystem,
  expected: number,
  started: number,
  seconds: number,
): Promise<{ waited: Waited; triagedSeconds?: number }> => {
  const deadline = Date.now() + seconds * 1000;
  const triaged = await waitForTriage(system, expected, started, deadline);
  if (triaged !== 'done') return { waited: triaged };
  const triagedSeconds = (performance.now() - started) / 1000;
  return { waited: await waitForAcknowledgements(system, started, deadline), triagedSeconds };
};

type Waited = 'done' | 'dead-lettered' | 'out of time';

/**
 * Until no contact is `received` or `triaging`. Progress is the triage queue's depth plus the
 * contacts `triaging`: a contact whose execution has started but whose BeginTriage has not yet
 * run is in neither (its message is deleted once StartExecution succeeds), so "past triage" may
 * run up to the open executions ahead; only the exact count on the status index ends the wait.
 */
const waitForTriage = async (
  system: RunningLocalSystem,
  expected: number,
  started: number,
  deadline: number,
): Promise<Waited> => {
  let last = { at: started, past: 0 };
  while (Date.now() < deadline && !cutShort.signal.aborted) {
    const queued = await queueHolds(system, 'TriageQueueUrl');
    const counts = await countByStatus(system, ['triaging', 'triage-failed']);
    const unfinished = queued + (counts.triaging ?? 0);
    const now = performance.now();
    if (now - last.at >= PROGRESS_SECONDS * 1000) {
      const past = Math.max(0, expected - unfinished);
      console.log(
        `${elapsed(started, now)} about ${past} past triage, ${queued} queued, ${counts.triaging} triaging, ` +
          `${counts['triage-failed']} failed; ${(((past - last.past) / (now - last.at)) * 1000).toFixed(1)}/s`,
      );
      last = { at: now, past };
    }
    if (unfinished === 0) {
      const exact = await countByStatus(system, WAITING);
      if (WAITING.every((status) => !exact[status])) return 'done';
      // Some contact is `received` with no message queued: lost, or dead-lettered.
      if (await queueHolds(system, 'TriageQueueDeadLettersUrl')) return deadLettered('triage');
    }
    // The last few seconds' work: look every second, so the end of triage is timed closely. A
    // contact left `received` with nothing queued is looked for only every few seconds.
    await pause(unfinished > 0 && unfinished < NEARLY_DONE ? 1000 : PROGRESS_SECONDS * 1000);
  }
  return 'out of time';
};

/**
 * Until no acknowledgement is pending. The queue's depth each second; the census only once the
 * queue is empty, and then every few seconds while it still finds one pending (a red contact's
 * acknowledgement is queued only once the duty alert has gone; a lost message waits for the
 * sweeper).
 */
const waitForAcknowledgements = async (
  system: RunningLocalSystem,
  started: number,
  deadline: number,
): Promise<Waited> => {
  let printed = performance.now();
  while (Date.now() < deadline && !cutShort.signal.aborted) {
    const queued = await queueHolds(system, 'AcknowledgementQueueUrl');
    const now = performance.now();
    if (now - printed >= PROGRESS_SECONDS * 1000) {
      console.log(`${elapsed(started, now)} all past triage, ${queued} acknowledgements queued`);
      printed = now;
    }
    if (queued === 0) {
      if ((await census(system)).acknowledgementPending === 0) return 'done';
      if (await queueHolds(system, 'AcknowledgementQueueDeadLettersUrl')) return deadLettered('acknowledgement');
      await pause(PROGRESS_SECONDS * 1000);
    } else await pause(1000);
  }
  return 'out of time';
};

const elapsed = (started: number, now: number) => `  … ${((now - started) / 1000).toFixed(0).padStart(5)} s:`;

const deadLettered = (queue: string): Waited => {
  console.log(`  a message went to the ${queue} queue's dead-letter queue: stopped waiting`);
  return 'dead-lettered';
};

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
