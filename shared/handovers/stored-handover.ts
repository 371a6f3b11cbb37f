import * as z from 'zod';
import { codesOf as keys } from '../notification/codes';
import { storedRecord } from '../stored-record';
import { HANDOVER_STATUSES, HANDOVER_TEAMS, type Handover } from './handover';

/**
 * A handover read from storage, checked before anything acts on it: the boundary where an item of
 * unknown shape becomes a Handover, as contactFrom is for contacts. A handover is small and every
 * field of it is read (the team's lists, acceptance and its measures), so every field is checked.
 */
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

export const handoverFrom: (item: Record<string, unknown>) => Handover = storedRecord(
  StoredHandoverSchema,
  (item) => `handover ${String(item.handoverId)}`,
);
