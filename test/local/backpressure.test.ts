/** The local runtime's backpressure: a per-function cap, and execution records that stay cheap to keep. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyLimit } from '../../infra/local/lambda';
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
    expect(restarted.get(record('cut-off', 'RUNNING').executionArn)).toMatchObject({ status: 'ABORTED', error: 'Local.RuntimeStopped' });
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
