import type { Contact, DecidedContact, Person } from '../contacts';
import { decisionNumber } from '../mail/decision-sequence';
import { handoversOf } from '../mail/handover-routing';
import type { MailConfig } from '../mail/message';

/**
 * A handover: the children a decision gives one receiving team (early help, social care, or a
 * child's allocated worker in social care), which that team accepts or returns with its reason.
 * The "no quibble" promise (domain brief §2, §10) is measured from these: how long acceptance
 * takes and how many come back.
 */
export type HandoverTeam = 'early-help' | 'social-care';

export const HANDOVER_TEAMS: Record<HandoverTeam, string> = {
  'early-help': 'Early help',
  'social-care': "Children's social care",
};

export const HANDOVER_STATUSES = {
  sent: 'Waiting for the team to accept it',
  accepted: 'Accepted',
  returned: 'Returned to the front door',
  replaced: 'Replaced by a later decision',
} as const;
export type HandoverStatus = keyof typeof HANDOVER_STATUSES;

export interface Handover {
  contactId: string;
  reference: string;
  /** `<decision number>:<kind>`: one handover per receiving address and decision. */
  handoverId: string;
  /** Which of the contact's decisions it hands over (1, then 2… after a return or reconsideration). */
  decisionNumber: number;
  team: HandoverTeam;
  /** Where the handover email went: the team's mailbox, or the allocated worker's own address. */
  to: string;
  /** The children handed over, by their place in the notification. */
  childIndexes: number[];
  sentAt: string;
  status: HandoverStatus;
  /** When the status last changed: when it was sent, accepted, returned or replaced. */
  statusAt: string;
  acceptedBy?: Person;
  returnedBy?: Person;
  returnReason?: string;
}

/**
 * The handovers a contact's current decision makes, as the handover emails address them
 * (shared/mail/handover-routing.ts), so that what a team is emailed and what it is asked to accept
 * are the same children.
 */
export const handoversFor = (contact: DecidedContact, config: MailConfig, sentAt: string): Handover[] => {
  const number = decisionNumber(contact);
  return [...handoversOf(contact, config)].map(([to, { kind, team, children }]) => ({
    contactId: contact.contactId,
    reference: contact.reference,
    handoverId: `${number}:${kind}`,
    decisionNumber: number,
    team,
    to,
    childIndexes: children.map((c) => c.childIndex),
    sentAt,
    status: 'sent',
    statusAt: sentAt,
  }));
};

/** Whole hours from sending to acceptance: the "no quibble" measure. */
export const hoursToAccept = (handover: Pick<Handover, 'sentAt' | 'statusAt' | 'status'>): number | undefined =>
  handover.status === 'accepted' ? (Date.parse(handover.statusAt) - Date.parse(handover.sentAt)) / 3600_000 : undefined;

/**
 * Whether a receiving team may read a contact's whole record through its handovers of it: while
 * one of the decision in force is waiting or accepted, or one it returned still waits for the
 * front door's next decision. Once a later decision has followed or replaced its handover (a
 * return, or a manager's reconsideration that sends the child elsewhere, even after the team
 * accepted it), the child's record (the new route, who else is involved, everything written
 * since) moves on without that team: a record is shared for a purpose, for as long as the
 * purpose lasts (Working Together 2023, information sharing).
 */
export const teamMayRead = (
  contact: Pick<Contact, 'decision' | 'previousDecisions'>,
  teamHandovers: readonly Pick<Handover, 'status' | 'decisionNumber'>[],
): boolean => {
  const decided = contact.previousDecisions?.length ?? 0;
  // While a returned decision waits to be replaced, the decision in force is the last one made.
  const inForce = contact.decision ? decided + 1 : decided;
  return teamHandovers.some(
    (h) =>
      ((h.status === 'sent' || h.status === 'accepted') && h.decisionNumber === inForce) ||
      (h.status === 'returned' && !contact.decision && decided === h.decisionNumber),
  );
};

/** The receiving teams a signed-in user belongs to (their Cognito groups). */
export const teamsOf = (user: { roles: readonly string[] }): HandoverTeam[] =>
  user.roles.filter((role): role is HandoverTeam => role in HANDOVER_TEAMS);
