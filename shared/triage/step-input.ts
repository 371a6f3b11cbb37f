import * as z from 'zod';

/** What the triage state machine passes to every step: at least the contact id, never personal data. */
export const StepInput = z
  .object({
    contactId: z.string().min(1),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  })
  .loose();
export type StepInput = z.output<typeof StepInput>;
