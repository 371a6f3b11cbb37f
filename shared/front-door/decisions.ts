import {
  agreeDecision,
  childDecisionsFor,
  ContactWrite,
  decide,
  describeChildren,
  hasNotification,
  isAwaitingManager,
  isDecidable,
  isDecided,
  parseDecisionBody,
  proposeDecision,
  returnDecision,
  sameDecision,
  type AwaitingDecisionContact,
  type AwaitingManagerContact,
  type Contact,
  type DecidedContact,
  type NotifiedContact,
  type Decision,
  type DecisionBody,
  type DecisionFields,
  type Person,
} from '../contacts';
import { childNameOf, type FieldError } from '../notification';
import type { RuntimeConfig } from '../config';
import type { WorkingCalendar } from '../calendar';
import { overridesRecommendation, signOffReasons } from './sign-off';
import { caseHolderNotices } from '../mail/case-holder-notices';
import { handoverReplacedEmails, teamHandoverEmails } from '../mail/team-handovers';
import { outcomeEmail } from '../mail/outcome';
import { professionalOutcomeEmails } from '../mail/professional-outcome';
import { reconsiderationAnswerEmail } from '../mail/reconsideration-answer';
import { returnedByTeam } from '../mail/decision-sequence';
import { recommendedFor, type Route } from '../triage/types';
import type { HandoverStore } from '../handovers/ports';
import { recordHandovers } from '../handovers/record';
import { isTracked } from '../triage/clocks';
import { VersionConflict, type AuditEvent, type AuditTrail, type Contacts } from '../contacts/ports';
import type { Mailer } from '../mail/mailer';
import type { MessageQueue } from './ports';
import { SYSTEM_ACTIONS, systemEvent } from '../audit/system-events';
import { dutyAlertRecorded } from './triage-steps';

export type DecisionResult =
  | {
      outcome: 'recorded' | 'already-recorded';
      /** Decided, or waiting for a manager to sign the decision off. */
      contact: DecidedContact | AwaitingManagerContact;
      /** Why a manager must agree the decision before the outcome is sent; empty when it is final. */
      signOff: string[];
    }
  | { outcome: 'invalid'; errors: FieldError[] }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; contact: Contact; reason: string };

export interface DecisionRequest {
  contactId: string;
  body: unknown;
  decidedBy: string;
  now: Date;
  /** The version the console's user saw: a decision on a contact that has changed since is refused. */
  expectedVersion?: number;
  /** How the decider appears in the audit trail. */
  actor?: AuditEvent['actor'];
  /** Routes on which the area wants every decision agreed by a manager. */
  signOffRoutes?: readonly Route[];
}

const STALE = 'Someone else changed this contact after you opened it. Check what they did before you decide.';

/**
 * Recording a triage decision: a level and route for each child, given child by child or once
 * for all of them. Only one decision stands per contact: the versioned write refuses a second,
 * and a repeat of the same decision (a client retry) is answered as such and re-queues the
 * outcome email, which is itself sent once. A decision with any child needing a manager's
 * sign-off waits in awaiting-manager as a whole, and nothing is sent until the manager agrees it.
 */
export const recordDecision = async (
  request: DecisionRequest,
  deps: { store: Contacts & AuditTrail; outcomeQueue: MessageQueue },
): Promise<DecisionResult> => {
  const parsed = parseDecisionBody(request.body);
  if (!parsed.success) return { outcome: 'invalid', errors: parsed.errors };

  // A concurrent writer may win between our read and our write; read again and answer from there.
  for (let attempt = 0; ; attempt++) {
    const existing = await deps.store.get(request.contactId);
    if (!existing) return { outcome: 'not-found' };
    if (request.expectedVersion !== undefined && (existing.version ?? 0) !== request.expectedVersion) {
      return { outcome: 'conflict', contact: existing, reason: STALE };
    }
    // A free-text email becomes a notification, with its children, before anyone decides it.
    if (!hasNotification(existing))
      return {
        outcome: 'conflict',
        contact: existing,
        reason: `The contact is ${existing.status} and cannot be decided yet`,
      };
    const children = childDecisionsFor(parsed.body, existing.notification.children.length);
    if (!children.success) return { outcome: 'invalid', errors: children.errors };
    const decision: Decision = {
      children: children.children,
      decidedAt: request.now.toISOString(),
      decidedBy: request.decidedBy,
    };
    const settled = alreadySettled(existing, decision);
    if (settled) {
      if (settled.outcome === 'already-recorded' && existing.status === 'decided')
        await deps.outcomeQueue.send({ contactId: existing.contactId });
      return settled;
    }
    const unexplained = unexplainedOverrides(parsed.body, existing);
    if (unexplained.length) return { outcome: 'invalid', errors: unexplained };
    const signOff = signOffReasons(decision.children, existing.recommendation, request.signOffRoutes ?? []);
    if (!isDecidable(existing)) {
      return {
        outcome: 'conflict',
        contact: existing,
        reason: `The contact is ${existing.status} and cannot be decided yet`,
      };
    }
    try {
      const contact = await deps.store.update(
        existing.contactId,
        existing.version ?? 0,
        signOff.length
          ? ContactWrite.move(existing, proposeDecision(existing, decision))
          : ContactWrite.move(existing, decide(existing, decision)),
        decision.decidedAt,
      );
      await deps.store.appendEvent({
        contactId: contact.contactId,
        at: decision.decidedAt,
        actor: request.actor ?? { id: request.decidedBy, name: request.decidedBy, role: 'api' },
        action: signOff.length ? 'Proposed a decision for sign-off' : 'Decided',
        detail: `${describeChildren(decision)}${signOff.length ? `. Sign-off needed: ${signOff.join('; ')}` : ''}`,
      });
      if (contact.status === 'decided')
        await deps.outcomeQueue.send({ contactId: contact.contactId, newDecision: true });
      return { outcome: 'recorded', contact, signOff };
    } catch (error) {
      if (!(error instanceof VersionConflict) || !error.current) throw error;
      if (request.expectedVersion !== undefined || attempt > 0)
        return { outcome: 'conflict', contact: error.current, reason: STALE };
    }
  }
};

