import { decidedFor, householdKeyFor, matchKeysFor, type Channel, type Contact, type HouseholdContact, type MatchKey } from '../contacts';
import { AGENCY_TYPES, type ReferralSource } from '../notification';
import { acknowledgementEmail, dutyManagerAlert } from '../mail/messages';
import type { RuntimeConfig } from '../config';
import type { WorkingCalendar } from '../calendar';
import { recommend, rulesetCalendar } from '../rules';
import type { CaseRegistry } from '../cases/ports';
import { openCasesFor } from '../cases/record-cases';
import { recommendedFor, type ChildRecommendation, type EarlierContact, type Recommendation } from '../triage/types';
import { TransitionRefused, type ChildIndexEntry, type ContactStore, type Mailer } from './ports';

/**
 * The steps of the triage state machine, one function each. Every step may run more than once
 * (Step Functions retries, redelivered messages), so each one either changes state with a
 * conditional write or finds the change already made.
 */

const load = async (store: ContactStore, contactId: string): Promise<Contact> => {
  const contact = await store.get(contactId);
  if (!contact) throw new ContactNotFound(contactId);
  return contact;
};

export class ContactNotFound extends Error {
  override readonly name = 'ContactNotFound';
  constructor(readonly contactId: string) {
    super(`No contact ${contactId}`);
  }
}

/** What the state machine carries between steps: ids, codes and routing facts, never personal data. */
export interface TriageState {
  contactId: string;
  reference: string;
  channel: Channel;
  /** The CIN census source code of the referrer's agency, for the board's contacts-by-source measure. */
  source: ReferralSource | undefined;
  /** False when a retried or replayed step finds triage already begun. */
  firstAttempt: boolean;
}

export const beginTriage = async (contactId: string, deps: { store: ContactStore; now: Date }): Promise<TriageState> => {
  const contact = await load(deps.store, contactId);
  const firstAttempt = contact.status === 'received';
  if (firstAttempt || contact.status === 'triage-failed') {
    await deps.store.transition(contactId, 'triaging', {}, deps.now.toISOString());
  }
  const agency = contact.notification?.referrer.agencyType;
  return { contactId, reference: contact.reference, channel: contact.channel, source: agency && AGENCY_TYPES[agency], firstAttempt };
};

export const matchEarlierContacts = async (
  contactId: string,
  deps: { store: ContactStore; now: Date },
): Promise<{ matchedContacts: number; householdContacts: number }> => {
  const contact = await load(deps.store, contactId);
  const summarise = async (entry: ChildIndexEntry, childIndex: number): Promise<HouseholdContact> => {
    const earlier = await deps.store.get(entry.contactId);
    // What was recommended and decided for the matched child, not for a sibling in that contact.
    const decided = decidedFor(earlier?.decision, entry.childIndex);
    return {
      contactId: entry.contactId,
      reference: entry.reference,
      receivedAt: entry.receivedAt,
      childIndex,
      status: earlier?.status ?? 'unknown',
      level: decided?.level ?? recommendedFor(earlier?.recommendation, entry.childIndex)?.level,
      route: decided?.route,
      decidedAt: earlier?.decision?.decidedAt,
    };
  };
  const index = (key: MatchKey, childIndex: number) =>
    deps.store.indexChild(key, { contactId, reference: contact.reference, receivedAt: contact.receivedAt, childIndex });

  const matches = new Map<string, EarlierContact>();
  for (const [childIndex, child] of contact.notification.children.entries()) {
    for (const key of matchKeysFor(child)) {
      for (const entry of await deps.store.findByMatchKey(key)) {
        if (entry.contactId === contactId) continue;
        const id = `${entry.contactId}:${childIndex}`;
        const existing = matches.get(id);
        if (existing) {
          if (!existing.matchedOn.includes(key.basis)) existing.matchedOn.push(key.basis);
          continue;
        }
        matches.set(id, { ...(await summarise(entry, childIndex)), matchedOn: [key.basis] });
      }
      await index(key, childIndex);
    }
  }

  // Each address once, under the first child living there; contacts already matched to one of
  // the children are that child's own history and are not repeated as the household's.
  const sameChild = new Set([...matches.values()].map((m) => m.contactId));
  const household = new Map<string, HouseholdContact>();
  const addresses = new Set<string>();
  for (const [childIndex, child] of contact.notification.children.entries()) {
    const key = householdKeyFor(child.address);
    if (addresses.has(key.key)) continue;
    addresses.add(key.key);
    for (const entry of await deps.store.findByMatchKey(key)) {
      if (entry.contactId === contactId || sameChild.has(entry.contactId) || household.has(entry.contactId)) continue;
      household.set(entry.contactId, await summarise(entry, childIndex));
    }
    await index(key, childIndex);
  }

  const newestFirst = <T extends { receivedAt: string }>(list: T[]) => list.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const earlierContacts = newestFirst([...matches.values()]);
  const householdMatches = newestFirst([...household.values()]);
  if (contact.status === 'triaging') {
    await deps.store.amend(contactId, 'triaging', { matches: earlierContacts, householdMatches }, deps.now.toISOString());
  }
  return { matchedContacts: earlierContacts.length, householdContacts: householdMatches.length };
};

