import {
  ContactWrite,
  hasNotification,
  modifyContact,
  type Channel,
  type Contact,
  type HouseholdContact,
  type NotifiedContact,
} from '../contacts';
import type { MatchKey } from '../matching/keys';
import { AGENCY_TYPES, type ReferralSource } from '../notification';
import { acknowledgementEmail } from '../mail/acknowledgement';
import { dutyManagerAlert } from '../mail/duty-alert';
import type { RuntimeConfig } from '../config';
import type { WorkingCalendar } from '../calendar';
import { recommend, rulesetCalendar } from '../rules';
import type { CaseRegistry } from '../cases/ports';
import { openCasesFor } from '../cases/record-cases';
import type { ChildRecommendation, EarlierContact, Recommendation } from '../triage/types';
import { acknowledgementAddress } from '../referrer/address-confirmation';
import {
  TransitionRefused,
  type ChildIndexEntry,
  type AuditTrail,
  type ChildIndex,
  type ContactMatches,
  type Contacts,
} from '../contacts/ports';
import type { Mailer } from '../mail/mailer';
import type { ReferrerAddresses } from '../referrer/ports';
import { indexEntriesFor, isChildKey } from './match-index';
import { SYSTEM_ACTIONS, systemEvent } from '../audit/system-events';
import type { MessageQueue } from './ports';

/**
 * The steps of the triage state machine, one function each. Every step may run more than once
 * (Step Functions retries, redelivered messages), so each one either changes state with a
 * conditional write or finds the change already made.
 */

const load = async (store: Pick<Contacts, 'get'>, contactId: string): Promise<NotifiedContact> => {
  const contact = await store.get(contactId);
  if (!contact) throw new ContactNotFound(contactId);
  // Triage starts only once there is a notification: a free-text email is completed by a worker first.
  if (!hasNotification(contact)) throw new Error(`Contact ${contactId} is ${contact.status}: nothing to triage yet`);
  return contact;
};

/** The contact with its matches as saved, in one read where the store can (see ChildIndex.getWithMatches). */
const loadWithMatches = async (
  store: Pick<ChildIndex, 'getWithMatches'>,
  contactId: string,
): Promise<{ contact: NotifiedContact; matches: ContactMatches }> => {
  const read = await store.getWithMatches(contactId);
  if (!read) throw new ContactNotFound(contactId);
  const { contact, matches } = read;
  if (!hasNotification(contact)) throw new Error(`Contact ${contactId} is ${contact.status}: nothing to triage yet`);
  return { contact, matches };
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
  /**
   * Whether the notification is about an adult who works with children (an allegation for the
   * LADO): only then does the state machine run ReferAllegation, which for any other contact
   * would be a Lambda invocation and a read of the contact to find nothing to do.
   */
  adultConcern: boolean;
}

export const beginTriage = async (contactId: string, deps: { store: Contacts; now: Date }): Promise<TriageState> => {
  // Nearly every contact arrives received: one conditional write moves it and returns it.
  const begun = await deps.store.beginTriaging(contactId, deps.now.toISOString());
  const contact = begun ?? (await load(deps.store, contactId));
  const firstAttempt = begun !== undefined;
  if (contact.status === 'triage-failed')
    await deps.store.transition(contactId, ['triage-failed'], 'triaging', {}, deps.now.toISOString());
  const agency = contact.notification?.referrer.agencyType;
  return {
    contactId,
    reference: contact.reference,
    channel: contact.channel,
    source: agency && AGENCY_TYPES[agency],
    firstAttempt,
    adultConcern: !!contact.notification?.adultConcern,
  };
};

/** Earlier contacts kept per child, and per address; the rest are counted ("and 270 more"). */
export const MATCHES_KEPT = 25;

const newestFirst = <T extends { receivedAt: string }>(list: T[]) =>
  list.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));

