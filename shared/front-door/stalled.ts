import type { Contact } from '../contacts';
import { dutyAlertRecorded, markTriageFailed } from './triage-steps';
import type { AuditTrail, ContactQueries, Contacts } from '../contacts/ports';
import type { MessageQueue, QueueBacklog, TriageWorkflow } from './ports';

/** How long a stored contact may wait for triage to begin before it is queued again. */
export const STALLED_AFTER_MINUTES = 5;
/** How far back the sweeper looks for executions that ended without finishing triage. */
export const ENDED_RUNS_WINDOW_HOURS = 24;
/** Attempts at triage before a contact is left to a worker as triage-failed. */
export const MAX_TRIAGE_ATTEMPTS = 5;

/** The queue time (ISO) before which a contact still `received` or `triaging` has stalled. */
export const stalledCutoff = (now: Date): string =>
  new Date(now.getTime() - STALLED_AFTER_MINUTES * 60_000).toISOString();

/**
 * Triage is done and only the referrer's acknowledgement is pending, which waits in its own queue
 * (shared/front-door/triage-steps.ts). Not a red contact's: its acknowledgement is queued only
 * after the duty manager is alerted, so a pending one may mean the alert has not gone either.
 */
export const awaitsAcknowledgementOnly = (contact: Contact): boolean =>
  contact.acknowledgement?.status === 'pending' &&
  contact.status !== 'received' &&
  contact.status !== 'triaging' &&
  contact.recommendation?.priority !== 'red';

/**
 * A contact whose triage has not finished: never begun, begun, or (red) recommended but with
 * its acknowledgement not yet queued, as the duty manager's alert comes first.
 */
export const triageUnfinished = (contact: Contact): boolean =>
  contact.status === 'received' ||
  contact.status === 'triaging' ||
  (contact.acknowledgement?.status === 'pending' && !awaitsAcknowledgementOnly(contact));

/** Triage has finished with this contact, well (a recommendation made) or not. */
const triaged = (contact: Contact): boolean =>
  contact.status !== 'received' && contact.status !== 'triaging' && contact.status !== 'triage-failed';

/** `acknowledgement-pending`: triage is done; only the acknowledgement's message may need queuing again. */
export type ResumeOutcome = 'restarted' | 'running' | 'not-needed' | 'gave-up' | 'acknowledgement-pending';

type ResumeDeps = { store: Contacts; workflow: TriageWorkflow; now: Date };

/**
 * Starts triage again for a contact whose execution ended (aborted, failed, timed out) before
 * triage finished, as the next numbered attempt. Never two live executions per contact: a new
 * one starts only when the latest has ended, and racing callers compute the same name, which
 * Step Functions starts once. Never triaged twice: every step finds its own earlier work done.
 * `includeFailed` also restarts a contact marked triage-failed (an engineer's replay).
 */
export const resumeTriage = async (
  contactId: string,
  deps: ResumeDeps,
  options: { includeFailed?: boolean } = {},
): Promise<ResumeOutcome> => {
  const resumable = (contact: Contact | undefined) =>
    !!contact && (triageUnfinished(contact) || (!!options.includeFailed && contact.status === 'triage-failed'));
  const current = await deps.store.get(contactId);
  if (current && awaitsAcknowledgementOnly(current)) return 'acknowledgement-pending';
  if (!resumable(current)) return 'not-needed';
  const run = await deps.workflow.latestRun(contactId, MAX_TRIAGE_ATTEMPTS);
  if (!run) return (await deps.workflow.start(contactId)) === 'started' ? 'restarted' : 'running';
  if (run.state !== 'ended') return run.state === 'running' ? 'running' : 'not-needed';
  // Read again now the execution has ended: it may have ended by handing the contact to a worker.
  const contact = await deps.store.get(contactId);
  if (!resumable(contact)) return 'not-needed';
  if (run.attempt >= MAX_TRIAGE_ATTEMPTS) {
    if (contact!.status !== 'triage-failed') {
      await markTriageFailed(contactId, `Triage did not finish in ${MAX_TRIAGE_ATTEMPTS} attempts`, deps);
    }
    return 'gave-up';
  }
  return (await deps.workflow.startAttempt(contactId, run.attempt + 1)) === 'started' ? 'restarted' : 'running';
};

