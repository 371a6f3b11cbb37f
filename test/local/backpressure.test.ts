/**
 * The local runtime's backpressure: a per-function cap, a cap on open executions that keeps a
 * backlog in the queue, and execution records that stay cheap to keep.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import {
  ConcurrencyLimit,
  IDLE_CHECK_MS,
  LambdaInvoker,
  REQUESTS_SETTLE_MS,
  stepPriority,
  WORK_PRIORITY,
  WorkQueue,
  type LocalFunction,
} from '../../infra/local/lambda';
import { SqsPoller } from '../../infra/local/sqs-poller';
import {
  ExecutionStore,
  SfnApiError,
  stateDepths,
  stateMachinesStartedBy,
  StepFunctionsEngine,
  type ExecutionRecord,
  type LocalStateMachine,
} from '../../infra/local/step-functions';
import { LocalDeployment } from '../../infra/local/template';

/** A function whose handler is `body`, written to a file in `dir` for the invoker to load. */
const aLocalFunction = (dir: string, name: string, body: string): LocalFunction => {
  const entry = join(dir, `${name}.js`);
  writeFileSync(entry, `exports.handler = ${body};`);
  return {
    logicalId: name,
    name,
    arn: `arn:aws:lambda:eu-west-2:000000000000:function:${name}`,
    entry,
    exportName: 'handler',
    timeoutSeconds: 30,
    memoryMb: 128,
    environment: {},
  };
};
const tick = () => new Promise((resolveTick) => setTimeout(resolveTick, 5));
const until = async (condition: () => boolean) => {
  while (!condition()) await tick();
};

