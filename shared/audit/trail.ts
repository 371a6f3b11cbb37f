import type { Contact } from '../contacts';
import type { AuditEvent } from '../contacts/ports';
import { SYSTEM_ACTIONS, SYSTEM_ACTOR } from './system-events';
import { roleName } from '../web/labels';

/**
 * The audit trail as a story (issue 12, point 10): what Front Door did (received, triaged with
 * its ruleset version, acknowledged, alerted the duty manager, emailed the outcome) beside what
 * people did, oldest first. Facts the contact itself records with their time (received, the
 * acknowledgement, the referrer's reconsideration request) are read from it, so that contacts
 * from before these entries were recorded tell the same story.
 */
export interface TrailEntry {
  at: string;
  who: string;
  what: string;
  /** How many times the same person did the same thing in one sitting (views), shown as one entry. */
  times: number;
  lastAt: string;
  system: boolean;
}

const RECEIVED_BY: Record<Contact['channel'], string> = {
  web: 'Received through the online form',
  api: "Received from an agency's system",
  batch: "Received from an agency's system, in a batch",
  email: 'Received by email',
  phone: 'Received by phone, recorded by a worker',
};

/** Repeats closer together than this are one sitting. */
const SITTING_MS = 4 * 3600_000;

const fromContact = (contact: Contact): AuditEvent[] => {
  const at = (time: string, action: string, detail?: string, actor = SYSTEM_ACTOR): AuditEvent => ({
    contactId: contact.contactId,
    at: time,
    actor,
    action,
    ...(detail && { detail }),
  });
  return [
    at(contact.receivedAt, RECEIVED_BY[contact.channel] ?? 'Received', contact.reference),
    ...(contact.acknowledgement?.status === 'sent' && contact.acknowledgement.sentAt
      ? [at(contact.acknowledgement.sentAt, 'Acknowledgement emailed to the referrer')]
      : []),
    ...(contact.triageFailure
      ? [at(contact.triageFailure.at, 'Triage failed', 'A worker needs to decide it without a recommendation')]
      : []),
    ...(contact.referrerNotReached
      ? [
          at(
            contact.referrerNotReached.at,
            'Email to the referrer was not delivered',
            contact.referrerNotReached.reason,
          ),
        ]
      : []),
    ...(contact.reconsideration
      ? [
          at(contact.reconsideration.requestedAt, 'Referrer asked for the decision to be reconsidered', undefined, {
            id: 'referrer',
            name: 'The referrer',
            role: 'referrer',
          }),
        ]
      : []),
  ];
};

const who = (actor: AuditEvent['actor']): string =>
  actor.role === 'system'
    ? actor.name
    : actor.role === 'referrer'
      ? actor.name
      : `${actor.name} (${roleName(actor.role)})`;

type TrailEvent = Pick<AuditEvent, 'at' | 'actor' | 'action' | 'detail'>;

export const auditTrail = (contact: Contact, events: readonly AuditEvent[]): TrailEntry[] =>
  trailOf([...fromContact(contact), ...events]);

/** Any record's events (a contact's, an allegation's) as the trail's entries, repeats collapsed. */
export const trailOf = (events: readonly TrailEvent[]): TrailEntry[] => {
  const all = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const entries: (TrailEntry & { key: string })[] = [];
  const lastBy = new Map<string, TrailEntry & { key: string }>();
  for (const event of all) {
    const what = event.detail ? `${event.action}: ${event.detail}` : event.action;
    const key = `${event.actor.id}\u0000${what}`;
    const previous = lastBy.get(event.actor.id);
    // The same person doing the same thing again in one sitting, with nothing else of theirs
    // between (reloading the page, a retried step), is one entry.
    if (
      previous &&
      previous.key === key &&
      new Date(event.at).getTime() - new Date(previous.lastAt).getTime() < SITTING_MS
    ) {
      previous.times++;
      previous.lastAt = event.at;
      continue;
    }
    const entry = {
      key,
      at: event.at,
      who: who(event.actor),
      what,
      times: 1,
      lastAt: event.at,
      system: event.actor.role === 'system',
    };
    entries.push(entry);
    lastBy.set(event.actor.id, entry);
  }
  return entries.map(({ key: _key, ...entry }) => entry);
};

/** When the duty manager (or, out of hours, the emergency duty team) was alerted about a red contact. */
export const redAlertOf = (
  events: readonly AuditEvent[],
): { team: 'duty manager' | 'emergency duty team'; at: string } | undefined => {
  const alert = events.find(
    (e) =>
      e.actor.role === 'system' &&
      (e.action === SYSTEM_ACTIONS.dutyManagerAlerted || e.action === SYSTEM_ACTIONS.emergencyDutyTeamAlerted),
  );
  return (
    alert && {
      team: alert.action === SYSTEM_ACTIONS.emergencyDutyTeamAlerted ? 'emergency duty team' : 'duty manager',
      at: alert.at,
    }
  );
};
