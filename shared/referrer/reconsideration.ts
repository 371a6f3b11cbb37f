import * as z from 'zod';
import {
  ContactWrite,
  modifyContact,
  requestReconsideration as reconsiderationRequested,
  sameForAll,
  type DecidedContact,
  type Contacts,
  type Decision,
  type DecisionFields,
} from '../contacts';

/**
 * A referrer who disagrees with a decision may ask, once, for it to be looked at again (domain
 * brief §5: 29% of referrers were unhappy, mostly with the route). The request waits for a
 * manager in the triage console (shared/console/actions.ts), whose answer is emailed back.
 */
export const ReconsiderationRequestSchema = z.object({
  reason: z
    .string({ message: 'Enter why you think the decision should be reconsidered' })
    .trim()
    // Nothing typed is a missing answer, and says so first (GOV.UK error messages).
    .min(1, 'Enter why you think the decision should be reconsidered')
    .min(20, 'Explain why you disagree in at least 20 characters')
    .max(5000, 'Your reason must be 5,000 characters or fewer'),
});

export type RequestResult =
  | { outcome: 'requested'; contact: DecidedContact }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: 'not-decided' | 'already-requested' };

export const requestReconsideration = async (
  request: { contactId: string; body: unknown; now: Date },
  deps: { store: Pick<Contacts, 'get' | 'update'> },
): Promise<RequestResult> => {
  const parsed = ReconsiderationRequestSchema.safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', message: parsed.error.issues[0]!.message };
  const at = request.now.toISOString();
  // The version check makes "once" hold even for two requests sent at the same moment.
  const modified = await modifyContact<'not-decided' | 'already-requested', 'decided'>(
    deps.store,
    request.contactId,
    (contact) =>
      contact.status !== 'decided'
        ? { stop: 'not-decided' }
        : contact.reconsideration
          ? { stop: 'already-requested' }
          : {
              write: ContactWrite.within(
                contact,
                reconsiderationRequested(contact, { requestedAt: at, reason: parsed.data.reason }),
              ),
            },
    { now: at },
  );
  switch (modified.outcome) {
    case 'written':
      return { outcome: 'requested', contact: modified.contact };
    case 'stopped':
      return { outcome: 'refused', reason: modified.stop };
    case 'not-found':
      return { outcome: 'not-found' };
    case 'kept-changing':
      throw new Error(`Contact ${request.contactId} kept changing while its reconsideration was requested`);
  }
};

/**
 * The decision after a manager changes it on reconsideration: for one child (the others keep
 * what was decided for them, as each child is decided as an individual), or the same for every
 * child. Refused when nothing would change, since that is an upheld decision.
 */
export const reconsideredDecision = (
  previous: Decision,
  change: { fields: DecisionFields; childIndex?: number },
  by: { at: string; actorId: string },
): { decision: Decision } | { refused: string } => {
  const childCount = previous.children.length;
  if (change.childIndex !== undefined && change.childIndex >= childCount)
    return { refused: `There is no child ${change.childIndex + 1} in this notification` };
  const children =
    change.childIndex === undefined
      ? sameForAll(change.fields, childCount)
      : previous.children.map((child) =>
          child.childIndex === change.childIndex ? { childIndex: child.childIndex, ...change.fields } : child,
        );
  const changed = children.some(
    (c, i) => c.route !== previous.children[i]?.route || c.level !== previous.children[i]?.level,
  );
  if (!changed) return { refused: 'Choose a different route or level of need, or answer that the decision is upheld' };
  return { decision: { children, decidedAt: by.at, decidedBy: by.actorId } };
};