describe('a function concurrency limit', () => {
  it('runs at most its limit at once and lets the rest wait their turn, in order', async () => {
    // Prepare
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = async (i: number) => {
      const release = await limit.acquire();
      running += 1;
      most = Math.max(most, running);
      order.push(i);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      release();
    };

    // Act
    await Promise.all(Array.from({ length: 7 }, (_, i) => work(i)));

    // Assess
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('the order of waiting work', () => {
  it('starts the waiting work of the highest priority first, in arrival order within one, and never behind a function at its cap', async () => {
    // Prepare: the lane's one slot is held; work of every kind waits, two acknowledgements for a function of concurrency 1.
    let width = 1;
    const queue = new WorkQueue(() => width);
    const order: string[] = [];
    let holdingAck: () => void = () => undefined;
    const take = (label: string, fn: string, cap: number, priority: number) =>
      queue.acquire(fn, cap, priority).then((release) => {
        order.push(label);
        // The first acknowledgement keeps its function's one place until the rest have run.
        if (label === 'acknowledgement 1') holdingAck = release;
        else release();
      });
    const releaseRunning = await queue.acquire('Begin', 4, stepPriority(0));
    const turns = [
      take('new contacts', 'Start', 2, WORK_PRIORITY.starts),
      take('first step', 'Begin', 4, stepPriority(0)),
      take('last step', 'Apply', 4, stepPriority(5)),
      take('acknowledgement 1', 'Ack', 1, WORK_PRIORITY.finishes),
      take('acknowledgement 2', 'Ack', 1, WORK_PRIORITY.finishes),
      take('later last step', 'Apply', 4, stepPriority(5)),
    ];

    // Act: the lane widens to two and the running work ends; then the first acknowledgement ends.
    width = 2;
    releaseRunning();
    await Promise.all(turns.filter((_, i) => i !== 4));
    const whileAckHeld = [...order];
    holdingAck();
    await Promise.all(turns);

    // Assess: the second acknowledgement waited for its function's place, and the rest went by it.
    expect(whileAckHeld).toEqual(['acknowledgement 1', 'last step', 'later last step', 'first step', 'new contacts']);
    expect(order).toEqual([...whileAckHeld, 'acknowledgement 2']);
  });

  it('says work would start soon only while its function has room and nothing of its priority or above waits', async () => {
    // Prepare: one slot, held by a step.
    const queue = new WorkQueue(() => 1);
    const releaseStep = await queue.acquire('Apply', 4, stepPriority(5));

    // Act: a step waits; then it runs; then the acknowledgement function is at its cap.
    const waitingStep = queue.acquire('Apply', 4, stepPriority(5));
    const whileStepWaits = {
      acknowledgement: queue.startsSoon('Ack', 1, WORK_PRIORITY.finishes),
      newContacts: queue.startsSoon('Start', 2, WORK_PRIORITY.starts),
    };
    releaseStep();
    const releaseWaiting = await waitingStep;
    const nothingWaits = queue.startsSoon('Start', 2, WORK_PRIORITY.starts);
    releaseWaiting();
    const releaseAck = await queue.acquire('Ack', 1, WORK_PRIORITY.finishes);
    const ackAtItsCap = queue.startsSoon('Ack', 1, WORK_PRIORITY.finishes);
    releaseAck();

    // Assess
    expect(whileStepWaits).toEqual({ acknowledgement: true, newContacts: false });
    expect(nothingWaits).toBe(true);
    expect(ackAtItsCap).toBe(false);
  });

  it('spaces the starts of work while told to (requests running), and starts the rest at once when no longer told', async () => {
    // Prepare: a lane of one whose spacing the test switches, as requests starting and ending do.
    let spacingMs = 60;
    const queue = new WorkQueue(
      () => 1,
      () => spacingMs,
    );
    const startedAt: number[] = [];
    const run = () =>
      queue.acquire('Begin', 4, stepPriority(0)).then((release) => {
        startedAt.push(Date.now());
        release();
      });

    // Act: three pieces of work, spaced; then three more, the spacing (now long) switched off once they wait.
    await Promise.all([run(), run(), run()]);
    const spaced = [...startedAt];
    spacingMs = 10_000;
    const unspaced = [run(), run(), run()];
    spacingMs = 0;
    queue.admit();
    await Promise.all(unspaced);

    // Assess: the queue measures the spacing with performance.now(), these with Date.now()
    const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);
    expect(gaps(spaced).every((gap) => gap >= 58)).toBe(true);
    expect(startedAt).toHaveLength(6);
    expect(startedAt.at(-1)! - spaced.at(-1)!).toBeLessThan(1_000);
  });

  it("ranks a state machine's states by how far they are from the start, a Catch's handler after what it catches for", () => {
    // Prepare: triage's shape, with a choice and a failure handler.
    const task = (next: string) => ({ Type: 'Task', Next: next, Catch: [{ Next: 'MarkFailed' }] });
    const definition = {
      StartAt: 'Begin',
      States: {
        Begin: task('AboutAnAdult'),
        AboutAnAdult: { Type: 'Choice', Choices: [{ Next: 'Refer' }], Default: 'Match' },
        Refer: task('Match'),
        Match: task('Apply'),
        Apply: { Type: 'Task', End: true, Catch: [{ Next: 'MarkFailed' }] },
        MarkFailed: { Type: 'Task', Next: 'Failed' },
        Failed: { Type: 'Fail' },
      },
    };

    // Act
    const depths = stateDepths(definition);

    // Assess
    expect(Object.fromEntries(depths)).toEqual({
      Begin: 0,
      AboutAnAdult: 1,
      Refer: 2,
      Match: 3,
      Apply: 4,
      MarkFailed: 5,
      Failed: 6,
    });
  });
});

describe('the two lanes of local invocations', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'front-door-lanes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A handler that records when it starts and finishes when the test says so. */
  const gatedFunction = (name: string) => aLocalFunction(dir, name, '(event) => globalThis.laneTest.run(event)');

  it('serves requests at once while queued work waits, and lets the work go on when the requests end', async () => {
    // Prepare: two work invocations hold the lane's slots; more work and a request arrive.
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    (globalThis as { laneTest?: unknown }).laneTest = {
      run: (label: string) =>
        new Promise<string>((resolveRun) => {
          started.push(label);
          finish.set(label, () => resolveRun(label));
        }),
    };
    const work = gatedFunction('Work');
    const api = gatedFunction('Api');
    const invoker = new LambdaInvoker([work, api], () => undefined, 4, 2);
    const tick = () => new Promise((resolveTick) => setTimeout(resolveTick, 20));
    const running = ['work 1', 'work 2', 'work 3', 'work 4'].map((label) => invoker.invoke(work, label, 'work'));
    await tick();
    const requests = ['request 1', 'request 2', 'request 3'].map((label) => invoker.invoke(api, label, 'request'));
    await tick();
    const whileRequestsRun = [...started];

    // Act: the first work ends while the requests still run, then the requests end.
    finish.get('work 1')!();
    await tick();
    const afterOneWorkEnds = [...started];
    for (const label of ['request 1', 'request 2', 'request 3']) finish.get(label)!();
    await Promise.all(requests);
    const ended = Date.now();
    await until(() => started.length > whileRequestsRun.length);
    const settledAfter = Date.now() - ended;
    const afterRequests = [...started];
    for (const label of ['work 2', 'work 3', 'work 4']) finish.get(label)?.();
    await tick();
    finish.get('work 4')?.();
    await Promise.all(running);

    // Assess: requests beyond the local cap never waited; the work lane narrowed to one while they
    // ran, and widened again a moment after they ended.
    expect(whileRequestsRun).toEqual(['work 1', 'work 2', 'request 1', 'request 2', 'request 3']);
    expect(afterOneWorkEnds).toEqual(whileRequestsRun);
    expect(settledAfter).toBeGreaterThanOrEqual(REQUESTS_SETTLE_MS - 5);
    expect(afterRequests).toEqual([...whileRequestsRun, 'work 3']);
    expect(started).toEqual([...afterRequests, 'work 4']);
  });

  it('says when the system is idle, no request or work running or waiting, for housekeeping to go last', async () => {
    // Prepare
    const finish = new Map<string, () => void>();
    (globalThis as { laneTest?: unknown }).laneTest = {
      run: (label: string) => new Promise<string>((resolveRun) => finish.set(label, () => resolveRun(label))),
    };
    const work = gatedFunction('Work');
    const api = gatedFunction('Api');
    const invoker = new LambdaInvoker([work, api], () => undefined, 1, 1);
    const idle = jest.fn();
    const longerThanALook = () => new Promise((resolveLater) => setTimeout(resolveLater, IDLE_CHECK_MS + 200));
    const request = invoker.invoke(api, 'request', 'request');
    await until(() => finish.has('request'));

    // Act: a request alone, then work running and work waiting, then nothing.
    const waiting = invoker.whenIdle(60_000).then(idle);
    await longerThanALook();
    const whileTheRequestRan = idle.mock.calls.length;
    const running = [invoker.invoke(work, 'work 1', 'work'), invoker.invoke(work, 'work 2', 'work')];
    finish.get('request')!();
    await request;
    await until(() => finish.has('work 1'));
    finish.get('work 1')!();
    await until(() => finish.has('work 2'));
    await longerThanALook();
    const whileWorkRan = idle.mock.calls.length;
    finish.get('work 2')!();
    await Promise.all(running);
    await waiting;
    const request2 = invoker.invoke(api, 'request 2', 'request');
    await until(() => finish.has('request 2'));
    const beforeADeadline = Date.now();
    await invoker.whenIdle(300);
    const untilTheDeadline = Date.now() - beforeADeadline;
    const stopping = new AbortController();
    const beforeAnAbort = Date.now();
    const aborted = invoker.whenIdle(60_000, stopping.signal);
    stopping.abort();
    await aborted;
    const untilTheAbort = Date.now() - beforeAnAbort;
    finish.get('request 2')!();
    await request2;

    // Assess
    expect(whileTheRequestRan).toBe(0);
    expect(whileWorkRan).toBe(0);
    expect(idle).toHaveBeenCalledTimes(1);
    expect(untilTheDeadline).toBeGreaterThanOrEqual(290);
    expect(untilTheDeadline).toBeLessThan(2_000);
    expect(untilTheAbort).toBeLessThan(IDLE_CHECK_MS + 1_000);
  });

  it('loads every handler at start-up, so no caller waits for a module to load', async () => {
    // Prepare: handlers that note when their module is loaded.
    const loaded: string[] = [];
    (globalThis as { laneTest?: unknown }).laneTest = { loaded, run: async (label: string) => label };
    const functions = ['Api', 'Work'].map((name) => {
      const fn = gatedFunction(name);
      writeFileSync(fn.entry, `globalThis.laneTest.loaded.push('${name}');\n${readFileSync(fn.entry, 'utf8')}`);
      return fn;
    });
    const invoker = new LambdaInvoker(functions, () => undefined);

    // Act
    await invoker.loadAll();
    const beforeAnyInvocation = [...loaded];
    await invoker.invoke(functions[0]!, 'request', 'request');

    // Assess
    expect(beforeAnyInvocation).toEqual(['Api', 'Work']);
    expect(loaded).toEqual(['Api', 'Work']);
  });
});

describe('a queue poller and the work lane', () => {
  let dir: string;
  let started: string[];
  let finish: Map<string, () => void>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'front-door-poller-lane-'));
    started = [];
    finish = new Map();
    (globalThis as { pollerLaneTest?: unknown }).pollerLaneTest = {
      step: (label: string) =>
        new Promise<void>((resolveStep) => {
          started.push(label);
          finish.set(label, resolveStep);
        }),
      consume: (event: { Records: Array<{ body: string }> }) =>
        started.push(`batch of ${event.Records.map((r) => r.body).join(', ')}`),
    };
  });
  afterEach(() => {
    for (const done of finish.values()) done();
    rmSync(dir, { recursive: true, force: true });
  });

  const localFunction = (name: string, body: string) => aLocalFunction(dir, name, body);
  /** A lane of two, both held by triage steps, a third piece of work waiting at `waiting`; and a poller for `consumer`. */
  const aBusyLane = async (startsExecutions: boolean, waiting = stepPriority(1)) => {
    const step = localFunction('Step', '(label) => globalThis.pollerLaneTest.step(label)');
    const consumer = localFunction('Consumer', 'async (event) => globalThis.pollerLaneTest.consume(event)');
    const invoker = new LambdaInvoker([step, consumer], () => undefined, 4, 2);
    await invoker.loadAll();
    const steps = ['step 1', 'step 2', 'step 3'].map((label, i) =>
      invoker.invoke(step, label, 'work', i < 2 ? stepPriority(1) : waiting),
    );
    await until(() => started.length === 2);
    const queue = new QueueStub(['contact-0']);
    const poller = new SqsPoller(
      queue,
      [
        {
          logicalId: 'ConsumerMapping',
          queueArn: 'arn:aws:sqs:eu-west-2:000000000000:Work',
          queueUrl: 'http://127.0.0.1/000000000000/Work',
          fn: consumer,
          batchSize: 10,
          batchingWindowMs: 0,
          reportBatchItemFailures: true,
          concurrency: 1,
          // No engine is given, so this only says which kind of consumer it is.
          startsExecutionsOf: startsExecutions ? ['arn:aws:states:eu-west-2:000000000000:stateMachine:Triage'] : [],
        },
      ],
      invoker,
      () => undefined,
    );
    return { invoker, step, steps, queue, poller };
  };

  it('receives only when its batch would start soon, so no message waits out its visibility timeout in the lane', async () => {
    // Prepare: a consumer that starts new contacts, behind work that finishes a contact already in.
    const { invoker, step, steps, queue, poller } = await aBusyLane(true, WORK_PRIORITY.finishes);

    // Act: the poller starts while a step waits; a step ends, and the waiting one starts.
    poller.start();
    for (let i = 0; i < 5; i++) await tick();
    const receivesWhileStepWaited = queue.asked.length;
    finish.get('step 1')!();
    await until(() => queue.asked.length > 0);
    // Work queued after the batch was received, while the lane is still full.
    const later = invoker.invoke(step, 'step 4', 'work', stepPriority(1));
    await tick();
    finish.get('step 2')!();
    await until(() => queue.deleted.length === 1);
    for (const label of ['step 3', 'step 4']) {
      await until(() => finish.has(label));
      finish.get(label)!();
    }
    await Promise.all([...steps, later]);
    await poller.stop();

    // Assess
    expect(receivesWhileStepWaited).toBe(0);
    expect(started).toEqual(['step 1', 'step 2', 'step 3', 'batch of contact-0', 'step 4']);
  });

  it.each([
    ['that finishes contacts (acknowledgements)', false],
    ['that starts executions, whose width the open-execution cap bounds,', true],
  ])("takes a consumer's batch %s ahead of the triage steps waiting", async (_, startsExecutions) => {
    // Prepare
    const { steps, queue, poller } = await aBusyLane(startsExecutions);

    // Act: a step ends while the third waits.
    poller.start();
    await until(() => queue.asked.length > 0);
    finish.get('step 1')!();
    await until(() => queue.deleted.length === 1);
    finish.get('step 2')!();
    await until(() => finish.has('step 3'));
    finish.get('step 3')!();
    await Promise.all(steps);
    await poller.stop();

    // Assess
    expect(started).toEqual(['step 1', 'step 2', 'batch of contact-0', 'step 3']);
  });
});

