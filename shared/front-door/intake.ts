import { newContactId, referenceFor, type Channel, type Contact } from '../contacts';
import { parseNotification, type FieldError } from '../notification';
import type { ContactStore, MessageQueue } from './ports';

export type AcceptResult =
  | { outcome: 'accepted' | 'already-accepted'; contact: Contact }
  | { outcome: 'invalid'; errors: FieldError[] };

/**
 * Accepting a notification: validate all of it before storing any of it, store it, then queue
 * it for triage. A retry with the same idempotency key lands on the same contact and queues it
 * again, which is harmless because triage starts at most once per contact.
 */
export const acceptNotification = async (
  request: { body: unknown; channel: Channel; idempotencyKey?: string; now: Date },
  deps: { store: ContactStore; triageQueue: MessageQueue },
): Promise<AcceptResult> => {
  const parsed = parseNotification(request.body);
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
  if (contact.status === 'received') await deps.triageQueue.send({ contactId });
  return { outcome: created === 'created' ? 'accepted' : 'already-accepted', contact };
};
