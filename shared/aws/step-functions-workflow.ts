import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import type { TriageRun, TriageWorkflow } from '../front-door/ports';
import { leanClient } from './lean-client';

/**
 * One live triage execution per contact: executions are named after the contact and the
 * attempt (`triage-<id>`, then `triage-r2-<id>`, `triage-r3-<id>`…), and Step Functions refuses
 * a second execution of the same name, so a redelivered message or two sweepers racing to
 * restart the same contact start one execution between them.
 */
export const executionNameFor = (contactId: string, attempt = 1): string =>
  attempt === 1 ? `triage-${contactId}` : `triage-r${attempt}-${contactId}`;

/** The contact an execution name belongs to, for names executionNameFor made. */
export const contactIdOfExecution = (name: string): string | undefined => /^triage-(?:r\d+-)?([^-]+)$/.exec(name)?.[1];

const stateOf = (status: ExecutionStatus | undefined): TriageRun['state'] =>
  status === 'RUNNING' || status === 'PENDING_REDRIVE' ? 'running' : status === 'SUCCEEDED' ? 'succeeded' : 'ended';

export class StepFunctionsWorkflow implements TriageWorkflow {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn: SFNClient = leanClient(new SFNClient({})),
  ) {}

  start(contactId: string): Promise<'started' | 'already-started'> {
    return this.startAttempt(contactId, 1);
  }

  async startAttempt(contactId: string, attempt: number): Promise<'started' | 'already-started'> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionNameFor(contactId, attempt),
          input: JSON.stringify({ contactId }),
        }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'already-started';
      throw error;
    }
  }

  /** Attempts are numbered without gaps, so the latest is the one before the first missing name. */
  async latestRun(contactId: string, maxAttempts: number): Promise<TriageRun | undefined> {
    let latest: TriageRun | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const executionArn = this.executionArn(executionNameFor(contactId, attempt));
      try {
        const { status } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
        latest = { attempt, state: stateOf(status) };
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) break;
        throw error;
      }
    }
    return latest;
  }

  async contactsWithEndedRuns(since: Date): Promise<string[]> {
    const contactIds = new Set<string>();
    for (const statusFilter of ['ABORTED', 'FAILED', 'TIMED_OUT'] as const) {
      let nextToken: string | undefined;
      do {
        const page = await this.sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: this.stateMachineArn,
            statusFilter,
            maxResults: 1000,
            nextToken,
          }),
        );
        // Newest first: stop at the first execution that ended before the window.
        const recent = (page.executions ?? []).filter((e) => (e.stopDate ?? e.startDate ?? new Date(0)) >= since);
        for (const execution of recent) {
          const contactId = execution.name && contactIdOfExecution(execution.name);
          if (contactId) contactIds.add(contactId);
        }
        nextToken = recent.length === page.executions?.length ? page.nextToken : undefined;
      } while (nextToken);
    }
    return [...contactIds];
  }

  /** arn:…:stateMachine:<name> → arn:…:execution:<name>:<execution name> */
  private executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