/**
 * Overriding the recommended level or route for a child is allowed, but the decider must say why
 * (inspectors found decision rationale weakly recorded), whether the decision comes from the
 * console or the API. One decision for all children overrides when it differs from any child's
 * recommendation.
 */
const unexplainedOverrides = (body: DecisionBody, contact: NotifiedContact): FieldError[] => {
  const overrides = (decision: DecisionFields, childIndexes: number[]) =>
    !decision.overrideReason &&
    childIndexes.some((c) => overridesRecommendation(decision, recommendedFor(contact.recommendation, c)));
  const MESSAGE = 'Say why you are choosing a different level or route from the recommendation';
  if (!('children' in body)) {
    const all = contact.notification.children.map((_, c) => c);
    return overrides(body, all) ? [{ path: 'overrideReason', message: MESSAGE }] : [];
  }
  return body.children.flatMap((decision, i) =>
    overrides(decision, [decision.childIndex])
      ? [
          {
            path: `children.${i}.overrideReason`,
            message: `${MESSAGE} for ${childNameOf(contact, decision.childIndex)}`,
          },
        ]
      : [],
  );
};

/** A contact that already has a decision, standing or awaiting sign-off: a retry or a conflict. */
const alreadySettled = (existing: Contact, decision: Decision): DecisionResult | undefined => {
  if (existing.status !== 'decided' && existing.status !== 'awaiting-manager') return undefined;
  const standing = existing.status === 'decided' ? existing.decision : existing.proposedDecision;
  if (!sameDecision(standing, decision)) {
    const reason =
      existing.status === 'decided'
        ? 'A different decision has already been recorded for this contact'
        : 'A different decision is already waiting for a manager to sign it off';
    return { outcome: 'conflict', contact: existing, reason };
  }
  const signOff =
    existing.status === 'awaiting-manager' ? ['The decision is waiting for a manager to sign it off'] : [];
  return { outcome: 'already-recorded', contact: existing, signOff };
};

export type SignOffResult =
  | { outcome: 'agreed'; contact: DecidedContact }
  | { outcome: 'returned'; contact: AwaitingDecisionContact }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'conflict'; contact: Contact; reason: string };

/**
 * A manager agrees a decision awaiting sign-off, which makes it final and sends the outcome, or
 * returns it to the worker with a comment. Nobody signs off their own decision.
 */
export const signOffDecision = async (
  request: {
    contactId: string;
    expectedVersion: number;
    agree: boolean;
    comment?: string;
    by: AuditEvent['actor'];
    now: Date;
  },
  deps: { store: Contacts & AuditTrail; outcomeQueue: MessageQueue },
): Promise<SignOffResult> => {
  const existing = await deps.store.get(request.contactId);
  if (!existing) return { outcome: 'not-found' };
  if ((existing.version ?? 0) !== request.expectedVersion)
    return { outcome: 'conflict', contact: existing, reason: STALE };
  if (!isAwaitingManager(existing)) {
    return { outcome: 'conflict', contact: existing, reason: 'This contact has no decision waiting for sign-off' };
  }
  const proposed = existing.proposedDecision;
  if (proposed.decidedBy === request.by.id)
    return { outcome: 'refused', reason: 'You cannot sign off your own decision' };
  const comment = request.comment?.trim() || undefined;
  if (!request.agree && !comment) return { outcome: 'refused', reason: 'Say why you are returning the decision' };

  const at = request.now.toISOString();
  const by: Person = { id: request.by.id, name: request.by.name };
  const signOff = { outcome: request.agree ? ('agreed' as const) : ('returned' as const), comment, by, at };
  let written: DecidedContact | AwaitingDecisionContact;
  try {
    written = await deps.store.update(
      existing.contactId,
      existing.version ?? 0,
      request.agree
        ? ContactWrite.move(existing, agreeDecision(existing, signOff))
        : ContactWrite.move(existing, returnDecision(existing, signOff)),
      at,
    );
  } catch (error) {
    if (error instanceof VersionConflict && error.current)
      return { outcome: 'conflict', contact: error.current, reason: STALE };
    throw error;
  }
  await deps.store.appendEvent({
    contactId: written.contactId,
    at,
    actor: request.by,
    action: request.agree ? 'Signed off the decision' : 'Returned the decision to the worker',
    detail: comment,
  });
  if (written.status === 'awaiting-decision') return { outcome: 'returned', contact: written };
  await deps.outcomeQueue.send({ contactId: written.contactId, newDecision: true });
  return { outcome: 'agreed', contact: written };
};