/**
 * Finds earlier contacts about the same children, and about other children at the same
 * addresses, from the match index alone: each index entry carries the summary shown of it, so
 * the work is one small read per earlier contact and never a read of the earlier contact itself.
 * A block of flats or a children's home can hold hundreds of contacts, and a child thousands:
 * each key is read only as far as its newest few and the rest are counted, so a long history
 * costs what a short one does; the matches are stored beside the contact, never inside it.
 */
export const matchEarlierContacts = async (
  contactId: string,
  deps: { store: Contacts & ChildIndex; matchKey: string; now: Date },
): Promise<{ matchedContacts: number; householdContacts: number }> => {
  const { contact } = await loadWithMatches(deps.store, contactId);
  // The keys this contact is recorded under are the keys its earlier contacts are found by.
  const entries = indexEntriesFor(contact, deps.matchKey);
  const childKeys = entries.flatMap(({ key, entry }) => (isChildKey(key) ? [{ key, entry }] : []));
  const everyChildKey = [...new Set(childKeys.map(({ key }) => key.key))];
  // The entry is one child of the earlier contact: the match records which, so it shows that child's summary.
  const summaryOf = (
    {
      contactId: id,
      reference,
      receivedAt,
      childIndex: matchedChildIndex,
      status,
      level,
      route,
      decidedAt,
    }: ChildIndexEntry,
    childIndex: number,
  ): HouseholdContact => ({
    contactId: id,
    reference,
    receivedAt,
    childIndex,
    matchedChildIndex,
    status,
    level,
    route,
    decidedAt,
  });
  const more: ContactMatches['more'] = [];
  /** The newest kept; the rest of those read, and `uncounted` more only counted, are "and N more". */
  const keep = <T extends { receivedAt: string }>(
    found: T[],
    kind: 'child' | 'household',
    childIndex: number,
    unread = 0,
  ): T[] => {
    const kept = newestFirst(found).slice(0, MATCHES_KEPT);
    const count = found.length - kept.length + unread;
    if (count > 0) more.push({ kind, childIndex, count });
    return kept;
  };
  /** Under a key, the newest `limit` entries, and whether there may be older ones not read. */
  const newestUnder = async (key: MatchKey, limit: number) => {
    const read = await deps.store.newestByMatchKey(key, limit);
    return { read, oldest: read.length === limit ? read.at(-1) : undefined };
  };

  // The newest under every child's key at once: each is one small read, and none waits for
  // another. A contact among a child's newest few is among the newest few of every key it is
  // under, so reading that far (one more, for this contact's own entry on a retry) finds exactly
  // the ones kept; the rest are counted, so a history of thousands costs what one of dozens does.
  const pages = await Promise.all(childKeys.map(({ key }) => newestUnder(key, MATCHES_KEPT + 1)));
  const perChild = await Promise.all(
    contact.notification.children.map(async (_child, childIndex) => {
      const matched = new Map<string, EarlierContact>();
      const keys = childKeys.flatMap(({ key, entry: own }, i) =>
        own.childIndex === childIndex ? [{ key, ...pages[i]! }] : [],
      );
      for (const { key, read } of keys) {
        for (const entry of read) {
          if (entry.contactId === contactId) continue;
          const existing = matched.get(entry.contactId);
          if (existing) {
            if (!existing.matchedOn.includes(key.basis)) existing.matchedOn.push(key.basis);
          } else matched.set(entry.contactId, { ...summaryOf(entry, childIndex), matchedOn: [key.basis] });
        }
      }
      // Older than a key's page: neither one already found, nor one under an earlier key (counted there).
      const unread = await Promise.all(
        keys.map(({ key, oldest }, k) =>
          oldest
            ? deps.store.countOlderByMatchKey(key, oldest, {
                contactIds: [contactId, ...matched.keys()],
                childKeys: keys.slice(0, k).map((earlierKey) => earlierKey.key.key),
              })
            : 0,
        ),
      );
      return { matched: [...matched.values()], unread: unread.reduce((n, c) => n + c, 0) };
    }),
  );
  const earlier = newestFirst(
    perChild.flatMap(({ matched, unread }, childIndex) => keep(matched, 'child', childIndex, unread)),
  );

  // Each address once, under the first child living there; contacts about one of the children
  // (found under their keys, or carrying one of them) are that child's own history and are not
  // repeated as the household's. Read far enough to keep the newest few once those are left out.
  const sameChild = new Set(perChild.flatMap(({ matched }) => matched.map((m) => m.contactId)));
  const aboutTheChildren = (entry: ChildIndexEntry) =>
    entry.contactId === contactId ||
    sameChild.has(entry.contactId) ||
    !!entry.childKeys?.some((k) => everyChildKey.includes(k));
  const seen = new Set<string>();
  const household: HouseholdContact[] = [];
  for (const { key, entry } of entries.filter(({ key }) => !isChildKey(key))) {
    const { read, oldest } = await newestUnder(key, MATCHES_KEPT + 1 + sameChild.size + seen.size);
    const others = read.filter((e) => !aboutTheChildren(e) && !seen.has(e.contactId));
    const unread = oldest
      ? await deps.store.countOlderByMatchKey(key, oldest, {
          contactIds: [contactId, ...seen],
          childKeys: everyChildKey,
        })
      : 0;
    others.forEach((e) => seen.add(e.contactId));
    household.push(
      ...keep(
        others.map((e) => summaryOf(e, entry.childIndex)),
        'household',
        entry.childIndex,
        unread,
      ),
    );
  }
  newestFirst(household);

  // The contact's own entries are recorded after the reads, and with its matches: one batch
  // request where they fit (a retry after triage moved on records the entries alone).
  if (contact.status === 'triaging')
    await deps.store.saveMatches(contactId, { earlier, household, more }, deps.now.toISOString(), entries);
  else await deps.store.indexChildren(entries);
  const counted = (kind: 'child' | 'household') => more.filter((m) => m.kind === kind).reduce((n, m) => n + m.count, 0);
  return {
    matchedContacts: earlier.length + counted('child'),
    householdContacts: household.length + counted('household'),
  };
};