/**
 * The safety net behind "an accepted notification is never lost" and "nothing stuck":
 *  - a contact stored but never queued (the queue was unreachable) or whose message was lost
 *    waits in `received`; it is queued again (queuing twice is harmless: triage starts once);
 *  - a contact whose execution ended before triage finished (the runtime stopped, a step ran
 *    out of retries before the contact could be marked) is started again under a new name.
 *
 * A contact `received` more than a few minutes ago is not stalled while it may simply be waiting
 * behind a backlog: during a long burst thousands are, and queuing them all again every sweep only
 * doubles the queue. Whether one contact's message is still in the queue cannot be asked of SQS,
 * and the queue's age of oldest message is a CloudWatch metric only (a minute late, and absent
 * locally), but the queue's approximate depth can be asked (GetQueueAttributes, which the
 * permission to send already grants). Every waiting contact's message is in the queue, waiting or
 * in flight, so while the queue holds at least as many messages as there are stalled contacts,
 * they may all be waiting and none is queued again; once it holds fewer, at least the difference
 * were lost, and as which ones cannot be told, all of them are queued again. A lost message is
 * so found at the latest when the backlog ahead of it has drained (it would have waited that long
 * anyway), and the messages queued again count at the next sweep, so a sweep never repeats them.
 *
 * A contact whose execution ended after triage was done, with only its acknowledgement pending
 * (its step stopped between the write and queuing the message), has its acknowledgement queued
 * again rather than triage restarted, with the same care against the acknowledgement queue's
 * depth: its message may simply be waiting behind a burst's acknowledgements at SES's rate.
 * Ended executions stay in the window for a day, so one left waiting is looked at again.
 */
export const requeueStalledContacts = async (deps: {
  store: Contacts & ContactQueries & AuditTrail;
  triageQueue: MessageQueue & QueueBacklog;
  acknowledgementQueue: MessageQueue & QueueBacklog;
  now: Date;
  workflow: TriageWorkflow;
}): Promise<{ requeued: number; restarted: number; waiting: number; acknowledgementsRequeued: number }> => {
  const cutoff = stalledCutoff(deps.now);
  // Only contacts whose triage has not finished or whose acknowledgement is pending, from an
  // index of their own: with thousands awaiting a decision, reading that whole queue every sweep
  // to find the few still pending was a full read of it every few minutes.
  const unsettled = await deps.store.listUnsettled({ before: cutoff });
  const stalled = unsettled.filter((contact) => contact.status === 'received');
  const waiting = stalled.length > 0 && (await deps.triageQueue.messagesHeld()) >= stalled.length;
  if (!waiting) for (const { contactId } of stalled) await deps.triageQueue.send({ contactId });
  let restarted = 0;
  const unacknowledged: string[] = [];
  const since = new Date(deps.now.getTime() - ENDED_RUNS_WINDOW_HOURS * 3_600_000);
  for (const contactId of await deps.workflow.contactsWithEndedRuns(since)) {
    const outcome = await resumeTriage(contactId, deps);
    if (outcome === 'restarted') restarted += 1;
    if (outcome === 'acknowledgement-pending') unacknowledged.push(contactId);
  }
  // A message lost after triage ended well (a kill mid-send once lost two, see functions/lib/
  // queue-consumer.ts; the run had succeeded, so no ended run points at it) is found by its age:
  // still pending after the stall cutoff. A red contact's too, once its duty alert is recorded:
  // its run succeeded as well, and the restart path above looks only at ended runs. In whatever
  // status triage left it or a worker has moved it to since (awaiting a manager's sign-off,
  // decided): the referrer is owed the acknowledgement either way, and a second send finds it sent.
  for (const contact of unsettled)
    if (
      triaged(contact) &&
      contact.acknowledgement?.status === 'pending' &&
      !unacknowledged.includes(contact.contactId) &&
      (awaitsAcknowledgementOnly(contact) || (await dutyAlertRecorded(contact.contactId, deps.store)))
    )
      unacknowledged.push(contact.contactId);
  const acknowledgementsWaiting =
    unacknowledged.length > 0 && (await deps.acknowledgementQueue.messagesHeld()) >= unacknowledged.length;
  if (!acknowledgementsWaiting)
    for (const contactId of unacknowledged) await deps.acknowledgementQueue.send({ contactId });
  return {
    requeued: waiting ? 0 : stalled.length,
    restarted,
    waiting: (waiting ? stalled.length : 0) + (acknowledgementsWaiting ? unacknowledged.length : 0),
    acknowledgementsRequeued: acknowledgementsWaiting ? 0 : unacknowledged.length,
  };
};
