import { z } from 'zod';
import type { Contact } from '../contacts';
import type { RuntimeConfig } from '../config';
import { reconsiderationAnswerEmail } from '../mail/messages';
import { VersionConflict, type ContactStore, type Mailer } from '../front-door/ports';

/**
 * A referrer who disagrees with a decision may ask, once, for it to be looked at again (domain
 * brief §5: 29% of referrers were unhappy, mostly with the route). The request waits for a
 * manager in the triage console; the manager's answer is emailed back.
 */
export const ReconsiderationRequestSchema = z.object({
  reason: z
    .string({ message: 'Enter why you think the decision should be reconsidered' })
    .trim()
    .min(20, 'Explain why you disagree in at least 20 characters')
    .max(5000, 'Your reason must be 5,000 characters or fewer'),
});

export type RequestResult =
  | { outcome: 'requested'; contact: Contact }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: 'not-decided' | 'already-requested' };

export const requestReconsideration = async (
  request: { contactId: string; body: unknown; now: Date },
  deps: { store: ContactStore },
): Promise<RequestResult> => {
  const parsed = ReconsiderationRequestSchema.safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', message: parsed.error.issues[0]!.message };
  const contact = await deps.store.get(request.contactId);
  if (!contact) return { outcome: 'not-found' };
  if (contact.status !== 'decided') return { outcome: 'refused', reason: 'not-decided' };
  if (contact.reconsideration) return { outcome: 'refused', reason: 'already-requested' };
  const at = request.now.toISOString();
  try {
    // The version check makes "once" hold even for two requests sent at the same moment.
    const updated = await deps.store.update(
      contact.contactId,
      contact.version ?? 0,
      { reconsideration: { requestedAt: at, reason: parsed.data.reason, status: 'requested' } },
      at,
    );
    return { outcome: 'requested', contact: updated };
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return error.current?.reconsideration ? { outcome: 'refused', reason: 'already-requested' } : requestReconsideration(request, deps);
  }
};

export const ReconsiderationAnswerSchema = z.object({
  status: z.enum(['upheld', 'changed'], { message: 'Say whether the decision is upheld or changed' }),
  answer: z.string().trim().min(10, 'Explain the answer in at least 10 characters: the referrer will read it').max(10000),
});

export type AnswerResult =
  | { outcome: 'answered'; contact: Contact }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; reason: string; contact?: Contact };

/**
 * For the triage console: a manager answers a reconsideration request. The caller changes the
 * decision itself first when the answer is "changed"; this records the answer against the
 * version the manager saw and emails it to the referrer (once, however often it is retried).
 */
export const answerReconsideration = async (
  request: { contactId: string; expectedVersion: number; body: unknown; answeredBy: string; now: Date },
  deps: { store: ContactStore; mailer: Mailer; config: RuntimeConfig },
): Promise<AnswerResult> => {
  const parsed = ReconsiderationAnswerSchema.safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', message: parsed.error.issues[0]!.message };
  const contact = await deps.store.get(request.contactId);
  if (!contact) return { outcome: 'not-found' };
  const current = contact.reconsideration;
  if (!current) return { outcome: 'conflict', reason: 'The referrer has not asked for this decision to be reconsidered', contact };
  let answered = contact;
  if (current.status === 'requested') {
    const at = request.now.toISOString();
    try {
      answered = await deps.store.update(
        contact.contactId,
        request.expectedVersion,
        { reconsideration: { ...current, status: parsed.data.status, answer: parsed.data.answer, answeredAt: at, answeredBy: request.answeredBy } },
        at,
      );
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      return { outcome: 'conflict', reason: 'The contact has changed since you opened it', contact: error.current };
    }
  } else if (current.status !== parsed.data.status || current.answer !== parsed.data.answer) {
    return { outcome: 'conflict', reason: 'This request has already been answered differently', contact };
  }
  // A retry after the write but before the email sends it now; the mailer sends it only once.
  await deps.mailer.sendOnce(reconsiderationAnswerEmail(answered, deps.config));
  return { outcome: 'answered', contact: answered };
};