export type RecommendationSummary = Pick<Recommendation, 'level' | 'route' | 'priority' | 'dueAt' | 'themes'> & {
  children: Pick<ChildRecommendation, 'childIndex' | 'level' | 'route' | 'priority'>[];
};

type RecommendDeps = {
  store: Contacts & AuditTrail & ChildIndex;
  acknowledgements: MessageQueue;
  cases: CaseRegistry;
  matchKey: string;
  now: Date;
  calendar?: WorkingCalendar;
};

export const applyLevelsOfNeed = async (contactId: string, deps: RecommendDeps): Promise<RecommendationSummary> => {
  // Read with the matches the step before saved: the rules count earlier contacts by when they
  // were received, which does not change, so their summaries are not read again.
  const { contact, matches } = await loadWithMatches(deps.store, contactId);
  const stored = contact.status === 'triaging' ? undefined : contact.recommendation;
  const recommendation = stored ?? (await recommendAndStore(contact, matches, deps));
  // After the recommendation is stored, under the same id every time: a retry of a step that
  // stopped between the two writes records it then, and one that did not changes nothing. A
  // replay also looks for the entry a contact triaged before entries had ids was given.
  const recorded =
    stored && (await deps.store.listEvents(contactId)).some((event) => event.action === SYSTEM_ACTIONS.triaged);
  if (!recorded) await deps.store.appendEvent(triagedEvent(contactId, recommendation, deps.now));
  // A red contact's acknowledgement is queued once the duty manager is alerted (alertDutyManager).
  if (recommendation.priority !== 'red' && (!stored || contact.acknowledgement?.status === 'pending'))
    await queueAcknowledgement(contactId, deps.acknowledgements);
  const { level, route, priority, dueAt, themes } = recommendation;
  const children = recommendation.children.map(({ childIndex, level, route, priority }) => ({
    childIndex,
    level,
    route,
    priority,
  }));
  return { level, route, priority, dueAt, themes, children };
};

