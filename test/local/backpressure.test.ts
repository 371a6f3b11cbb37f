/** The local runtime's backpressure: a per-function cap, and execution records that stay cheap to keep. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ConcurrencyLimit, LambdaInvoker, type LocalFunction } from '../../infra/local/lambda';
import { ExecutionStore, type ExecutionRecord } from '../../infra/local/step-functions';

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

describe('the two lanes of local invocations', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'front-door-lanes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A handler that records when it starts and finishes when the test says so. */
  const gatedFunction = (name: string): LocalFunction => {
    const entry = join(dir, `${name}.js`);
    writeFileSync(entry, `exports.handler = (event) => globalThis.laneTest.run(event);`);
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
    await tick();
    const afterRequests = [...started];
    for (const label of ['work 2', 'work 3', 'work 4']) finish.get(label)?.();
    await tick();
    finish.get('work 4')?.();
    await Promise.all(running);

    // Assess: requests beyond the local cap never waited; the work lane narrowed to one while they ran.
    expect(whileRequestsRun).toEqual(['work 1', 'work 2', 'request 1', 'request 2', 'request 3']);
    expect(afterOneWorkEnds).toEqual(whileRequestsRun);
    expect(afterRequests).toEqual([...whileRequestsRun, 'work 3']);
    expect(started).toEqual([...afterRequests, 'work 4']);
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
