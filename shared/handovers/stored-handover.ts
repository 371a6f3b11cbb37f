import * as z from 'zod';
import { HANDOVER_STATUSES, HANDOVER_TEAMS, type Handover } from './handover';

/**
 * A handover read from storage, checked before anything acts on it: the boundary where an item of
 * unknown shape becomes a Handover, as contactFrom is for contacts. A handover is small and every
 * field of it is read (the team's lists, acceptance and its measures), so every field is checked.
 */
const keys = <T extends Record<string, unknown>>(table: T) =>
  Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
const person = z.object({ id: z.string(), name: z.string() });

const StoredHandoverSchema = z.looseObject({
  contactId: z.string(),
  reference: z.string(),
  handoverId: z.string(),
  decisionNumber: z.number().int().positive(),
  team: z.enum(keys(HANDOVER_TEAMS)),
  to: z.string(),
  childIndexes: z.array(z.number().int().nonnegative()),
  sentAt: z.string(),
  status: z.enum(keys(HANDOVER_STATUSES)),
  statusAt: z.string(),
  acceptedBy: person.optional(),
  returnedBy: person.optional(),
  returnReason: z.string().optional(),
});

/** Thrown for a stored item that is not a whole handover; it names the fields, never their contents. */
export class InvalidHandover extends Error {
  override readonly name = 'InvalidHandover';
  constructor(
    readonly handoverId: unknown,
    readonly fields: string[],
  ) {
    super(`Stored handover ${String(handoverId)} is malformed at ${fields.join(', ')}`);
  }
}

export const handoverFrom = (item: Record<string, unknown>): Handover => {
  const parsed = StoredHandoverSchema.safeParse(item);
  if (!parsed.success)
    throw new InvalidHandover(
      item.handoverId,
      parsed.error.issues.map((i) => i.path.join('.') || '(the record)'),
    );
  return parsed.data;
};
