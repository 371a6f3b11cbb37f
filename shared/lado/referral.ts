import { hasNotification, idDerivedFrom, referenceFor, type NotifiedContact } from '../contacts';
import type { WorkingCalendar } from '../calendar';
import type { Contacts } from '../contacts/ports';
import type { Mailer } from '../mail/mailer';
import { AGENCY_TYPES, childName } from '../notification';
import type { MailConfig } from '../mail/message';
import { summaryOf, type Allegation } from './allegation';
import { considerationDue, meetingDue } from './clocks';
import { employerNextStepsEmail, referrerAllegationAcknowledgement } from './messages';
import { personKeyFor } from './person-key';
import type { AllegationStore } from './ports';
import { allegationExpiry } from './retention';
import type { LadoSettings } from '../config';

/**
 * A notification about an adult who works with children becomes an allegation for the LADO
 * (the triage state machine's ReferAllegation step, once per contact). When the referrer says
 * the child needs help too, the contact carries on through triage as any other, linked to the
 * allegation; otherwise it ends here, passed to the LADO.
 *
 * Every part may run again (Step Functions retries): the allegation's id comes from the
 * contact's, so it is created once; index writes and emails are idempotent.
 */
export interface ReferralResult {
  /** Whether the triage of the child carries on. */
  childContact: boolean;
  allegation?: {
    allegationId: string;
    /** False when a retried step found the allegation already made. */
    firstTime: boolean;
    sector: string;
    source: string;
    earlierAllegations: number;
  };
}

export const allegationIdFor = (contactId: string) => idDerivedFrom(contactId, 'lado-allegation');
export const allegationReferenceFor = (allegationId: string) => referenceFor(allegationId).replace(/^CFC-/, 'LADO-');

export interface ReferralDeps {
  contacts: Contacts;
  allegations: AllegationStore;
  mailer: Mailer;
  mail: MailConfig;
  settings: Pick<LadoSettings, 'ALLEGATION_RETENTION' | 'LADO_PHONE' | 'LADO_EMAIL'>;
  /** The area's secret key of the person-matching hash (shared/lado/person-key.ts). */
  matchKey: string;
  calendar: WorkingCalendar;
  now: Date;
}

/**
 * Whether the child needs a contact of their own as well as the allegation: when the referrer
 * says so, and always when they say a child is in immediate danger, which needs protective action
 * and the duty manager today (Working Together 2023, chapter 3), not the LADO's next working day.
 */
export const childContactNeeded = (
  notification: Pick<NotifiedContact['notification'], 'adultConcern' | 'immediateDanger'>,
) => Boolean(notification.adultConcern?.childNeedsContact || notification.immediateDanger);

export const newAllegation = (
  contact: NotifiedContact,
  deps: Pick<ReferralDeps, 'settings' | 'calendar' | 'matchKey'>,
): Allegation => {
  const n = contact.notification;
  const person = n.adultConcern!;
  const allegationId = allegationIdFor(contact.contactId);
  const received = new Date(contact.receivedAt);
  return {
    allegationId,
    reference: allegationReferenceFor(allegationId),
    status: 'awaiting-consideration',
    receivedAt: contact.receivedAt,
    notificationContactId: contact.contactId,
    notificationReference: contact.reference,
    ...(childContactNeeded(n) && { childContact: { contactId: contact.contactId, reference: contact.reference } }),
    source: AGENCY_TYPES[n.referrer.agencyType] ?? 'unknown',
    person,
    personKey: personKeyFor(person, deps.matchKey),
    referrer: n.referrer,
    // A child may be known by a first name or a nickname only, or be unborn: never "undefined".
    children: n.children.map((c) => ({
      name: childName(c),
      ...(c.dateOfBirth && { dateOfBirth: c.dateOfBirth }),
    })),
    description: n.concerns.description,
    immediateRisk: n.immediateDanger,
    considerationDueAt: considerationDue(received, deps.calendar).toISOString(),
    meetingDueAt: meetingDue(received, n.immediateDanger, deps.calendar).toISOString(),
    meetings: [],
    partnerActions: [],
    earlier: [],
    updatedAt: contact.receivedAt,
    version: 1,
    expiresAt: allegationExpiry(contact.receivedAt, person.dateOfBirth, deps.settings.ALLEGATION_RETENTION),
  };
};

export const referAllegation = async (contactId: string, deps: ReferralDeps): Promise<ReferralResult> => {
  const contact = await deps.contacts.get(contactId);
  if (!contact || !hasNotification(contact) || !contact.notification.adultConcern) return { childContact: true };
  const candidate = newAllegation(contact, deps);
  const earlier = (await deps.allegations.findByPerson(candidate.personKey)).filter(
    (e) => e.allegationId !== candidate.allegationId,
  );
  const created = await deps.allegations.create({ ...candidate, earlier, updatedAt: deps.now.toISOString() });
  const allegation = (await deps.allegations.get(candidate.allegationId)) ?? candidate;
  await deps.allegations.indexPerson(allegation.personKey, summaryOf(allegation), allegation.expiresAt);
  if (created === 'created') {
    await deps.allegations.appendEvent(
      {
        allegationId: allegation.allegationId,
        at: deps.now.toISOString(),
        actor: { id: 'front-door', name: 'Front Door', role: 'system' },
        action: 'Allegation received',
        detail: `From notification ${contact.reference}${allegation.childContact ? ', which is also a contact about the child' : ''}; ${earlier.length} earlier allegation(s) about the same person`,
      },
      allegation.expiresAt,
    );
  }
  const toEmployer = employerNextStepsEmail(allegation, deps.mail, deps.settings);
  if (toEmployer) await deps.mailer.sendOnce(toEmployer);
  const toReferrer = referrerAllegationAcknowledgement(allegation, deps.mail, deps.settings);
  if (toReferrer) await deps.mailer.sendOnce(toReferrer);

  const childContact = childContactNeeded(contact.notification);
  if (!childContact && contact.status === 'triaging') {
    await deps.contacts.transition(contactId, ['triaging'], 'referred-to-lado', {}, deps.now.toISOString());
  }
  return {
    childContact,
    allegation: {
      allegationId: allegation.allegationId,
      firstTime: created === 'created',
      sector: allegation.person.sector,
      source: allegation.source,
      earlierAllegations: earlier.length,
    },
  };
};
