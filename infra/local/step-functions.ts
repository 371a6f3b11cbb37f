/**
 * Runs the template's state machines with aws-local-stepfunctions, with every
 * Lambda task routed to the local handler, and keeps Standard-workflow
 * execution records (unique names, status, output, history) on disk.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import type { LambdaInvoker } from './lambda';
import { ACCOUNT_ID, REGION, type LocalDeployment } from './template';

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  definition: AslDefinition;
}

interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Branches?: AslDefinition[];
  Iterator?: AslDefinition;
  ItemProcessor?: AslDefinition;
}

interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

export function describeStateMachines(deployment: LocalDeployment): LocalStateMachine[] {
  return deployment.ofType('AWS::StepFunctions::StateMachine').map((logicalId) => {
    const props = deployment.properties(logicalId) as {
      DefinitionString?: string;
      Definition?: AslDefinition;
      DefinitionSubstitutions?: Record<string, unknown>;
      StateMachineType?: string;
    };
    let text = props.DefinitionString ?? JSON.stringify(props.Definition);
    if (!text)
      throw new Error(
        `State machine ${logicalId} has no inline definition (DefinitionS3Location is not supported locally)`,
      );
    for (const [key, value] of Object.entries(props.DefinitionSubstitutions ?? {})) {
      text = text.split(`\${${key}}`).join(String(value));
    }
    return {
      logicalId,
      name: deployment.physicalName(logicalId),
      arn: deployment.arn(logicalId),
      definition: JSON.parse(text) as AslDefinition,
    };
  });
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  error?: string;
  cause?: string;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  history: HistoryEvent[];
}

/** An error the Step Functions API reports with this `__type` (the SDK throws a class of that name). */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * The execution records, kept so names stay unique across restarts. Each start and each end is
 * appended to a journal (one JSON line, the whole record), so a burst costs one small write per
 * change instead of rewriting every record; a restart reads the last line of each execution and
 * writes the journal again, compacted.
 */
