import type { WorkingCalendar } from '../calendar';
import { decidedFor, type Contact } from '../contacts';
import { screenedWithinOneWorkingDay } from '../front-door/decisions';
import { AGENCY_TYPES, type Child } from '../notification';
import { recommendedFor, teamForRoute } from '../triage/types';
import { childKeyFor, pseudonymFor } from './pseudonyms';

/**
 * One row per child per contact, as the board's measures count them (the CIN census and Ofsted's
 * Annex A count children, not notifications). Pseudonymised: no name, address, date of birth or
 * free text; the child and the contact are keyed hashes, so rows about the same child join up
 * across contacts without saying who the child is. Every column is a plain scalar, so the same SQL
 * reads them in DuckDB and Athena.
 */
export interface ContactFact {
  contact_key: string;
  child_key: string;
  /** False when the child could not be keyed (no full name and date of birth, no NHS number): never a repeat. */
  child_identified: boolean;
  child_index: number;
  children_in_contact: number;
  received_at: string;
  /** The local (Europe/London) date and month of receipt: what the board's months are. */
  received_on: string;
  received_month: string;
  /** The referrer's agency type, and its CIN census source code. */
  source: string;
  source_code: string;
  channel: string;
  status: string;
  age_band: AgeBand;
  age_years: number | null;
  /** The engine's red/amber/green priority, and its level and route for this child. */
  priority: string | null;
  recommended_level: number | null;
  recommended_route: string | null;
  /** The worker's own decision, before any reconsideration: what overrides are counted on. */
  first_decided_level: number | null;
  first_decided_route: string | null;
  /** The decision that stands (after a reconsideration changed it): what conversion is counted on. */
  decided_level: number | null;
  decided_route: string | null;
  /** When the contact was first decided (the screening clock stops then). */
  decided_at: string | null;
  screened_within_one_working_day: boolean | null;
  /** Decided by the due time its red/amber/green priority set. */
  decided_within_priority_time: boolean | null;
  /** The standing decision's route goes to children's social care for assessment (a referral) or to early help. */
  referral: boolean;
  early_help: boolean;
  reconsideration_requested: boolean;
  reconsideration_changed: boolean;
  partner_requests: number;
  partner_requests_answered_within_48h: number;
  acknowledgement_sent: boolean;
  referrer_not_reached: boolean;
  /** The notification was about an adult who works with children (the LADO pathway). */
  lado_allegation: boolean;
  /** …and went to the LADO alone, with no contact needed for the child. */
  lado_only: boolean;
}

/** The daily triage lists (themes) a contact is on, one row per contact and theme. */
export interface ThemeFact {
  contact_key: string;
  received_month: string;
  source: string;
  theme: string;
}

/** CIN census age bands, and unborn babies apart. */
export type AgeBand = 'unborn' | 'under-1' | '1-4' | '5-9' | '10-15' | '16-17' | '18+' | 'unknown';

const HOUR = 3_600_000;
const PARTNER_ANSWER_HOURS = 48;

/** Completed years between a date of birth and a local date, both YYYY-MM-DD. */
const yearsBetween = (born: string, on: string): number => {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export const ageBand = (years: number | null, unborn: boolean): AgeBand => {
  if (unborn) return 'unborn';
  if (years === null || years < 0) return 'unknown';
  if (years < 1) return 'under-1';
  if (years <= 4) return '1-4';
  if (years <= 9) return '5-9';
  if (years <= 15) return '10-15';
  if (years <= 17) return '16-17';
  return '18+';
};

const ageAt = (child: Child, on: string): number | null => {
  if (child.dateOfBirth) return yearsBetween(child.dateOfBirth, on);
  return child.approximateAge ?? null;
};

export interface FactOptions {
  calendar: WorkingCalendar;
  /** The key the child and contact hashes are made with: without it, a hash cannot be traced back by guessing. */
  secret: string;
}

/**
 * The fact rows of one stored contact. A contact with no notification yet (a free-text email
 * waiting to be completed) has no children to count and yields none.
 */
export const contactFacts = (
  contact: Contact,
  options: FactOptions,
): { contacts: ContactFact[]; themes: ThemeFact[] } => {
  const { notification } = contact;
  if (!notification) return { contacts: [], themes: [] };
  const { calendar, secret } = options;
  const receivedOn = calendar.localDate(new Date(contact.receivedAt));
  const receivedMonth = receivedOn.slice(0, 7);
  const contactKey = pseudonymFor(secret, 'contact', contact.contactId);
  const source = notification.referrer.agencyType;
  // A manager's reconsideration keeps the worker's decision as the first of previousDecisions.
  const first = contact.previousDecisions?.[0] ?? contact.decision;
  const standing = contact.decision;
  const decidedAt = first?.decidedAt ?? null;
  const recommendation = contact.recommendation;
  const partnerRequests = contact.partnerRequests ?? [];
  const answeredInTime = partnerRequests.filter(
    (r) =>
      r.answeredAt &&
      new Date(r.answeredAt).getTime() - new Date(r.requestedAt).getTime() <= PARTNER_ANSWER_HOURS * HOUR,
  ).length;

  const contacts = notification.children.map((child, childIndex): ContactFact => {
    const key = childKeyFor(child, secret);
    const recommended = recommendedFor(recommendation, childIndex);
    const firstDecided = decidedFor(first, childIndex);
    const decided = decidedFor(standing, childIndex);
    const age = ageAt(child, receivedOn);
    return {
      contact_key: contactKey,
      child_key: key ?? pseudonymFor(secret, 'unidentified-child', `${contact.contactId}:${childIndex}`),
      child_identified: key !== undefined,
      child_index: childIndex,
      children_in_contact: notification.children.length,
      received_at: contact.receivedAt,
      received_on: receivedOn,
      received_month: receivedMonth,
      source,
      source_code: AGENCY_TYPES[source],
      channel: contact.channel,
      status: contact.status,
      age_band: ageBand(age, Boolean(child.expectedDateOfDelivery)),
      age_years: child.expectedDateOfDelivery ? null : age,
      priority: recommendation?.priority ?? null,
      recommended_level: recommended?.level ?? recommendation?.level ?? null,
      recommended_route: recommended?.route ?? recommendation?.route ?? null,
      first_decided_level: firstDecided?.level ?? null,
      first_decided_route: firstDecided?.route ?? null,
      decided_level: decided?.level ?? null,
      decided_route: decided?.route ?? null,
      decided_at: decidedAt,
      screened_within_one_working_day:
        screenedWithinOneWorkingDay({ receivedAt: contact.receivedAt, decision: first }, calendar) ?? null,
      decided_within_priority_time: decidedAt && recommendation ? decidedAt <= recommendation.dueAt : null,
      referral:
        decided !== undefined && (decided.route === 'csc-assessment' || decided.route === 'csc-strategy-discussion'),
      early_help: decided !== undefined && teamForRoute(decided.route) === 'early-help',
      reconsideration_requested: Boolean(contact.reconsideration),
      reconsideration_changed: contact.reconsideration?.status === 'changed',
      partner_requests: partnerRequests.length,
      partner_requests_answered_within_48h: answeredInTime,
      acknowledgement_sent: contact.acknowledgement?.status === 'sent',
      referrer_not_reached: Boolean(contact.referrerNotReached),
      lado_allegation: Boolean(notification.adultConcern),
      lado_only: contact.status === 'referred-to-lado',
    };
  });
  const themes = (recommendation?.themes ?? []).map(
    (theme): ThemeFact => ({ contact_key: contactKey, received_month: receivedMonth, source, theme }),
  );
  return { contacts, themes };
};
