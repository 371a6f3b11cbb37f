/**
 * Runs the template's state machines with aws-local-stepfunctions, with every
 * Lambda task routed to the local handler, and keeps Standard-workflow
 * execution records (unique names, status, output, history) on disk.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import { stepPriority, type LambdaInvoker } from './lambda';
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
  Next?: string;
  Default?: string;
  Choices?: Array<{ Next?: string }>;
  Catch?: Array<{ Next?: string }>;
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

/**
 * The state machines a function's role may start (`states:StartExecution` in an IAM policy
 * attached to it), as ARNs: the template's own statement of which consumer feeds which machine.
 */
export function stateMachinesStartedBy(deployment: LocalDeployment, functionLogicalId: string): string[] {
  const role = (deployment.resource(functionLogicalId).Properties?.Role as { 'Fn::GetAtt'?: [string, string] })?.[
    'Fn::GetAtt'
  ]?.[0];
  if (!role) return [];
  const machines = new Set(deployment.ofType('AWS::StepFunctions::StateMachine').map((id) => deployment.arn(id)));
  const started = new Set<string>();
  for (const policyId of deployment.ofType('AWS::IAM::Policy')) {
    const { Roles = [], PolicyDocument } = deployment.resource(policyId).Properties as {
      Roles?: Array<{ Ref?: string }>;
      PolicyDocument?: { Statement?: Array<{ Effect?: string; Action?: string | string[]; Resource?: unknown }> };
    };
    if (!Roles.some((r) => r.Ref === role)) continue;
    for (const statement of PolicyDocument?.Statement ?? []) {
      const actions = ([] as string[]).concat(statement.Action ?? []);
      if (statement.Effect !== 'Allow' || !actions.some((a) => a === 'states:StartExecution' || a === 'states:*'))
        continue;
      const resources = ([] as unknown[]).concat(deployment.resolve(statement.Resource, policyId));
      for (const arn of resources) if (typeof arn === 'string' && machines.has(arn)) started.add(arn);
    }
  }
  return [...started];
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

/**
 * How many executions of one state machine may be open at once on a laptop. In AWS an open
 * execution that waits (in a Retry's backoff, for a throttled Lambda) costs nothing, and an
 * account may hold a million; here each one holds memory and competes for the same two cores,
 * so a burst's backlog waits in the queue instead and its executions start as others end.
 */
export const DEFAULT_OPEN_EXECUTIONS = 32;

/** Room for new executions, for a caller that would rather wait than be refused (the queue poller). */
export interface ExecutionRoom {
  /** How many executions of one state machine may be open at once. */
  readonly limit: number;
  /** How many more executions of the state machine may start now. */
  room(stateMachineArn: string): number;
  /** Settles when an execution of the state machine next ends. */
  freed(stateMachineArn: string): Promise<void>;
}

export class StepFunctionsEngine implements ExecutionRoom {
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
  /** Open executions per state machine, and who waits for one of them to end. */
  private readonly open = new Map<string, number>();
  private readonly waitingForRoom = new Map<string, Array<() => void>>();

  constructor(
    machines: LocalStateMachine[],
    private readonly invoker: LambdaInvoker,
    private readonly store: ExecutionStore,
    private readonly log: (line: string) => void,
    /** The laptop's cap on open executions per state machine. */
    readonly limit = DEFAULT_OPEN_EXECUTIONS,
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
    if (this.room(stateMachineArn) < 1) {
      // AWS's answer when a state machine has as many open executions as it may: nothing starts,
      // and the caller (a queue consumer) leaves its message in the queue to be retried. Said in
      // the log, as the pollers take only what there is room for: each refusal is a receive and
      // a start spent for nothing, and the log is where a burst's run can count them.
      this.log(`⚙ ${machine.logicalId} ${executionName} refused: ${this.limit} open, the local limit`);
      throw new SfnApiError(
        'ExecutionLimitExceeded',
        `Execution Limit Exceeded: ${machine.name} has ${this.limit} executions open, the local limit (FRONT_DOOR_OPEN_EXECUTIONS)`,
      );
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

  room(stateMachineArn: string): number {
    return this.limit - (this.open.get(stateMachineArn) ?? 0);
  }

  freed(stateMachineArn: string): Promise<void> {
    return new Promise((resolveFreed) => {
      const waiting = this.waitingForRoom.get(stateMachineArn) ?? [];
      waiting.push(resolveFreed);
      this.waitingForRoom.set(stateMachineArn, waiting);
    });
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
        this.open.set(machine.arn, (this.open.get(machine.arn) ?? 1) - 1);
        const waiting = this.waitingForRoom.get(machine.arn) ?? [];
        this.waitingForRoom.delete(machine.arn);
        for (const wake of waiting) wake();
        this.log(`⚙ ${machine.logicalId} ${record.name} ${record.status}${record.error ? ` ${record.error}` : ''}`);
      });
    this.running.set(record.executionArn, { abort: execution.abort, done });
    this.open.set(machine.arn, (this.open.get(machine.arn) ?? 0) + 1);
  }

  /** One local handler per Task state, including those nested in Parallel and Map states. */
  private taskHandlers(definition: AslDefinition, machineId: string): Record<string, TaskHandler> {
    const handlers: Record<string, TaskHandler> = {};
    const visit = (def: AslDefinition, offset: number) => {
      const depths = stateDepths(def);
      for (const [stateName, state] of Object.entries(def.States)) {
        const depth = offset + (depths.get(stateName) ?? 0);
        if (state.Type === 'Task') handlers[stateName] = this.taskHandler(state, `${machineId}.${stateName}`, depth);
        for (const nested of [...(state.Branches ?? []), state.Iterator, state.ItemProcessor])
          if (nested) visit(nested, depth + 1);
      }
    };
    visit(definition, 0);
    return handlers;
  }

  /** `depth` orders the task's invocations among waiting work: later states first (`stepPriority`). */
  private taskHandler(state: AslState, where: string, depth: number): TaskHandler {
    const priority = stepPriority(depth);
    const resource = state.Resource ?? '';
    if (resource.startsWith('arn:aws:lambda:')) {
      const fn = this.invoker.find(resource);
      if (!fn) throw new Error(`${where} invokes ${resource}, which has no local entry`);
      return (input) => this.invoker.invoke(fn, input, 'work', priority).catch(asLambdaError);
    }
    if (resource === 'arn:aws:states:::lambda:invoke') {
      // Parameters have already been applied, so the input is the InvokeCommand's shape.
      return async (input) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
        const fn = this.invoker.find(FunctionName);
        if (!fn) throw unsupported(`${where} invokes ${FunctionName}, which has no local entry`);
        const result = await this.invoker.invoke(fn, Payload ?? null, 'work', priority).catch(asLambdaError);
        return { ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 };
      };
    }
    return () => Promise.reject(unsupported(`${where}: task resource ${resource} is not emulated locally`));
  }
}

/**
 * How far each state is from the start: the most states on a path to it (Next, Choices, Default
 * and Catch; a path never visits a state twice, so a loop adds nothing). A Catch's handler comes
 * after the states it catches for, so a failure's last step ranks with the last steps.
 */
export function stateDepths(definition: AslDefinition): Map<string, number> {
  const depths = new Map<string, number>();
  const walk = (name: string, depth: number, path: Set<string>) => {
    const state = definition.States[name];
    if (!state || path.has(name) || (depths.get(name) ?? -1) >= depth) return;
    depths.set(name, depth);
    path.add(name);
    const next = [state.Next, state.Default, ...(state.Choices ?? []), ...(state.Catch ?? [])].map((edge) =>
      typeof edge === 'string' ? edge : edge?.Next,
    );
    for (const target of next) if (target) walk(target, depth + 1, path);
    path.delete(name);
  };
  walk(definition.StartAt, 0, new Set());
  return depths;
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
