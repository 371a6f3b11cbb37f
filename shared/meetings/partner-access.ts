import { planAction } from '../console/actions';
import {
  isOpen,
  modifyContact,
  OPEN_STATUSES,
  hasNotification,
  type Contact,
  type ContactChange,
  type ContactIn,
  type NotifiedContact,
  type OpenStatus,
  type PartnerRequest,
} from '../contacts';
import type { AuditEvent, AuditTrail, ContactQueries, Contacts } from '../contacts/ports';
import { meetingDate } from './agenda';
import type { Meeting, MeetingRecord } from './meeting';
import type { MeetingStore } from './ports';
import { agencyName, type Agency } from '../partners/agencies';

/**
 * What someone from a partner agency may see and do (issue 15): the contacts on today's triage
 * meetings their agency is invited to, and the information requests addressed to their agency,
 * which they answer. Nothing else: not the queue, not any other contact. Every contact shown to
 * them, in a list or opened, is recorded in that contact's audit trail.
 */
export interface Partner {
  agency: string;
  actor: AuditEvent['actor'];
  now: Date;
}

export interface PartnerDeps {
  meetings: MeetingStore;
  contacts: Contacts & AuditTrail & ContactQueries;
  agencies: readonly Agency[];
}

export interface RequestToAgency {
  contact: ContactIn<OpenStatus>;
  request: PartnerRequest;
}

const todaysMeetings = async (partner: Partner, meetings: MeetingStore): Promise<Meeting[]> =>
  (await meetings.listOn(meetingDate(partner.now))).filter((m) => m.invited.includes(partner.agency));

const requestsTo = async (agency: string, contacts: ContactQueries): Promise<RequestToAgency[]> =>
  (await Promise.all(OPEN_STATUSES.map((status) => contacts.listByStatus(status))))
    .flat()
    .flatMap((contact) =>
      (contact.partnerRequests ?? []).filter((r) => r.agency === agency).map((request) => ({ contact, request })),
    );

const audit = (deps: PartnerDeps, partner: Partner, contactIds: Iterable<string>, what: string) =>
  Promise.all(
    [...new Set(contactIds)].map((contactId) =>
      deps.contacts.appendEvent({
        contactId,
        at: partner.now.toISOString(),
        actor: partner.actor,
        action: `${what} (${agencyName(deps.agencies, partner.agency)})`,
      }),
    ),
  );

/** A partner's start page: today's meetings they are invited to, and their agency's requests, waiting ones first. */
export const partnerWork = async (partner: Partner, deps: PartnerDeps) => {
  const [meetings, requests] = await Promise.all([
    todaysMeetings(partner, deps.meetings),
    requestsTo(partner.agency, deps.contacts),
  ]);
  requests.sort(
    (a, b) => Number(!!a.request.answer) - Number(!!b.request.answer) || a.request.dueAt.localeCompare(b.request.dueAt),
  );
  await audit(
    deps,
    partner,
    [...meetings.flatMap((m) => m.agenda.map((a) => a.contactId)), ...requests.map((r) => r.contact.contactId)],
    'Listed for a partner agency',
  );
  return { meetings, requests };
};

export type PartnerContact =
  | {
      outcome: 'shown';
      contact: NotifiedContact;
      requests: PartnerRequest[];
      meetings: Meeting[];
      records: MeetingRecord[];
    }
  /** Also when the contact exists but is not for this agency: a partner learns nothing of other contacts. */
  | { outcome: 'not-found' };

/** One contact as a partner may see it, if it is on one of today's meetings for their agency or has a request to it. */
export const openAsPartner = async (
  request: { contactId: string } & Partner,
  deps: PartnerDeps,
): Promise<PartnerContact> => {
  const contact = await deps.contacts.get(request.contactId);
  if (!contact || !hasNotification(contact)) return { outcome: 'not-found' };
  const meetings = (await todaysMeetings(request, deps.meetings)).filter((m) =>
    m.agenda.some((a) => a.contactId === contact.contactId),
  );
  const requests = isOpen(contact.status)
    ? (contact.partnerRequests ?? []).filter((r) => r.agency === request.agency)
    : [];
  if (!meetings.length && !requests.length) return { outcome: 'not-found' };
  const records = (await deps.meetings.recordsFor(contact.contactId)).filter((r) =>
    meetings.some((m) => m.meetingId === r.meetingId),
  );
  await audit(deps, request, [contact.contactId], 'Viewed by a partner agency');
  return { outcome: 'shown', contact, requests, meetings, records };
};

export type PartnerAnswer =
  | { outcome: 'answered'; contact: Contact }
  | { outcome: 'invalid'; message: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'not-found' };

/**
 * A partner answers a request to their agency: the answer attaches to the contact's request,
 * which stops its 48-hour clock (it is no longer overdue or reminded), and the audit trail says who.
 */
export const answerAsPartner = async (
  request: { contactId: string; requestId: string; answer: string } & Partner,
  deps: PartnerDeps,
): Promise<PartnerAnswer> => {
  const answer = request.answer.trim();
  if (!answer) return { outcome: 'invalid', message: "Enter your agency's answer" };
  if (answer.length > 4000) return { outcome: 'invalid', message: 'Your answer must be 4000 characters or fewer' };
  const plan = (contact: Contact) => {
    const asked = isOpen(contact.status)
      ? contact.partnerRequests?.find((r) => r.id === request.requestId && r.agency === request.agency)
      : undefined;
    if (!asked) return undefined;
    return planAction(
      'record-answer',
      { requestId: asked.id, answer },
      contact,
      request.actor,
      request.now,
      [],
      deps.agencies,
    );
  };
  // A worker may change the contact meanwhile (a claim, a note): the answer is written on top, at the version read.
  const modified = await modifyContact(
    deps.contacts,
    request.contactId,
    (contact): ContactChange<PartnerAnswer> => {
      const planned = plan(contact);
      if (!planned) return { stop: { outcome: 'not-found' } };
      if ('refused' in planned) return { stop: { outcome: 'refused', reason: planned.refused } };
      return { write: planned.write };
    },
    { now: request.now.toISOString() },
  );
  switch (modified.outcome) {
    case 'not-found':
      return { outcome: 'not-found' };
    case 'stopped':
      return modified.stop;
    case 'kept-changing':
      return {
        outcome: 'refused',
        reason: 'The contact is changing too often to save your answer: try again in a moment',
      };
    case 'written': {
      // The same plan again, from the same contact: what to say in the audit trail.
      const written = plan(modified.before);
      if (written && !('refused' in written))
        await deps.contacts.appendEvent({
          contactId: request.contactId,
          at: request.now.toISOString(),
          actor: request.actor,
          action: written.action,
          detail: written.detail,
        });
      return { outcome: 'answered', contact: modified.contact };
    }
  }
};