describe('the local execution records', () => {
  const record = (name: string, status: ExecutionRecord['status']): ExecutionRecord => ({
    executionArn: `arn:aws:states:eu-west-2:000000000000:execution:Triage:${name}`,
    stateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Triage',
    name,
    status,
    input: '{}',
    startDate: new Date(0).toISOString(),
    history: [],
  });
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'front-door-executions-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one line per change, and after a restart reads the latest state of each, running ones as aborted', () => {
    // Prepare
    const file = join(dir, 'executions.json');
    const store = new ExecutionStore(file);
    store.save(record('done', 'RUNNING'));
    store.save(record('done', 'SUCCEEDED'));
    store.save(record('cut-off', 'RUNNING'));
    // A crash part-way through writing a line leaves it unreadable; it must not stop a restart.
    appendFileSync(file, '{"executionArn":"arn:aws:st');

    // Act
    const restarted = new ExecutionStore(file);

    // Assess
    expect(restarted.get(record('done', 'RUNNING').executionArn)?.status).toBe('SUCCEEDED');
    expect(restarted.get(record('cut-off', 'RUNNING').executionArn)).toMatchObject({
      status: 'ABORTED',
      error: 'Local.RuntimeStopped',
    });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('reads a data folder written before the journal, one JSON array', () => {
    // Prepare
    const file = join(dir, 'executions.json');
    appendFileSync(file, JSON.stringify([record('old', 'SUCCEEDED')]));

    // Act
    const store = new ExecutionStore(file);

    // Assess
    expect(store.get(record('old', 'SUCCEEDED').executionArn)?.status).toBe('SUCCEEDED');
  });
});

describe('the cap on open executions', () => {
  let dir: string;
  /** Each execution's one task waits until the test lets it finish. */
  let finishers: Array<() => void>;
  let started: string[];
  let engine: StepFunctionsEngine;
  let logged: string[];
  const machine: LocalStateMachine = {
    logicalId: 'Triage',
    name: 'Triage',
    arn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Triage',
    definition: {
      StartAt: 'Step',
      States: { Step: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:Step', End: true } },
    } as LocalStateMachine['definition'],
  };
  const localFunction = (name: string, body: string) => aLocalFunction(dir, name, body);
  const openNow = () => engine.list(machine.arn, 'RUNNING').length;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'front-door-cap-'));
    finishers = [];
    started = [];
    logged = [];
    (globalThis as { capTest?: unknown }).capTest = {
      step: () => new Promise((resolveStep) => finishers.push(() => resolveStep({ done: true }))),
      start: (event: { Records: Array<{ body: string }> }) => {
        for (const record of event.Records) engine.startExecution(machine.arn, `triage-${record.body}`, '{}');
        started.push(...event.Records.map((record) => record.body));
      },
    };
  });
  afterEach(async () => {
    for (const finish of finishers) finish();
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const anEngine = (cap: number, ...functions: LocalFunction[]) =>
    new StepFunctionsEngine(
      [machine],
      new LambdaInvoker([localFunction('Step', '() => globalThis.capTest.step()'), ...functions], () => undefined),
      new ExecutionStore(join(dir, 'executions.json')),
      (line) => logged.push(line),
      cap,
    );

  it('refuses a start beyond the cap as AWS does (ExecutionLimitExceeded) and says so in the log, still answers a repeated start, and makes room as executions end', async () => {
    // Prepare
    engine = anEngine(2);
    engine.startExecution(machine.arn, 'a', '{}');
    engine.startExecution(machine.arn, 'b', '{}');
    await until(() => finishers.length === 2);

    // Act
    const refused = ((): unknown => {
      try {
        engine.startExecution(machine.arn, 'c', '{}');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    const repeated = engine.startExecution(machine.arn, 'a', '{}').status;
    const freed = engine.freed(machine.arn);
    finishers[0]!();
    await freed;
    const roomAfterOneEnds = engine.room(machine.arn);
    engine.startExecution(machine.arn, 'c', '{}');

    // Assess
    expect(refused).toBeInstanceOf(SfnApiError);
    expect((refused as SfnApiError).type).toBe('ExecutionLimitExceeded');
    expect(logged.filter((line) => line.includes('refused'))).toEqual(['⚙ Triage c refused: 2 open, the local limit']);
    expect(repeated).toBe('RUNNING');
    expect(roomAfterOneEnds).toBe(1);
    expect(engine.room(machine.arn)).toBe(0);
    expect(
      engine
        .list(machine.arn)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });

  it('keeps the backlog in the queue: the poller takes only as many messages as there is room for, and every one starts once', async () => {
    // Prepare: eight queued contacts, room for three executions, two batches polled at once.
    const start = localFunction('Start', 'async (event) => globalThis.capTest.start(event)');
    engine = anEngine(3, start);
    const queue = new QueueStub(Array.from({ length: 8 }, (_, i) => `contact-${i}`));
    const poller = new SqsPoller(
      queue,
      [
        {
          logicalId: 'StartTriageMapping',
          queueArn: 'arn:aws:sqs:eu-west-2:000000000000:Triage',
          queueUrl: 'http://127.0.0.1/000000000000/Triage',
          fn: start,
          batchSize: 10,
          batchingWindowMs: 0,
          reportBatchItemFailures: true,
          concurrency: 2,
          startsExecutionsOf: [machine.arn],
        },
      ],
      new LambdaInvoker([start], () => undefined),
      () => undefined,
      engine,
    );
    let mostOpen = 0;
    const watch = setInterval(() => (mostOpen = Math.max(mostOpen, openNow())), 1);

    // Act
    poller.start();
    await until(() => openNow() === 3);
    await tick();
    const waitingWhileFull = queue.visible.length;
    while (queue.deleted.length < 8) {
      finishers.shift()?.();
      await tick();
    }
    for (const finish of finishers) finish();
    await until(() => openNow() === 0);
    clearInterval(watch);
    await poller.stop();

    // Assess
    expect(waitingWhileFull).toBe(5);
    expect(mostOpen).toBe(3);
    expect(Math.max(...queue.asked)).toBeLessThanOrEqual(3);
    expect([...started].sort()).toEqual(queue.bodies);
    expect(engine.list(machine.arn, 'SUCCEEDED')).toHaveLength(8);
  });

  it('leaves the messages in the queue while the API answers a request, and takes them once it has', async () => {
    // Prepare: a request is running when the poller starts.
    let answer: () => void = () => undefined;
    (globalThis as { capTest?: unknown }).capTest = {
      request: () => new Promise<void>((resolveRequest) => (answer = resolveRequest)),
      start: (event: { Records: Array<{ body: string }> }) => started.push(...event.Records.map((r) => r.body)),
    };
    const api = localFunction('Api', '() => globalThis.capTest.request()');
    const start = localFunction('Start', 'async (event) => globalThis.capTest.start(event)');
    const invoker = new LambdaInvoker([api, start], () => undefined);
    const queue = new QueueStub(['contact-0', 'contact-1']);
    const poller = new SqsPoller(
      queue,
      [
        {
          logicalId: 'StartTriageMapping',
          queueArn: 'arn:aws:sqs:eu-west-2:000000000000:Triage',
          queueUrl: 'http://127.0.0.1/000000000000/Triage',
          fn: start,
          batchSize: 10,
          batchingWindowMs: 0,
          reportBatchItemFailures: true,
          concurrency: 2,
          startsExecutionsOf: [],
        },
      ],
      invoker,
      () => undefined,
    );
    const request = invoker.invoke(api, {}, 'request');
    await tick();

    // Act
    poller.start();
    for (let i = 0; i < 5; i++) await tick();
    const receivesWhileRequestRan = queue.asked.length;
    answer();
    await request;
    const ended = Date.now();
    await until(() => queue.asked.length > 0);
    const firstReceiveAfter = Date.now() - ended;
    await until(() => queue.deleted.length === 2);
    await poller.stop();

    // Assess: the poller waited out the moment after the request, as the work lane does
    expect(receivesWhileRequestRan).toBe(0);
    expect(firstReceiveAfter).toBeGreaterThanOrEqual(REQUESTS_SETTLE_MS - 5);
    expect(started.sort()).toEqual(['contact-0', 'contact-1']);
  });

  it('refills in whole batches as room appears, not one message each time an execution ends', async () => {
    // Prepare: forty queued contacts, room for twenty executions, batches of ten, two polled at once.
    const start = localFunction('Start', 'async (event) => globalThis.capTest.start(event)');
    engine = anEngine(20, start);
    const queue = new QueueStub(Array.from({ length: 40 }, (_, i) => `contact-${i}`));
    const invoker = new LambdaInvoker([start], () => undefined);
    const poller = new SqsPoller(
      queue,
      [
        {
          logicalId: 'StartTriageMapping',
          queueArn: 'arn:aws:sqs:eu-west-2:000000000000:Triage',
          queueUrl: 'http://127.0.0.1/000000000000/Triage',
          fn: start,
          batchSize: 10,
          batchingWindowMs: 0,
          reportBatchItemFailures: true,
          concurrency: 2,
          startsExecutionsOf: [machine.arn],
        },
      ],
      invoker,
      () => undefined,
      engine,
    );

    // Act: the executions end one at a time.
    poller.start();
    while (queue.deleted.length < 40 || openNow() > 0) {
      finishers.shift()?.();
      await tick();
    }
    await poller.stop();

    // Assess
    expect(queue.asked.filter((asked) => asked !== 10)).toEqual([]);
    expect([...started].sort()).toEqual(queue.bodies);
    expect(engine.list(machine.arn, 'SUCCEEDED')).toHaveLength(40);
  });

  it('finds the state machines a function may start in its IAM policy', () => {
    // Prepare
    const deployment = new LocalDeployment(
      {
        Resources: {
          Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
          Other: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
          StarterRole: { Type: 'AWS::IAM::Role', Properties: {} },
          Starter: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['StarterRole', 'Arn'] } } },
          StarterPolicy: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              Roles: [{ Ref: 'StarterRole' }],
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'Machine' } },
                  { Effect: 'Allow', Action: ['states:DescribeExecution'], Resource: { Ref: 'Other' } },
                ],
              },
            },
          },
        },
      },
      { sqs: 'http://127.0.0.1', apis: {} },
    );

    // Act
    const started = stateMachinesStartedBy(deployment, 'Starter');

    // Assess
    expect(started).toEqual(['arn:aws:states:eu-west-2:000000000000:stateMachine:Machine']);
  });
});

