import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { withObservability } from './middleware';
import { logger } from './observability';

/** What the state machine passes to every step: at least the contact id, never personal data. */
const StepInput = z.object({
  contactId: z.string().min(1),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
}).loose();
export type StepInput = z.output<typeof StepInput>;

/** A Task state of the triage state machine: parse its input, run one step, return the result. */
export const triageStep = <R>(step: (input: StepInput, context: Context) => Promise<R>, options: { metrics?: boolean } = {}) =>
  withObservability(async (event: unknown, context: Context) => {
    const input = StepInput.parse(event);
    logger.appendKeys({ contactId: input.contactId });
    return step(input, context);
  }, options);
