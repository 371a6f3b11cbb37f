import { newContactId, referenceFor, type Channel, type Contact } from '../contacts';
import { parseNotification, type FieldError, type ParseResult } from '../notification';
import { getDefaultRuleset } from '../rules';
import type { ContactStore, MessageQueue } from './ports';

/**
 * Indicators a referrer picks must be ones the area's guidance has: the engine would otherwise
 * pass over them in silence, and the referrer's judgement would be lost.
 */
const unknownIndicators = (chosen: string[]): FieldError[] => {
  const known = new Set(getDefaultRuleset().indicators.map((indicator) => indicator.id));
  return chosen.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `concerns.indicators.${i}`, message: `"${id}" is not an indicator in the levels-of-need guidance` }],
  );
};

/** Everything a notification must pass before it is stored, from any channel or a completed email. */
export const validateNotification = (body: unknown): ParseResult => {
  const parsed = parseNotification(body);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const unknown = unknownIndicators(parsed.notification.concerns.indicators);
  return unknown.length ? { ok: false, errors: unknown } : { ok: true, notification: parsed.notification };
};

export type AcceptResult =
  /** `queued` is false when the queue could not be reached: the contact is stored all the same. */
  | { outcome: 'accepted' | 'already-accepted'; contact: Contact; queued: boolean }
  | { outcome: 'invalid'; errors: FieldError[] };

/**
 * Accepting a notification: validate all of it before storing any of it, store it, then queue
 * it for triage. A retry with the same idempotency key lands on the same contact and queues it
 * again, which is harmless because triage starts at most once per contact.
 *
 * Once stored, the notification is accepted even if the queue cannot be reached: telling the
 * referrer otherwise would make them send it again, and `requeueStalledContacts` queues any
 * contact still waiting a few minutes later.
 */
export const acceptNotification = async (
  request: { body: unknown; channel: Channel; idempotencyKey?: string; now: Date },
  deps: { store: ContactStore; triageQueue: MessageQueue },
): Promise<AcceptResult> => {
  const parsed = validateNotification(request.body);
  if (!parsed.ok) return { outcome: 'invalid', errors: parsed.errors };

  const contactId = newContactId(request.idempotencyKey);
  const at = request.now.toISOString();
  const candidate: Contact = {
    contactId,
    reference: referenceFor(contactId),
    status: 'received',
    channel: request.channel,
    receivedAt: at,
    notification: parsed.notification,
    updatedAt: at,
  };
  const created = await deps.store.create(candidate);
  const contact = created === 'created' ? candidate : ((await deps.store.get(contactId)) ?? candidate);
  const queued = contact.status !== 'received' || (await deps.triageQueue.send({ contactId }).then(() => true, () => false));
  return { outcome: created === 'created' ? 'accepted' : 'already-accepted', contact, queued };
};
