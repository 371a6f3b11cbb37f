import * as z from 'zod';
import { ContactWrite, modifyContact, reopenForReturnedHandover, type Contact } from '../contacts';
import type { AuditEvent, AuditTrail, Contacts } from '../contacts/ports';
import { decisionNumber } from '../mail/decision-sequence';
import { HANDOVER_TEAMS, hoursToAccept, type Handover, type HandoverTeam } from './handover';
import { HandoverMoved, type HandoverStore } from './ports';

/**
 * A receiving team accepts a handover, or returns it to the front door with its reason. Only
 * the team a handover is addressed to may answer it; to anyone else it does not exist.
 */
export interface HandoverRequest {
  contactId: string;
  handoverId: string;
  /** The receiving teams the signed-in user belongs to. */
  teams: readonly HandoverTeam[];
  actor: AuditEvent['actor'];
  now: Date;
}

export type HandoverResult =
  | { outcome: 'accepted' | 'already-accepted'; handover: Handover; hoursToAccept: number }
  | { outcome: 'returned'; handover: Handover; contact?: Contact }
  | { outcome: 'invalid'; errors: { path: string; message: string }[] }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string; handover: Handover };

export const ReturnReasonSchema = z
  .string({ message: 'Say why you are returning this handover' })
  .trim()
  .min(10, 'Say why you are returning this handover, in at least 10 characters: the front door will read it')
  .max(2000, 'The reason must be 2000 characters or fewer');

const person = (actor: AuditEvent['actor']) => ({ id: actor.id, name: actor.name });

const findFor = async (request: HandoverRequest, handovers: HandoverStore): Promise<Handover | undefined> => {
  const handover = await handovers.get(request.contactId, request.handoverId);
  return handover && request.teams.includes(handover.team) ? handover : undefined;
};

/** Why a handover that is not waiting cannot be answered, in the team's words. */
const notWaiting = (handover: Handover): string =>
  ({
    accepted: 'This handover has already been accepted. Talk to the front door if something has changed.',
    returned: 'This handover has been returned to the front door, which will decide again.',
    replaced: 'A later decision replaced this handover. Answer the newer one.',
    sent: '',
  })[handover.status];

export const acceptHandover = async (
  request: HandoverRequest,
  deps: { store: AuditTrail; handovers: HandoverStore },
): Promise<HandoverResult> => {
  const handover = await findFor(request, deps.handovers);
  if (!handover) return { outcome: 'not-found' };
  if (handover.status === 'accepted')
    return { outcome: 'already-accepted', handover, hoursToAccept: hoursToAccept(handover)! };
  if (handover.status !== 'sent') return { outcome: 'refused', reason: notWaiting(handover), handover };
  let accepted: Handover;
  try {
    accepted = await deps.handovers.move(handover.contactId, handover.handoverId, 'sent', {
      status: 'accepted',
      statusAt: request.now.toISOString(),
      acceptedBy: person(request.actor),
    });
  } catch (error) {
    if (!(error instanceof HandoverMoved) || !error.current) throw error;
    // Someone in the team got there first, or the front door replaced it: answer from what is there now.
    return error.current.status === 'accepted'
      ? { outcome: 'already-accepted', handover: error.current, hoursToAccept: hoursToAccept(error.current)! }
      : { outcome: 'refused', reason: notWaiting(error.current), handover: error.current };
  }
  const hours = hoursToAccept(accepted)!;
  await deps.store.appendEvent({
    contactId: handover.contactId,
    at: accepted.statusAt,
    actor: request.actor,
    action: `${HANDOVER_TEAMS[handover.team]} accepted the handover`,
    detail: `Children ${handover.childIndexes.map((i) => i + 1).join(', ')}; accepted ${hours.toFixed(1)} hours after it was sent`,
  });
  return { outcome: 'accepted', handover: accepted, hoursToAccept: hours };
};

/**
 * A return records the team's reason on the handover, then puts the contact back on the front
 * door's queue: the returned decision joins the contact's earlier decisions and a worker decides
 * again, seeing the reason. The handover is written first, so a retry after a failure in between
 * finds it returned and finishes putting the contact back.
 */
export const returnHandover = async (
  request: HandoverRequest & { reason: unknown },
  deps: { store: Contacts & AuditTrail; handovers: HandoverStore },
): Promise<HandoverResult> => {
  const reason = ReturnReasonSchema.safeParse(request.reason);
  if (!reason.success)
    return { outcome: 'invalid', errors: reason.error.issues.map((i) => ({ path: 'reason', message: i.message })) };
  let handover = await findFor(request, deps.handovers);
  if (!handover) return { outcome: 'not-found' };
  if (handover.status !== 'sent' && handover.status !== 'returned')
    return { outcome: 'refused', reason: notWaiting(handover), handover };
  if (handover.status === 'sent') {
    try {
      handover = await deps.handovers.move(handover.contactId, handover.handoverId, 'sent', {
        status: 'returned',
        statusAt: request.now.toISOString(),
        returnedBy: person(request.actor),
        returnReason: reason.data,
      });
      await deps.store.appendEvent({
        contactId: handover.contactId,
        at: handover.statusAt,
        actor: request.actor,
        action: `${HANDOVER_TEAMS[handover.team]} returned the handover to the front door`,
        detail: handover.returnReason,
      });
    } catch (error) {
      if (!(error instanceof HandoverMoved) || !error.current) throw error;
      // Returned by a colleague a moment ago (audited by their request); anything else is answered as it is.
      if (error.current.status !== 'returned')
        return { outcome: 'refused', reason: notWaiting(error.current), handover: error.current };
      handover = error.current;
    }
  }
  const contact = await reopen(handover, request, deps.store);
  return { outcome: 'returned', handover, contact };
};

/** Puts the contact back on the queue if the returned decision still stands; a retry finds it done. */
const reopen = async (handover: Handover, request: HandoverRequest, store: Contacts): Promise<Contact | undefined> => {
  const modified = await modifyContact(
    store,
    handover.contactId,
    (contact) =>
      !contact.decision || contact.status !== 'decided' || decisionNumber(contact) !== handover.decisionNumber
        ? { stop: 'decision-no-longer-stands' }
        : {
            write: ContactWrite.move(
              contact,
              reopenForReturnedHandover(contact, {
                handoverId: handover.handoverId,
                team: handover.team,
                reason: handover.returnReason ?? '',
                by: handover.returnedBy ?? person(request.actor),
                at: handover.statusAt,
              }),
            ),
          },
    { now: request.now.toISOString() },
  );
  if (modified.outcome === 'kept-changing')
    throw new Error(`Contact ${handover.contactId} kept changing while its handover was returned`);
  return modified.outcome === 'not-found' ? undefined : modified.contact;
};