const recommendAndStore = async (
  contact: NotifiedContact,
  matches: ContactMatches,
  deps: RecommendDeps,
): Promise<Recommendation> => {
  // Open cases are what the case registry knows now, never inferred from earlier contacts.
  const openCases = await openCasesFor(contact.notification.children, {
    registry: deps.cases,
    matchKey: deps.matchKey,
  });
  const recommendation = recommend(
    {
      notification: contact.notification,
      history: { earlierContacts: matches.earlier, openCases },
      receivedAt: new Date(contact.receivedAt),
    },
    { calendar: deps.calendar },
  );
  try {
    await deps.store.transition(
      contact.contactId,
      // Only from triaging: a retried step must not take back a decision proposed since.
      ['triaging'],
      'awaiting-decision',
      { recommendation, acknowledgement: { status: 'pending' } },
      deps.now.toISOString(),
    );
    return recommendation;
  } catch (error) {
    // A retried step whose first attempt did write: what was stored first stands.
    if (error instanceof TransitionRefused && error.current?.recommendation) return error.current.recommendation;
    throw error;
  }
};

/** A contact is recommended once (triaging to awaiting a decision happens once), so one id per contact. */
const triagedEvent = (contactId: string, recommendation: Recommendation, now: Date) => ({
  ...systemEvent(
    contactId,
    now.toISOString(),
    SYSTEM_ACTIONS.triaged,
    // Codes only: the trail's detail never carries a child's details.
    `Recommended level ${recommendation.level}, ${recommendation.priority} priority, by ruleset ${recommendation.ruleset.id} version ${recommendation.ruleset.version}`,
  ),
  id: 'triaged',
});

/**
 * The acknowledgement, recorded as pending with the recommendation, is sent from its own queue at
 * SES's rate (functions/queue/send-acknowledgement.ts): waiting for email must not hold a triage
 * execution. Queued after the write, so a step that fails here is retried, and queued again by
 * the sweeper if its execution ends first; the message carries the contact id only.
 */
const queueAcknowledgement = (contactId: string, queue: MessageQueue) => queue.send({ contactId });

type MailDeps = { store: Contacts & AuditTrail; mailer: Mailer; config: RuntimeConfig; now: Date };

/** Out of hours is judged when the alert goes, on the area's office calendar (bank holidays included). */
export const alertDutyManager = async (
  contactId: string,
  deps: MailDeps & { now: Date; calendar?: WorkingCalendar; acknowledgements: MessageQueue },
): Promise<{ sent: true; outOfHours: boolean }> => {
  const outOfHours = !(deps.calendar ?? rulesetCalendar()).isOfficeTime(deps.now);
  const contact = await load(deps.store, contactId);
  await deps.mailer.sendOnce(dutyManagerAlert(contact, deps.config, { outOfHours }));
  // Who was told and when, for the contact page's red banner and the audit trail (a retry after
  // this may record it twice; the console shows a repeated entry once).
  const toEmergencyDutyTeam = outOfHours && !!deps.config.EMERGENCY_DUTY_TEAM_ADDRESS;
  await deps.store.appendEvent(
    systemEvent(
      contactId,
      deps.now.toISOString(),
      toEmergencyDutyTeam ? SYSTEM_ACTIONS.emergencyDutyTeamAlerted : SYSTEM_ACTIONS.dutyManagerAlerted,
      outOfHours ? 'Outside office hours' : undefined,
    ),
  );
  // After the alert, so a red contact whose acknowledgement is pending may still await its alert.
  if (contact.acknowledgement?.status === 'pending') await queueAcknowledgement(contactId, deps.acknowledgements);
  return { sent: true, outOfHours };
};

/**
 * Whether a red contact's duty alert is recorded (alertDutyManager records it before queuing the
 * acknowledgement): once it is, a pending acknowledgement is like any other contact's.
 */
