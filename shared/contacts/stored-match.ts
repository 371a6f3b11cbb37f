import * as z from 'zod';
import { codesOf } from '../notification/codes';
import { storedRecord } from '../stored-record';
import { ROUTES, type EarlierContact } from '../triage/types';
import type { HouseholdContact } from './record';

/**
 * A match read from storage (kept beside the contact that found it), checked before a page or a
 * triage step shows it: the boundary where an item of unknown shape becomes an earlier contact
 * or one at the same address, as contactFrom is for the contact itself.
 */
const HouseholdContactSchema = z.looseObject({
  contactId: z.string(),
  reference: z.string(),
  receivedAt: z.string(),
  childIndex: z.number().int().nonnegative(),
  matchedChildIndex: z.number().int().nonnegative().optional(),
  status: z.string(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  route: z.enum(codesOf(ROUTES)).optional(),
  decidedAt: z.string().optional(),
});
const EarlierContactSchema = HouseholdContactSchema.extend({
  matchedOn: z.array(z.enum(['name-dob-postcode', 'nhs-number'])),
});

const parsedWith = <T>(schema: z.ZodType<T>) =>
  storedRecord(schema, (item) => `match of contact ${String(item.contactId)}`);

export const earlierContactFrom: (item: Record<string, unknown>) => EarlierContact = parsedWith(EarlierContactSchema);
export const householdContactFrom: (item: Record<string, unknown>) => HouseholdContact =
  parsedWith(HouseholdContactSchema);
