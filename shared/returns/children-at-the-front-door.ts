import { decidedFor, type Contact, type Decision, type NotifiedContact } from '../contacts';
import { AGENCY_TYPES, type Child, type PrimaryNeed, type ReferralSource } from '../notification';
import type { Route } from '../triage/types';
import { childIdsFor, type ChildOfContact } from './child-ids';
import { londonDate } from './dates';

/**
 * What the statutory returns count, read from the contacts: every child of every contact, the
 * children decided to early help, and the children referred to social care. One definition,
 * shared by Annex A and the CIN census extract, so the two returns never disagree.
 */

/** Routes that make a contact a referral: children's social care assesses (s17) or holds a strategy discussion (s47). */
export const REFERRAL_ROUTES: readonly Route[] = ['csc-assessment', 'csc-strategy-discussion'];
export const EARLY_HELP_ROUTES: readonly Route[] = ['early-help-single-agency', 'early-help-targeted'];

export interface ChildContact {
  childId: string;
  child: Child;
  contactId: string;
  childIndex: number;
  /** The day the front door received the contact (Europe/London). */
  receivedOn: string;
  source: ReferralSource;
}

export interface ChildEarlyHelp extends ChildContact {
  route: Route;
  /** The day early help was decided: the front door's request for an early help assessment. */
  decidedOn: string;
  /** Who does the assessment: the family's early help service, or the referring agency for single-agency help. */
  organisation: string;
}

export interface ChildReferral extends ChildContact {
  /** The day the front door first decided this child needs social care (Europe/London). */
  referredOn: string;
  primaryNeed?: PrimaryNeed;
  /** The decision now stands at less than social care: a manager changed it on reconsideration. */
  nfa: boolean;
  /** The social worker and team of a case already open for the child, as the case registry told triage. */
  allocated?: { team?: string; worker: string };
}

/**
 * What the returns read of a stored contact, and all the extract loads: the children, the
 * referrer's agency type and organisation, the decisions and the open cases triage found.
 */
export type ReturnsContact = Pick<Contact, 'contactId' | 'receivedAt' | 'status' | 'decision' | 'previousDecisions'> & {
  notification?: {
    referrer: Pick<NotifiedContact['notification']['referrer'], 'agencyType' | 'organisation'>;
    children: Child[];
  };
  recommendation?: Pick<NonNullable<Contact['recommendation']>, 'caseHolders'>;
};

export interface ChildrenAtTheFrontDoor {
  contacts: ChildContact[];
  earlyHelp: ChildEarlyHelp[];
  referrals: ChildReferral[];
}

export interface CountingOptions {
  /** The service that does targeted early help assessments, named in Annex A List 2. */
  earlyHelpOrganisation: string;
  /** The area's match key: a child is known by the keys triage matches on (child-ids.ts). */
  matchKey: string;
}

/** A contact about children: not a free-text email still to complete, nor an allegation the LADO holds alone. */
const isContactAboutChildren = (
  contact: ReturnsContact,
): contact is ReturnsContact & Required<Pick<ReturnsContact, 'notification'>> =>
  Boolean(contact.notification) && contact.status !== 'needs-completing' && contact.status !== 'referred-to-lado';

/** Census codes by agency type; a record from before a type existed is the census's unknown. */
const sourceOf = (contact: Required<Pick<ReturnsContact, 'notification'>>): ReferralSource =>
  AGENCY_TYPES[contact.notification.referrer.agencyType] ?? '10';

/** Every decision the contact has had, oldest first: a reconsideration keeps the ones it replaced. */
const decisionsOf = (contact: ReturnsContact): Decision[] => [
  ...(contact.previousDecisions ?? []),
  ...(contact.decision ? [contact.decision] : []),
];

export const childrenAtTheFrontDoor = (
  contacts: readonly ReturnsContact[],
  options: CountingOptions,
): ChildrenAtTheFrontDoor => {
  const counted = contacts.filter(isContactAboutChildren);
  const children: (ChildOfContact & { contact: (typeof counted)[number] })[] = counted.flatMap((contact) =>
    contact.notification.children.map((child, childIndex) => ({
      contact,
      contactId: contact.contactId,
      childIndex,
      child,
    })),
  );
  const idOf = childIdsFor(children, options.matchKey);
  const result: ChildrenAtTheFrontDoor = { contacts: [], earlyHelp: [], referrals: [] };

  for (const { contact, contactId, childIndex, child } of children) {
    const base: ChildContact = {
      childId: idOf(contactId, childIndex),
      child,
      contactId,
      childIndex,
      receivedOn: londonDate(contact.receivedAt),
      source: sourceOf(contact),
    };
    result.contacts.push(base);

    const decisions = decisionsOf(contact);
    const current = decidedFor(contact.decision, childIndex);
    if (contact.decision && current && EARLY_HELP_ROUTES.includes(current.route)) {
      const organisation =
        current.route === 'early-help-single-agency'
          ? (contact.notification.referrer.organisation ?? options.earlyHelpOrganisation)
          : options.earlyHelpOrganisation;
      result.earlyHelp.push({
        ...base,
        route: current.route,
        decidedOn: londonDate(contact.decision.decidedAt),
        organisation,
      });
    }

    // A child is referred once per contact, on the first decision that sent them to social care,
    // however often the decision was looked at again (issue 14: decisions changed on
    // reconsideration are counted once).
    const referring = decisions.find((d) => {
      const route = decidedFor(d, childIndex)?.route;
      return route !== undefined && REFERRAL_ROUTES.includes(route);
    });
    if (!referring) continue;
    const stillReferred = current !== undefined && REFERRAL_ROUTES.includes(current.route);
    const holder = contact.recommendation?.caseHolders?.find(
      (c) => c.childIndex === childIndex && c.kind === 'social-care',
    );
    result.referrals.push({
      ...base,
      referredOn: londonDate(referring.decidedAt),
      primaryNeed: (stillReferred ? current : decidedFor(referring, childIndex))?.primaryNeed,
      nfa: !stillReferred,
      ...(holder && { allocated: { worker: holder.holder.name, ...(holder.team && { team: holder.team }) } }),
    });
  }
  return result;
};
