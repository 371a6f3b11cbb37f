import * as z from 'zod';
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
  route: z.enum(Object.keys(ROUTES) as [keyof typeof ROUTES, ...(keyof typeof ROUTES)[]]).optional(),
  decidedAt: z.string().optional(),
});
const EarlierContactSchema = HouseholdContactSchema.extend({
  matchedOn: z.array(z.enum(['name-dob-postcode', 'nhs-number'])),
});

/** Thrown for a stored match that is not whole; it names the fields, never their contents. */
export class InvalidMatch extends Error {
  override readonly name = 'InvalidMatch';
  constructor(
    readonly contactId: unknown,
    readonly fields: string[],
  ) {
    super(`Stored match of contact ${String(contactId)} is malformed at ${fields.join(', ')}`);
  }
}

const parsedWith =
  <T>(schema: z.ZodType<T>) =>
  (item: Record<string, unknown>): T => {
    const parsed = schema.safeParse(item);
    if (!parsed.success)
      throw new InvalidMatch(
        item.contactId,
        parsed.error.issues.map((i) => i.path.join('.') || '(the record)'),
      );
    return parsed.data;
  };

export const earlierContactFrom: (item: Record<string, unknown>) => EarlierContact = parsedWith(EarlierContactSchema);
export const householdContactFrom: (item: Record<string, unknown>) => HouseholdContact =
  parsedWith(HouseholdContactSchema);
