import { completeNotification, ContactWrite, modifyContact, needsCompleting, type Contact } from '../contacts';
import { acceptNotification, validateNotification } from './intake';
import type { AuditTrail, Contacts, IdempotencyKeys } from '../contacts/ports';
import type { MessageQueue } from './ports';
import type { FieldError } from '../notification';
import type { Draft, DraftStore } from '../referrer/draft';
import { notificationInput } from '../referrer/journey';

/**
 * The web form's way in: a referrer's finished draft (shared/referrer/draft.ts) goes through the
 * same intake as the API, or fills in the free-text email's contact a worker is completing.
 */
export type SubmitResult =
  | { outcome: 'submitted'; contact: Pick<Contact, 'contactId' | 'reference'> }
  | { outcome: 'invalid'; errors: FieldError[] };

type SubmitDeps = { store: Contacts & AuditTrail & IdempotencyKeys; triageQueue: MessageQueue; drafts: DraftStore };

/**
 * A worker's completed notification becomes the email's contact: one versioned write from
 * needs-completing to received, so a second submit (or two tabs) cannot overwrite it, then it is
 * queued for triage and acknowledged like any other. If the queue cannot be reached, the stalled
 * contacts sweeper queues it later.
 */
const completeContact = async (
  draft: Draft & { completes: NonNullable<Draft['completes']> },
  now: Date,
  deps: SubmitDeps,
): Promise<SubmitResult> => {
  const parsed = validateNotification(notificationInput(draft.answers), now);
  if (!parsed.ok) return { outcome: 'invalid', errors: parsed.errors };
  const { contactId, reference, by } = draft.completes;
  const at = now.toISOString();
  const completed = await modifyContact(
    deps.store,
    contactId,
    (contact) =>
      needsCompleting(contact)
        ? { write: ContactWrite.move(contact, completeNotification(contact, parsed.notification)) }
        : { stop: 'already-completed' },
    { now: at },
  );
  if (completed.outcome === 'written') {
    await deps.store.appendEvent({
      contactId,
      at,
      actor: by,
      action: 'Completed the notification from the email',
      detail: reference,
    });
    await deps.triageQueue.send({ contactId }).catch(() => undefined);
  } else if (completed.outcome !== 'stopped') {
    // A contact already completed (a resubmit that raced this one) is left as the first submit left it.
    throw new Error(`Contact ${contactId} could not be completed: ${completed.outcome}`);
  }
  await deps.drafts.put({ ...draft, submitted: { contactId, reference, at }, updatedAt: at });
  return { outcome: 'submitted', contact: { contactId, reference } };
};

/**
 * Sending a draft. The draft id is the idempotency key, so a double click, a resubmitted form
 * or two tabs all land on one contact.
 */
export const submitDraft = async (draft: Draft, now: Date, deps: SubmitDeps): Promise<SubmitResult> => {
  if (draft.submitted) return { outcome: 'submitted', contact: draft.submitted };
  if (draft.completes) return completeContact({ ...draft, completes: draft.completes }, now, deps);
  const result = await acceptNotification(
    {
      body: notificationInput(draft.answers),
      channel: draft.phoneCall ? 'phone' : 'web',
      idempotencyKey: { scope: 'web', key: draft.draftId },
      now,
    },
    deps,
  );
  if (result.outcome === 'invalid') return result;
  // Only a race between two tabs sending different answers from one draft gets here.
  if (result.outcome === 'key-reused')
    return {
      outcome: 'invalid',
      errors: [
        { path: 'check', message: 'This form was already sent, with different answers, from another tab or window' },
      ],
    };
  const { contactId, reference, statusToken } = result.contact;
  const at = now.toISOString();
  if (draft.phoneCall && result.outcome === 'accepted')
    await deps.store.appendEvent({ contactId, at, actor: draft.phoneCall.by, action: 'Recorded a telephone contact' });
  await deps.drafts.put({ ...draft, submitted: { contactId, reference, at, statusToken }, updatedAt: at });
  return { outcome: 'submitted', contact: { contactId, reference } };
};
