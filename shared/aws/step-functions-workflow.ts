import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { TriageWorkflow } from '../front-door/ports';

/**
 * One triage execution per contact: the execution is named after the contact, and Step
 * Functions refuses a second execution of the same name, so a redelivered message cannot
 * triage a contact twice.
 */
export const executionNameFor = (contactId: string): string => `triage-${contactId}`;

export class StepFunctionsWorkflow implements TriageWorkflow {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn: SFNClient = new SFNClient({}),
  ) {}

  async start(contactId: string): Promise<'started' | 'already-started'> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionNameFor(contactId),
          input: JSON.stringify({ contactId }),
        }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'already-started';
      throw error;
    }
  }
}
