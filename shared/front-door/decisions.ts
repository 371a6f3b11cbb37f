import { DecisionSchema, sameDecision, type Contact, type Decision } from '../contacts';
import { fieldErrors, type FieldError } from '../notification';
import type { RuntimeConfig } from '../config';
import { outcomeEmail, teamHandoverEmail } from '../mail/messages';
import { TransitionRefused, type ContactStore, type Mailer, type MessageQueue } from './ports';

export type DecisionResult =
  | { outcome: 'recorded' | 'already-recorded'; contact: Contact }
  | { outcome: 'invalid'; errors: FieldError[] }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; contact: Contact; reason: string };

/**
 * Recording a triage decision. Only one decision stands per contact: the conditional write
 * refuses a second, and a repeat of the same decision (a client retry) is answered as such and
 * re-queues the outcome email, which is itself sent once.
 */
export const recordDecision = async (
  request: { contactId: string; body: unknown; decidedBy: string; now: Date },
  deps: { store: ContactStore; outcomeQueue: MessageQueue },
): Promise<DecisionResult> => {
  const parsed = DecisionSchema.safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', errors: fieldErrors(parsed.error) };

  const existing = await deps.store.get(request.contactId);
  if (!existing) return { outcome: 'not-found' };

  const decision: Decision = { ...parsed.data, decidedAt: request.now.toISOString(), decidedBy: request.decidedBy };
  let contact: Contact;
  let outcome: 'recorded' | 'already-recorded' = 'recorded';
  try {
    contact = await deps.store.transition(request.contactId, 'decided', { decision }, decision.decidedAt);
  } catch (error) {
    if (!(error instanceof TransitionRefused) || !error.current) throw error;
    const current = error.current;
    if (!current.decision) {
      return { outcome: 'conflict', contact: current, reason: `The contact is ${current.status} and cannot be decided yet` };
    }
    if (!sameDecision(current.decision, decision)) {
      return { outcome: 'conflict', contact: current, reason: 'A different decision has already been recorded for this contact' };
    }
    contact = current;
    outcome = 'already-recorded';
  }
  await deps.outcomeQueue.send({ contactId: request.contactId });
  return { outcome, contact };
};

/** Tells the referrer the outcome and hands the contact to the receiving team. */
export const sendOutcome = async (
  contactId: string,
  deps: { store: ContactStore; mailer: Mailer; config: RuntimeConfig },
): Promise<void> => {
  const contact = await deps.store.get(contactId);
  if (!contact?.decision) throw new Error(`Contact ${contactId} has no decision to send`);
  await deps.mailer.sendOnce(outcomeEmail(contact, deps.config));
  const handover = teamHandoverEmail(contact, deps.config);
  if (handover) await deps.mailer.sendOnce(handover);
};