/** An SQS queue in memory: enough of ReceiveMessage and DeleteMessageBatch for the poller. */
class QueueStub {
  readonly visible: Message[];
  readonly bodies: string[];
  readonly deleted: string[] = [];
  /** MaxNumberOfMessages of each receive. */
  readonly asked: number[] = [];
  private readonly inFlight = new Map<string, Message>();

  constructor(bodies: string[]) {
    this.bodies = [...bodies].sort();
    this.visible = bodies.map((body, i) => ({ MessageId: `m${i}`, ReceiptHandle: `r${i}`, Body: body }));
  }

  async send(command: unknown): Promise<unknown> {
    if (command instanceof ReceiveMessageCommand) {
      const wanted = command.input.MaxNumberOfMessages ?? 1;
      this.asked.push(wanted);
      const messages = this.visible.splice(0, wanted);
      for (const message of messages) this.inFlight.set(message.ReceiptHandle!, message);
      // An empty long poll waits a little rather than spin.
      if (!messages.length) await new Promise((resolveWait) => setTimeout(resolveWait, 5));
      return { Messages: messages };
    }
    if (command instanceof DeleteMessageBatchCommand) {
      for (const entry of command.input.Entries ?? []) {
        this.deleted.push(this.inFlight.get(entry.ReceiptHandle!)!.Body!);
        this.inFlight.delete(entry.ReceiptHandle!);
      }
      return { Failed: [] };
    }
    throw new Error(`not stubbed: ${String(command)}`);
  }

  destroy(): void {}
}
