import type { DecidedContact } from '../contacts';
import type { MailConfig } from '../mail/message';
import { handoversFor, type Handover } from './handover';
import { HandoverMoved, type HandoverStore } from './ports';

/**
 * Records the handovers of a contact's current decision, sent with the handover emails, and
 * marks any earlier decision's handover still waiting as replaced, so that a team is never
 * asked to accept a decision that no longer stands. Safe to repeat: a retried outcome message
 * finds its handovers already recorded (and perhaps accepted) and leaves them as they are.
 */
export const recordHandovers = async (
  contact: DecidedContact,
  deps: { handovers: HandoverStore; config: MailConfig; now: Date },
): Promise<Handover[]> => {
  const at = deps.now.toISOString();
  const current = handoversFor(contact, deps.config, at);
  await deps.handovers.add(current);
  const number = current[0]?.decisionNumber ?? (contact.previousDecisions?.length ?? 0) + 1;
  const stale = (await deps.handovers.listForContact(contact.contactId)).filter(
    (h) => h.decisionNumber < number && h.status === 'sent',
  );
  for (const handover of stale) {
    try {
      await deps.handovers.move(handover.contactId, handover.handoverId, 'sent', { status: 'replaced', statusAt: at });
    } catch (error) {
      // Accepted or returned in the meantime: what the team did stands on the record.
      if (!(error instanceof HandoverMoved)) throw error;
    }
  }
  return current;
};