/** The headline the state machine routes on, and each child's level and route for the board's measures. */
export type RecommendationSummary = Pick<Recommendation, 'level' | 'route' | 'priority' | 'dueAt' | 'themes'> & {
  children: Pick<ChildRecommendation, 'childIndex' | 'level' | 'route' | 'priority'>[];
};

type RecommendDeps = { store: ContactStore; cases: CaseRegistry; now: Date; calendar?: WorkingCalendar };

export const applyLevelsOfNeed = async (
  contactId: string,
  deps: RecommendDeps,
): Promise<RecommendationSummary> => {
  const contact = await load(deps.store, contactId);
  const recommendation =
    contact.status === 'triaging' || !contact.recommendation
      ? await recommendAndStore(contact, deps)
      : contact.recommendation;
  const { level, route, priority, dueAt, themes } = recommendation;
  const children = recommendation.children.map(({ childIndex, level, route, priority }) => ({ childIndex, level, route, priority }));
  return { level, route, priority, dueAt, themes, children };
};

const recommendAndStore = async (contact: Contact, deps: RecommendDeps): Promise<Recommendation> => {
  // Open cases are what the case registry knows now, never inferred from earlier contacts.
  const openCases = await openCasesFor(contact.notification.children, { registry: deps.cases });
  const recommendation = recommend(
    {
      notification: contact.notification,
      history: { earlierContacts: contact.matches ?? [], openCases },
      receivedAt: new Date(contact.receivedAt),
    },
    { calendar: deps.calendar },
  );
  try {
    await deps.store.transition(contact.contactId, 'awaiting-decision', { recommendation, acknowledgement: { status: 'pending' } }, deps.now.toISOString());
    return recommendation;
  } catch (error) {
    // A retried step whose first attempt did write: what was stored first stands.
    if (error instanceof TransitionRefused && error.current?.recommendation) return error.current.recommendation;
    throw error;
  }
};

type MailDeps = { store: ContactStore; mailer: Mailer; config: RuntimeConfig; now?: Date };

/** Out of hours is judged when the alert goes, on the area's office calendar (bank holidays included). */
export const alertDutyManager = async (
  contactId: string,
  deps: MailDeps & { now: Date; calendar?: WorkingCalendar },
): Promise<{ sent: true; outOfHours: boolean }> => {
  const outOfHours = !(deps.calendar ?? rulesetCalendar()).isOfficeTime(deps.now);
  await deps.mailer.sendOnce(dutyManagerAlert(await load(deps.store, contactId), deps.config, { outOfHours }));
  return { sent: true, outOfHours };
};

export const sendAcknowledgement = async (contactId: string, deps: MailDeps): Promise<{ sent: true }> => {
  const contact = await load(deps.store, contactId);
  // A referrer who gave no email address (anonymous, or a phone number only) is not written to.
  const acknowledgement = acknowledgementEmail(contact, deps.config);
  if (acknowledgement) await deps.mailer.sendOnce(acknowledgement);
  await recordAcknowledged(contact, acknowledgement ? 'sent' : 'no-address', deps.store, (deps.now ?? new Date()).toISOString());
  return { sent: true };
};

/**
 * Marks the acknowledgement sent in whatever status the contact has reached (a worker may
 * already have decided it), without disturbing that status; a retry finds it already marked.
 */
const recordAcknowledged = async (contact: Contact, outcome: 'sent' | 'no-address', store: ContactStore, now: string): Promise<void> => {
  let current: Contact | undefined = contact;
  for (let attempt = 0; current && current.acknowledgement?.status === 'pending' && attempt < 3; attempt++) {
    try {
      await store.amend(current.contactId, current.status, { acknowledgement: { status: outcome, ...(outcome === 'sent' && { sentAt: now }) } }, now);
      return;
    } catch (error) {
      if (!(error instanceof TransitionRefused)) throw error;
      current = error.current;
    }
  }
  if (current?.acknowledgement?.status === 'pending') throw new Error(`Could not record the acknowledgement of ${contact.contactId}`);
};

/** A failed triage must be visible to workers, never a contact that silently went nowhere. */
export const markTriageFailed = async (
  contactId: string,
  error: string,
  deps: { store: ContactStore; now: Date },
): Promise<{ status: 'triage-failed' | 'unchanged' }> => {
  try {
    await deps.store.transition(contactId, 'triage-failed', { triageFailure: { error, at: deps.now.toISOString() } }, deps.now.toISOString());
    return { status: 'triage-failed' };
  } catch (refused) {
    if (refused instanceof TransitionRefused) return { status: 'unchanged' };
    throw refused;
  }
};
