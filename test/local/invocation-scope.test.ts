/**
 * Each local invocation sees its own function: its name, request id, remaining time and
 * environment, in its Lambda context, in process.env and in the function_name its log lines
 * carry, though every handler shares one process, one module graph and one Powertools logger.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionEnvironment, inScope } from '../../infra/local/invocation-scope';
import { LambdaInvoker, type LocalFunction } from '../../infra/local/lambda';

const LIB = join(__dirname, '..', '..', 'functions', 'lib');

interface Seen {
  functionName: string;
  requestId: string;
  remainingMs: number;
  memoryLimitInMB: string;
  fromEnvironment: Record<string, string | null>;
  loadedAs: string | null;
}

describe('a local invocation', () => {
  let dir: string;
  let stdout: jest.SpyInstance;
  let written: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'front-door-scope-'));
    written = [];
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    stdout.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A handler that gives the shared logger its Lambda context as every Front Door handler's
   * injectLambdaContext does (middy itself is an ES module jest cannot require), waits for the
   * test's word before it logs, and reports what it sees.
   */
  const observedFunction = (name: string, timeoutSeconds: number, environment: Record<string, string>) => {
    const entry = join(dir, `${name}.js`);
    writeFileSync(
      entry,
      `const { logger } = require(${JSON.stringify(join(LIB, 'observability.ts'))});
const loadedAs = process.env.AWS_LAMBDA_FUNCTION_NAME ?? null;
const read = (name) => process.env[name] ?? null;
exports.handler = async (event, context) => {
  logger.addContext(context);
  await globalThis.scopeTest.waitFor(context.functionName);
  logger.info('handled');
  return {
    functionName: context.functionName,
    requestId: context.awsRequestId,
    remainingMs: context.getRemainingTimeInMillis(),
    memoryLimitInMB: context.memoryLimitInMB,
    fromEnvironment: Object.fromEntries(event.names.map((name) => [name, read(name)])),
    loadedAs,
  };
};`,
    );
    const fn: LocalFunction = {
      logicalId: name,
      name: `front-door-${name}`,
      arn: `arn:aws:lambda:eu-west-2:000000000000:function:front-door-${name}`,
      entry,
      exportName: 'handler',
      timeoutSeconds,
      memoryMb: timeoutSeconds > 60 ? 1024 : 512,
      environment,
    };
    return fn;
  };

  /**
   * Holds each invocation until the test lets it go; `bothWaiting` settles once two wait, or as
   * soon as either invocation fails.
   */
  const gate = () => {
    const release = new Map<string, () => void>();
    let bothWaitingNow: () => void;
    const waiting = new Promise<void>((resolveWaiting) => (bothWaitingNow = resolveWaiting));
    (globalThis as { scopeTest?: unknown }).scopeTest = {
      waitFor: (functionName: string) =>
        new Promise<void>((resolveWait) => {
          release.set(functionName, resolveWait);
          if (release.size === 2) bothWaitingNow();
        }),
    };
    return {
      release: (fn: LocalFunction) => release.get(fn.name)!(),
      bothWaiting: (...invocations: Promise<unknown>[]) => Promise.race([waiting, ...invocations]),
    };
  };

  it("sees its own function's name, request id, time left and environment while another function runs", async () => {
    // Prepare: two functions with a variable of the same name and one each alone; each invocation
    // waits until the test lets it go, so the second starts while the first is still running.
    const { release, bothWaiting } = gate();
    const reports = observedFunction('Reports', 900, { AREA: 'north', ONLY_REPORTS: 'yes' });
    const intake = observedFunction('Intake', 3, { AREA: 'south', ONLY_INTAKE: 'yes' });
    const invoker = new LambdaInvoker([reports, intake], () => undefined);
    const names = [
      'AREA',
      'ONLY_REPORTS',
      'ONLY_INTAKE',
      'AWS_LAMBDA_FUNCTION_NAME',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
    ];

    // Act: Reports starts first, Intake second (its context is the logger's last), Reports logs first.
    const first = invoker.invoke(reports, { names }, 'work') as Promise<Seen>;
    const second = invoker.invoke(intake, { names }, 'request') as Promise<Seen>;
    await bothWaiting(first, second);
    release(reports);
    const seenByReports = await first;
    release(intake);
    const seenByIntake = await second;

    // Assess
    expect(seenByReports).toMatchObject({
      functionName: 'front-door-Reports',
      memoryLimitInMB: '1024',
      fromEnvironment: {
        AREA: 'north',
        ONLY_REPORTS: 'yes',
        ONLY_INTAKE: null,
        AWS_LAMBDA_FUNCTION_NAME: 'front-door-Reports',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      },
      loadedAs: 'front-door-Reports',
    });
    expect(seenByIntake).toMatchObject({
      functionName: 'front-door-Intake',
      memoryLimitInMB: '512',
      fromEnvironment: {
        AREA: 'south',
        ONLY_REPORTS: null,
        ONLY_INTAKE: 'yes',
        AWS_LAMBDA_FUNCTION_NAME: 'front-door-Intake',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      },
      loadedAs: 'front-door-Intake',
    });
    expect(seenByReports.requestId).not.toEqual(seenByIntake.requestId);
    // Each counts down from its own Timeout: Reports' 900 s leave it more than Intake's 3 s hold.
    expect(seenByReports.remainingMs).toBeLessThanOrEqual(900_000);
    expect(seenByReports.remainingMs).toBeGreaterThan(3_000);
    expect(seenByIntake.remainingMs).toBeLessThanOrEqual(3_000);
    // The runtime's own process.env is untouched by either function's variables.
    expect(process.env.ONLY_REPORTS).toBeUndefined();
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it('logs with the function_name and request id of the invocation that wrote the line', async () => {
    // Prepare
    const { release, bothWaiting } = gate();
    const reports = observedFunction('Reports', 900, {});
    const intake = observedFunction('Intake', 3, {});
    const invoker = new LambdaInvoker([reports, intake], () => undefined);

    // Act: Intake starts last, so a logger shared as before would name it in Reports' line too.
    const first = invoker.invoke(reports, { names: [] }, 'work') as Promise<Seen>;
    const second = invoker.invoke(intake, { names: [] }, 'work') as Promise<Seen>;
    await bothWaiting(first, second);
    release(reports);
    const seenByReports = await first;
    release(intake);
    const seenByIntake = await second;

    // Assess
    const lines = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"handled"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ function_name: 'front-door-Reports', function_request_id: seenByReports.requestId }),
      expect.objectContaining({ function_name: 'front-door-Intake', function_request_id: seenByIntake.requestId }),
    ]);
  });
});

describe("per-invocation state read outside an invocation's scope", () => {
  it('is said once, loudly: Powertools would keep a batch’s failures where they are not reported', () => {
    // Prepare: the scope installed by an invocation, and the runtime's log watched.
    const logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const environment = functionEnvironment({ name: 'consumer', memoryMb: 256, environment: {} }, 8);
    const inside = inScope(environment, 'request-1', () => process.env.AWS_LAMBDA_MAX_CONCURRENCY);

    // Act: read twice outside any scope.
    const outside = [process.env.AWS_LAMBDA_MAX_CONCURRENCY, process.env.AWS_LAMBDA_MAX_CONCURRENCY];

    // Assess
    const lines = logged.mock.calls.map(([line]) => String(line));
    logged.mockRestore();
    expect(inside).toBe('8');
    expect(outside).toEqual([undefined, undefined]);
    expect(lines).toEqual([
      expect.stringMatching(/^! AWS_LAMBDA_MAX_CONCURRENCY was read outside any invocation's scope \(.*test\/local/),
    ]);
  });
});