export const dutyAlertRecorded = async (contactId: string, trail: AuditTrail): Promise<boolean> =>
  (await trail.listEvents(contactId)).some(
    (event) =>
      event.action === SYSTEM_ACTIONS.dutyManagerAlerted || event.action === SYSTEM_ACTIONS.emergencyDutyTeamAlerted,
  );

export const sendAcknowledgement = async (
  contactId: string,
  deps: MailDeps & { addresses: ReferrerAddresses; matchKey: string },
): Promise<{ sent: true }> => {
  const contact = await load(deps.store, contactId);
  // Already sent (recorded only once the email has gone) or found to have no address: a message
  // delivered again (a batch that outran its visibility timeout, the outcome's consumer having
  // sent it first) has nothing left to do. Stopping here spares the address lookup, a second
  // confirmation offer and the idempotency record's put and read, which only found it sent.
  if (contact.acknowledgement && contact.acknowledgement.status !== 'pending') return { sent: true };
  // Only a contact recorded as pending is ever queued here or sent here by the outcome's consumer,
  // so one with no acknowledgement at all was read as it stood before that record: the message
  // fails and comes back (at worst to the dead-letter queue and its alarm) rather than sending now
  // and being deleted with the contact still pending, which nothing would then send or mark.
  if (!contact.acknowledgement)
    throw new Error(`The contact ${contactId} was read without its pending acknowledgement; retried`);
  const { now } = deps;
  // A referrer who gave no email address (anonymous, or a phone number only) is not written to;
  // an address never confirmed gets the generic acknowledgement with a confirmation link.
  const address = await acknowledgementAddress(contact, now, {
    addresses: deps.addresses,
    matchKey: deps.matchKey,
    config: deps.config,
  });
  const acknowledgement = acknowledgementEmail(
    contact,
    deps.config,
    address?.confirmed === false ? address.confirmUrl : undefined,
  );
  if (acknowledgement) await deps.mailer.sendOnce(acknowledgement);
  await recordAcknowledged(
    contact,
    acknowledgement
      ? { status: 'sent', sentAt: now.toISOString(), addressConfirmed: address!.confirmed }
      : { status: 'no-address' },
    deps.store,
    now.toISOString(),
  );
  return { sent: true };
};

/**
 * Marks the acknowledgement sent in whatever status the contact has reached (a worker may
 * already have decided it), without disturbing that status; a retry finds it already marked.
 */
const recordAcknowledged = async (
  contact: Contact,
  outcome: NonNullable<Contact['acknowledgement']>,
  store: Contacts,
  now: string,
): Promise<void> => {
  const modified = await modifyContact(
    store,
    contact.contactId,
    (current) =>
      current.acknowledgement?.status === 'pending'
        ? { write: ContactWrite.change(current, { acknowledgement: outcome }) }
        : { stop: 'marked' },
    { now, current: contact },
  );
  // Only a contact found marked counts as done: its message is deleted once this returns, and a
  // contact that could not be read back (or kept changing while still pending) would otherwise
  // stay pending with nothing left to queue it but the stall sweeper, minutes later.
  const marked =
    modified.outcome === 'written' ||
    modified.outcome === 'stopped' ||
    (modified.outcome === 'kept-changing' &&
      modified.contact !== undefined &&
      modified.contact.acknowledgement?.status !== 'pending');
  if (!marked) throw new Error(`Could not record the acknowledgement of ${contact.contactId} (${modified.outcome})`);
};

/** A failed triage must be visible to workers, never a contact that silently went nowhere. */
export const markTriageFailed = async (
  contactId: string,
  error: string,
  deps: { store: Contacts; now: Date },
): Promise<{ status: 'triage-failed' | 'unchanged' }> => {
  try {
    await deps.store.transition(
      contactId,
      ['received', 'triaging'],
      'triage-failed',
      { triageFailure: { error, at: deps.now.toISOString() } },
      deps.now.toISOString(),
    );
    return { status: 'triage-failed' };
  } catch (refused) {
    if (refused instanceof TransitionRefused) return { status: 'unchanged' };
    throw refused;
  }
};