const sameRoutes = (a: Pick<Decision, 'children'>, b: Pick<Decision, 'children'>) =>
  a.children.length === b.children.length &&
  a.children.every((c, i) => c.route === b.children[i]?.route && c.level === b.children[i]?.level);

/**
 * Tells the referrer the outcome, hands the contact to the receiving team and tells the other
 * professionals named in the notification (on secure domains); after a manager
 * answers a reconsideration request, also tells the referrer the answer and any team whose
 * earlier handover it replaces. Each email is sent
 * once, so a contact queued again (a retry, an upheld decision) sends only what is new.
 */
export const sendOutcome = async (
  contactId: string,
  deps: {
    store: Contacts & AuditTrail;
    mailer: Mailer;
    config: RuntimeConfig;
    handovers: HandoverStore;
    now: Date;
    /** Sends the contact's pending acknowledgement (sendAcknowledgement), under its own idempotency key. */
    acknowledge: (contactId: string) => Promise<unknown>;
  },
): Promise<DecidedContact> => {
  const contact = await deps.store.get(contactId);
  if (!contact || !isDecided(contact)) throw new Error(`Contact ${contactId} has no final decision to send`);
  // The referrer hears that the notification arrived before what was decided: in a burst a worker
  // may decide while the acknowledgement still waits in its queue, so it is sent here first (its
  // own consumer then finds it sent). A red contact's only once its duty alert is recorded, which
  // comes first; until then this message fails and comes back.
  if (contact.acknowledgement?.status === 'pending') {
    if (contact.recommendation?.priority === 'red' && !(await dutyAlertRecorded(contactId, deps.store)))
      throw new Error(`Contact ${contactId} is red and its duty alert is not yet recorded: its acknowledgement waits`);
    await deps.acknowledge(contactId);
  }
  // A receiving team returned the last decision and the front door decided the same again: the
  // referrer already has this outcome, so only the teams hear of it.
  const returned = returnedByTeam(contact) ? contact.previousDecisions?.at(-1) : undefined;
  const unchanged = !!returned && sameRoutes(contact.decision, returned);
  const outcome = !unchanged && outcomeEmail(contact, deps.config);
  if (outcome) {
    await deps.mailer.sendOnce(outcome);
    await deps.store.appendEvent(systemEvent(contactId, deps.now.toISOString(), SYSTEM_ACTIONS.outcomeEmailed));
  }
  // Recorded before the emails that ask the teams to accept them, so no team is asked about a handover it cannot find.
  await recordHandovers(contact, deps);
  for (const handover of teamHandoverEmails(contact, deps.config)) await deps.mailer.sendOnce(handover);
  for (const replaced of handoverReplacedEmails(contact, deps.config)) await deps.mailer.sendOnce(replaced);
  for (const notice of caseHolderNotices(contact, deps.config)) await deps.mailer.sendOnce(notice);
  if (!unchanged) for (const told of professionalOutcomeEmails(contact, deps.config)) await deps.mailer.sendOnce(told);
  const answer = contact.reconsideration?.answer && reconsiderationAnswerEmail(contact, deps.config);
  if (answer) await deps.mailer.sendOnce(answer);
  return contact;
};

/**
 * The board's screening measure (domain brief §4, §8): decided within one working day of receipt,
 * as areas report it (Herefordshire: 96.7% screened in one working day). Not the red/amber/green
 * deadline, which is shorter for urgent contacts and would count a same-day red decided in five
 * hours as late screening.
 */
export const screenedWithinOneWorkingDay = (
  contact: Pick<Contact, 'decision' | 'receivedAt'>,
  calendar: WorkingCalendar,
): boolean | undefined =>
  contact.decision
    ? contact.decision.decidedAt <= calendar.addWorkingDays(new Date(contact.receivedAt), 1).toISOString()
    : undefined;

/**
 * The return home interview measure (domain brief §8, "return interviews in 72 hours";
 * Worcestershire met 48%): whether the front door decided a missing child's contact before the
 * interview fell due, 72 hours from the child's return, so the interview could still be arranged
 * in time. Undefined when the contact starts no such clock or is not decided.
 */
export const decidedBeforeReturnInterviewDue = (
  contact: Pick<Contact, 'decision' | 'recommendation'>,
): boolean | undefined => {
  const clock = contact.recommendation?.clocks.find(isTracked);
  return contact.decision && clock ? contact.decision.decidedAt <= clock.dueAt : undefined;
};
