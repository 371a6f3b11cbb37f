import type { Context } from 'aws-lambda';
import { StepInput } from '../../shared/triage/step-input';
import { withObservability } from './middleware';
import { logger } from './observability';

/** A Task state of the triage state machine: parse its input, run one step, return the result. */
export const triageStep = <R>(
  step: (input: StepInput, context: Context) => Promise<R>,
  options: { metrics?: boolean } = {},
) =>
  withObservability(async (event: unknown, context: Context) => {
    const input = StepInput.parse(event);
    logger.appendKeys({ contactId: input.contactId });
    return step(input, context);
  }, options);
