import * as z from 'zod';
import { REFERRAL_SOURCES, type AdultConcern, type Notification } from '../notification';
import { codesOf as keys } from '../notification/codes';
import { storedRecord } from '../stored-record';
import { ALLEGATION_STATUSES, OUTCOMES, PARTNER_ACTION_KINDS, type Allegation, type Meeting } from './allegation';

/**
 * An allegation read from storage, checked before anything acts on it: the boundary where an item
 * of unknown shape becomes an Allegation, as contactFrom is for contacts. Every field the LADO's
 * pages, clocks and measures read is checked; the parts the service only shows back (the person,
 * the referrer, a meeting's notes) are checked as objects with the fields it reads, and are
 * otherwise as written, so a stored record is not refused for a rule added to a form later.
 */
/** An object this service wrote whole: the fields checked, and the rest as written. */
const writtenAs = <T>(checked: Record<string, z.ZodType>) => {
  const shape = z.looseObject(checked);
  return z.custom<T>((value) => shape.safeParse(value).success);
};
const person = z.object({ id: z.string(), name: z.string() });
const time = z.string();

const StoredAllegationSchema = z.looseObject({
  allegationId: z.string(),
  reference: z.string(),
  status: z.enum(keys(ALLEGATION_STATUSES)),
  receivedAt: time,
  notificationContactId: z.string(),
  notificationReference: z.string(),
  childContact: z.object({ contactId: z.string(), reference: z.string() }).optional(),
  source: z.union([z.enum(keys(REFERRAL_SOURCES)), z.literal('unknown')]),
  person: writtenAs<AdultConcern>({ name: z.string(), role: z.string(), employer: z.string() }),
  personKey: z.string(),
  referrer: writtenAs<Notification['referrer']>({ agencyType: z.string() }),
  children: z.array(z.object({ name: z.string(), dateOfBirth: z.string().optional() })),
  description: z.string(),
  immediateRisk: z.boolean(),
  considerationDueAt: time,
  meetingDueAt: time.optional(),
  reviewDueAt: time.optional(),
  initialConsideration: z
    .object({ at: time, by: person, meetingNeeded: z.boolean(), immediateRisk: z.boolean(), notes: z.string() })
    .optional(),
  meetings: z.array(writtenAs<Meeting>({ id: z.string(), heldAt: time, actions: z.array(z.looseObject({})) })),
  partnerActions: z.array(
    z.object({ id: z.string(), kind: z.enum(keys(PARTNER_ACTION_KINDS)), text: z.string(), by: person, at: time }),
  ),
  outcome: writtenAs<NonNullable<Allegation['outcome']>>({
    category: z.enum(keys(OUTCOMES)),
    furtherActions: z.array(z.string()),
    at: time,
    by: person,
  }).optional(),
  earlier: z.array(
    z.object({
      allegationId: z.string(),
      reference: z.string(),
      receivedAt: time,
      employer: z.string(),
      role: z.string(),
      outcome: z.enum(keys(OUTCOMES)).optional(),
    }),
  ),
  updatedAt: time,
  version: z.number().int(),
  expiresAt: z.number(),
});

export const allegationFrom: (item: Record<string, unknown>) => Allegation = storedRecord(
  StoredAllegationSchema,
  (item) => `allegation ${String(item.allegationId)}`,
);
