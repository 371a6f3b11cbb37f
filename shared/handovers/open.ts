import { hasNotification, type NotifiedContact } from '../contacts';
import type { AuditEvent, ContactMatches, ContactStore } from '../contacts/ports';
import { teamMayRead, type Handover, type HandoverTeam } from './handover';
import type { HandoverStore } from './ports';

export type ReceivingTeamView =
  | { outcome: 'shown'; contact: NotifiedContact; handovers: Handover[]; matches: ContactMatches; events: AuditEvent[] }
  /** Also when the contact exists but is not the team's to read: a team learns nothing of other contacts. */
  | { outcome: 'not-found' };

/**
 * A receiving team opens the whole record of a contact handed to it: only while a handover to
 * one of the user's teams is for the decision in force (teamMayRead), newest handover first.
 * Every view is recorded in the contact's audit trail, once, before the trail is read, so the
 * page shows it too.
 */
export const openAsReceivingTeam = async (
  request: { contactId: string; teams: readonly HandoverTeam[]; actor: AuditEvent['actor']; now: Date },
  deps: {
    store: Pick<ContactStore, 'get' | 'appendEvent' | 'getMatches' | 'listEvents'>;
    handovers: Pick<HandoverStore, 'listForContact'>;
  },
): Promise<ReceivingTeamView> => {
  const handovers = (await deps.handovers.listForContact(request.contactId))
    .filter((h) => request.teams.includes(h.team))
    .sort((a, b) => b.decisionNumber - a.decisionNumber);
  const contact = handovers.length ? await deps.store.get(request.contactId) : undefined;
  // Only a decided notification is handed over.
  if (!contact || !hasNotification(contact) || !teamMayRead(contact, handovers)) return { outcome: 'not-found' };
  await deps.store.appendEvent({
    contactId: request.contactId,
    at: request.now.toISOString(),
    actor: request.actor,
    action: 'Viewed as the receiving team',
  });
  const [matches, events] = await Promise.all([
    deps.store.getMatches(request.contactId),
    deps.store.listEvents(request.contactId),
  ]);
  return { outcome: 'shown', contact, handovers, matches, events };
};
