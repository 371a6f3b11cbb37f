import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient, StopExecutionCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { LambdaInvoker } from '../../infra/local/lambda';
import { SfnApiServer } from '../../infra/local/sfn-api';
import { ExecutionStore, StepFunctionsEngine, type LocalStateMachine } from '../../infra/local/step-functions';
import { executionNameFor, StepFunctionsWorkflow } from '../../shared/aws/step-functions-workflow';
import type { TriageWorkflow } from '../../shared/front-door/ports';
import { memoryTriageWorkflow } from '../support/memory-triage-workflow';
import { waitFor } from '../support/wait';

/**
 * The same promises asked of the in-memory triage workflow the use-case tests use and of the Step
 * Functions adapter on the local runtime's Step Functions API (aws-local-stepfunctions behind the
 * API's wire format): one execution per contact and attempt however often it is started, the
 * latest attempt's state, and the contacts whose runs ended (aborted or failed) in a window.
 *
 * The state machine stands in for triage: a contact whose id has `done` in it succeeds at once,
 * one with `fails` fails, and any other waits until it is stopped.
 */
const machine: LocalStateMachine = {
  logicalId: 'Triage',
  name: 'Triage',
  arn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Triage',
  definition: {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.contactId', StringMatches: '*done*', Next: 'Done' },
          { Variable: '$.contactId', StringMatches: '*fails*', Next: 'Fails' },
        ],
        Default: 'Triage',
      },
      Triage: { Type: 'Wait', Seconds: 3600, End: true },
      Done: { Type: 'Succeed' },
      Fails: { Type: 'Fail', Error: 'TriageFailed' },
    },
  } as unknown as LocalStateMachine['definition'],
};

let dir: string;
let engine: StepFunctionsEngine;
let api: SfnApiServer;
let sfn: SFNClient;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'triage-workflow-'));
  engine = new StepFunctionsEngine(
    [machine],
    new LambdaInvoker([], () => undefined),
    new ExecutionStore(join(dir, 'executions.json')),
    () => undefined,
  );
  api = new SfnApiServer(engine, () => undefined);
  sfn = new SFNClient({
    endpoint: await api.listen(0),
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});
afterAll(async () => {
  sfn.destroy();
  await engine.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Harness {
  workflow: TriageWorkflow;
  /** Ends an attempt as an abort would (a running one only). */
  end(contactId: string, attempt: number): Promise<void>;
  /** Waits until a `done` or `fails` contact's attempt has run its course. */
  settled(contactId: string, attempt: number): Promise<void>;
}

const inMemory = async (): Promise<Harness> => {
  const twin = memoryTriageWorkflow();
  return {
    workflow: twin.workflow,
    end: async (contactId, attempt) => twin.end(contactId, attempt),
    settled: async (contactId, attempt) =>
      contactId.includes('done') ? twin.succeed(contactId, attempt) : twin.end(contactId, attempt),
  };
};
const onStepFunctions = async (): Promise<Harness> => {
  const arnOf = (contactId: string, attempt: number) =>
    `${machine.arn.replace(':stateMachine:', ':execution:')}:${executionNameFor(contactId, attempt)}`;
  return {
    workflow: new StepFunctionsWorkflow(machine.arn, sfn),
    end: async (contactId, attempt) => {
      await sfn.send(new StopExecutionCommand({ executionArn: arnOf(contactId, attempt) }));
    },
    settled: async (contactId, attempt) => {
      await waitFor(async () => {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: arnOf(contactId, attempt) }));
        return status === 'RUNNING' ? undefined : status;
      }, `${contactId}'s attempt ${attempt} to end`);
    },
  };
};
// Each test's contacts are its own (the engine is shared by the file); ids have no hyphen, as contact ids.
let tests = 0;
const contactIds = (...names: string[]) => {
  tests += 1;
  return names.map((name) => `c${tests}${name}`);
};

describe.each([
  ['in memory', inMemory],
  ['on Step Functions (local API)', onStepFunctions],
])('the triage workflow %s', (_name, make) => {
  it("starts one execution per contact and attempt, however often it is asked, and tells the latest attempt's state", async () => {
    // Prepare
    const { workflow, end } = await make();
    const [id, never] = contactIds('a', 'never') as [string, string];

    // Act
    const first = await workflow.start(id);
    await workflow.start(id);
    const whileRunning = await workflow.latestRun(id, 5);
    await end(id, 1);
    const secondAttempt = await workflow.startAttempt(id, 2);
    await end(id, 2);
    const again = await workflow.startAttempt(id, 2);

    // Assess
    expect(first).toBe('started');
    expect(whileRunning).toEqual({ attempt: 1, state: 'running' });
    expect(secondAttempt).toBe('started');
    expect(again).toBe('already-started');
    expect(await workflow.latestRun(id, 5)).toEqual({ attempt: 2, state: 'ended' });
    expect(await workflow.latestRun(id, 1)).toEqual({ attempt: 1, state: 'ended' });
    expect(await workflow.latestRun(never, 5)).toBeUndefined();
  });

  it('lists the contacts whose runs were aborted or failed in a window, and not those that succeeded or still run', async () => {
    // Prepare
    const { workflow, end, settled } = await make();
    const [aborted, failed, succeeded, running] = contactIds('aborted', 'fails', 'done', 'running') as [
      string,
      string,
      string,
      string,
    ];
    const since = new Date(Date.now() - 1_000);
    for (const id of [aborted, failed, succeeded, running]) await workflow.start(id);

    // Act
    await end(aborted, 1);
    await settled(failed, 1);
    await settled(succeeded, 1);

    // Assess
    expect((await workflow.contactsWithEndedRuns(since)).filter((id) => id.startsWith(`c${tests}`)).sort()).toEqual(
      [aborted, failed].sort(),
    );
    expect(await workflow.latestRun(succeeded, 3)).toEqual({ attempt: 1, state: 'succeeded' });
    expect(await workflow.contactsWithEndedRuns(new Date(Date.now() + 60_000))).toEqual([]);
  });
});
