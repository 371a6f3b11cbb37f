import type { AuditEvent } from '../contacts/ports';
import type { Draft, DraftStore } from '../referrer/draft';

/**
 * A worker takes a call about a child: the contact is recorded in the referrer's own guided
 * form (the same questions, the same validation, the same triage), on a draft marked as a
 * telephone call, so the contact's channel is `phone`. The caller may stay anonymous, as anyone
 * may in the form.
 */
export const startPhoneContact = async (
  request: { actor: AuditEvent['actor']; draftId: string; now: Date },
  deps: { drafts: DraftStore },
): Promise<Draft> => {
  const at = request.now.toISOString();
  const draft: Draft = {
    draftId: request.draftId,
    answers: {},
    createdAt: at,
    updatedAt: at,
    phoneCall: { by: request.actor },
  };
  await deps.drafts.put(draft);
  return draft;
};
