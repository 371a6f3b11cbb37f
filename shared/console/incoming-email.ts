import { ContactWrite, needsCompleting, type Contact, type NeedsCompletingContact } from '../contacts';
import { VersionConflict, type AuditEvent, type AuditTrail, type Contacts } from '../contacts/ports';
import type { Draft, DraftStore } from '../referrer/draft';
import { STALE_MESSAGE } from './actions';

/**
 * Free-text emails a worker turns into notifications (status needs-completing). Pure apart from
 * the ports: the console's handlers fetch and render, these decide.
 */
export type EmailContact = NeedsCompletingContact;

export const isEmailToComplete = needsCompleting;

export interface EmailQueueRow {
  contactId: string;
  reference: string;
  receivedAt: string;
  /** Only the domain: the queue is no place for a member of the public's address. */
  senderDomain: string;
  subject: string;
  attachments: number;
}

export const emailQueueRow = (c: EmailContact): EmailQueueRow => ({
  contactId: c.contactId,
  reference: c.reference,
  receivedAt: c.receivedAt,
  senderDomain: c.incomingEmail.from.split('@').pop() ?? '',
  subject: c.incomingEmail.subject,
  attachments: c.incomingEmail.attachments.length,
});

/** The raw message may be served only from the bucket the console may read, and only under the inbound prefix. */
export const rawMessageOf = (c: Contact, inboundBucket: string | undefined, prefix: string) => {
  const raw = c.incomingEmail?.rawMessage;
  return raw && raw.bucket === inboundBucket && raw.key.startsWith(prefix) ? raw : undefined;
};

export type StartResult =
  | { outcome: 'started'; draftId: string }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string; contact: Contact }
  | { outcome: 'conflict'; reason: string; contact: Contact };

/**
 * A worker starts completing an email's contact: a draft of the referrer's form that fills in
 * this contact when sent, with the sender's address as the referrer's. Claiming the contact in the
 * same versioned write means two workers cannot both start on it unawares.
 */
export const startCompleting = async (
  request: { contactId: string; expectedVersion: number; actor: AuditEvent['actor']; draftId: string; now: Date },
  deps: { store: Contacts & AuditTrail; drafts: DraftStore },
): Promise<StartResult> => {
  const contact = await deps.store.get(request.contactId);
  if (!contact) return { outcome: 'not-found' };
  if (!isEmailToComplete(contact))
    return { outcome: 'refused', reason: 'This contact does not need completing', contact };
  if ((contact.version ?? 0) !== request.expectedVersion)
    return { outcome: 'conflict', reason: STALE_MESSAGE, contact };
  const at = request.now.toISOString();
  try {
    await deps.store.update(
      contact.contactId,
      request.expectedVersion,
      ContactWrite.change(contact, { assignee: { id: request.actor.id, name: request.actor.name } }),
      at,
    );
  } catch (error) {
    if (error instanceof VersionConflict && error.current)
      return { outcome: 'conflict', reason: STALE_MESSAGE, contact: error.current };
    throw error;
  }
  const draft: Draft = {
    draftId: request.draftId,
    answers: { referrer: { email: contact.incomingEmail.from } },
    createdAt: at,
    updatedAt: at,
    completes: { contactId: contact.contactId, reference: contact.reference, by: request.actor },
  };
  await deps.drafts.put(draft);
  await deps.store.appendEvent({
    contactId: contact.contactId,
    at,
    actor: request.actor,
    action: 'Started completing the notification from the email',
  });
  return { outcome: 'started', draftId: draft.draftId };
};
