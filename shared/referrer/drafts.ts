import type { Contact } from '../contacts';
import { acceptNotification } from '../front-door/intake';
import type { ContactStore, DraftStore, MessageQueue } from '../front-door/ports';
import type { FieldError } from '../notification';
import { notificationInput, type Answers } from './journey';

export interface Draft {
  /** Random and unguessable: it is the only thing the referrer's cookie holds. */
  draftId: string;
  answers: Answers;
  createdAt: string;
  updatedAt: string;
  /** Set once the draft has become a contact; the draft is then read-only. */
  submitted?: { contactId: string; reference: string; at: string };
}

export type SubmitResult =
  | { outcome: 'submitted'; contact: Pick<Contact, 'contactId' | 'reference'> }
  | { outcome: 'invalid'; errors: FieldError[] };

/**
 * Sending a draft. The draft id is the idempotency key, so a double click, a resubmitted form
 * or two tabs all land on one contact.
 */
export const submitDraft = async (
  draft: Draft,
  now: Date,
  deps: { store: ContactStore; triageQueue: MessageQueue; drafts: DraftStore },
): Promise<SubmitResult> => {
  if (draft.submitted) return { outcome: 'submitted', contact: draft.submitted };
  const result = await acceptNotification(
    { body: notificationInput(draft.answers), channel: 'web', idempotencyKey: `web:${draft.draftId}`, now },
    deps,
  );
  if (result.outcome === 'invalid') return result;
  const { contactId, reference } = result.contact;
  const at = now.toISOString();
  await deps.drafts.put({ ...draft, submitted: { contactId, reference, at }, updatedAt: at });
  return { outcome: 'submitted', contact: { contactId, reference } };
};