export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        // A line cut short by a crash is the last one, and its execution's start line came before it.
        for (const record of parseLine(line)) this.records.set(record.executionArn, record);
      }
    }
    for (const record of this.records.values()) {
      // Executions cannot resume after a restart; say so rather than leave them RUNNING forever.
      if (record.status === 'RUNNING') {
        Object.assign(record, {
          status: 'ABORTED',
          stopDate: new Date().toISOString(),
          error: 'Local.RuntimeStopped',
          cause: 'The local runtime stopped while this execution was running',
        });
      }
    }
    const lines = [...this.records.values()].map((record) => `${JSON.stringify(record)}\n`).join('');
    writeFileSync(`${file}.tmp`, lines);
    renameSync(`${file}.tmp`, file);
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  list(stateMachineArn: string): ExecutionRecord[] {
    return [...this.records.values()]
      .filter((r) => r.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  save(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }
}

/** A journal line; data folders from before the journal hold one JSON array instead. */
function parseLine(line: string): ExecutionRecord[] {
  if (!line.trim()) return [];
  try {
    const parsed = JSON.parse(line) as ExecutionRecord | ExecutionRecord[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}

type TaskHandler = (input: unknown) => Promise<unknown>;

export class StepFunctionsEngine {
  private readonly machines: Map<string, LocalStateMachine>;
  /**
   * One validated interpreter per machine, reused by every execution: constructing one runs
   * asl-validator, which compiles its JSON schemas afresh each time and took about half the
   * process's CPU during a burst.
   */
  private readonly interpreters = new Map<
    string,
    { interpreter: StateMachine; taskHandlers: Record<string, TaskHandler> }
  >();
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();

  constructor(
    machines: LocalStateMachine[],
    private readonly invoker: LambdaInvoker,
    private readonly store: ExecutionStore,
    private readonly log: (line: string) => void,
  ) {
    this.machines = new Map(machines.map((m) => [m.arn, m]));
    for (const machine of machines) {
      // Fail at start, not at the first execution, if a task points at a function with no local entry.
      this.interpreters.set(machine.arn, {
        interpreter: new StateMachine(machine.definition as never, { validationOptions: { checkArn: false } }),
        taskHandlers: this.taskHandlers(machine.definition, machine.logicalId),
      });
    }
  }

  startExecution(stateMachineArn: string, name: string | undefined, input: string | undefined): ExecutionRecord {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName)) {
      throw new SfnApiError('InvalidName', `Invalid Name: '${executionName}'`);
    }
    const inputText = input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(inputText);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not valid JSON');
    }
    const executionArn = `arn:aws:states:${REGION}:${ACCOUNT_ID}:execution:${machine.name}:${executionName}`;
    const existing = this.store.get(executionArn);
    if (existing) {
      // Standard workflows: repeating a running execution's name and input is idempotent; anything else is a conflict.
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name: executionName,
      status: 'RUNNING',
      input: inputText,
      startDate: new Date().toISOString(),
      history: [],
    };
    this.store.save(record);
    this.run(machine, record, parsedInput);
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.store.get(executionArn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  list(stateMachineArn: string, status?: string): ExecutionRecord[] {
    if (!this.machines.has(stateMachineArn)) {
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    }
    return this.store.list(stateMachineArn).filter((r) => !status || r.status === status);
  }

  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING') {
      Object.assign(record, { error, cause });
      this.running.get(executionArn)?.abort();
    }
    return record;
  }

  /** Aborts running executions; their records stay ABORTED, as they cannot resume after a restart. */
  async stop(): Promise<void> {
    const running = [...this.running.values()];
    for (const execution of running) execution.abort();
    await Promise.all(running.map((execution) => execution.done));
  }

  private run(machine: LocalStateMachine, record: ExecutionRecord, input: unknown): void {
    const { interpreter, taskHandlers } = this.interpreters.get(machine.arn)!;
    const execution = interpreter.run(input as never, {
      overrides: { taskResourceLocalHandlers: taskHandlers as never },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, StartTime: record.startDate },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    this.log(`⚙ ${machine.logicalId} ${record.name} started`);

    const history = (async () => {
      for await (const event of execution.eventLogs) {
        const details = event as {
          type: string;
          timestamp: number;
          state?: { name: string; type: string };
          Error?: string;
          Cause?: unknown;
        };
        record.history.push({
          id: record.history.length + 1,
          timestamp: new Date(details.timestamp).toISOString(),
          // Roughly the AWS event names: TaskStateEntered, ChoiceStateExited, ExecutionFailed...
          type: details.state ? details.type.replace(/^State/, `${details.state.type}State`) : details.type,
          ...(details.state && { stateName: details.state.name }),
          ...(details.Error !== undefined && { error: details.Error, cause: String(details.Cause ?? '') }),
        });
      }
    })().catch(() => undefined);

    const done = execution.result
      .then((output) => {
        Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) });
      })
      .catch((error: Error) => {
        if (error.name === 'ExecutionAbortedError') {
          record.status = 'ABORTED';
          return;
        }
        const cause = (error.cause as Error | undefined) ?? error;
        Object.assign(record, {
          status: error.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED',
          error: cause.name,
          cause: cause.message,
        });
      })
      .then(async () => {
        await history;
        record.stopDate = new Date().toISOString();
        this.store.save(record);
        this.running.delete(record.executionArn);
        this.log(`⚙ ${machine.logicalId} ${record.name} ${record.status}${record.error ? ` ${record.error}` : ''}`);
      });
    this.running.set(record.executionArn, { abort: execution.abort, done });
  }

  /** One local handler per Task state, including those nested in Parallel and Map states. */
  private taskHandlers(definition: AslDefinition, machineId: string): Record<string, TaskHandler> {
    const handlers: Record<string, TaskHandler> = {};
    const visit = (def: AslDefinition) => {
      for (const [stateName, state] of Object.entries(def.States)) {
        if (state.Type === 'Task') handlers[stateName] = this.taskHandler(state, `${machineId}.${stateName}`);
        for (const nested of [...(state.Branches ?? []), state.Iterator, state.ItemProcessor])
          if (nested) visit(nested);
      }
    };
    visit(definition);
    return handlers;
  }

  private taskHandler(state: AslState, where: string): TaskHandler {
    const resource = state.Resource ?? '';
    if (resource.startsWith('arn:aws:lambda:')) {
      const fn = this.invoker.find(resource);
      if (!fn) throw new Error(`${where} invokes ${resource}, which has no local entry`);
      return (input) => this.invoker.invoke(fn, input, 'work').catch(asLambdaError);
    }
    if (resource === 'arn:aws:states:::lambda:invoke') {
      // Parameters have already been applied, so the input is the InvokeCommand's shape.
      return async (input) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
        const fn = this.invoker.find(FunctionName);
        if (!fn) throw unsupported(`${where} invokes ${FunctionName}, which has no local entry`);
        const result = await this.invoker.invoke(fn, Payload ?? null, 'work').catch(asLambdaError);
        return { ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 };
      };
    }
    return () => Promise.reject(unsupported(`${where}: task resource ${resource} is not emulated locally`));
  }
}

/** How Lambda reports a handler's error to Step Functions: the error name, with the details as JSON in the cause. */
function asLambdaError(error: Error): never {
  const reported = new Error(
    JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] }),
  );
  reported.name = error.name;
  throw reported;
}

/** Like States.Runtime: neither Retry nor Catch may hide a gap in the local emulation. */
function unsupported(message: string): Error {
  return Object.assign(new Error(message), { name: 'States.Runtime', isRetryable: false, isCatchable: false });
}
