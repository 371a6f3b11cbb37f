import { hasNotification, type NotifiedContact } from '../contacts';
import type { Mailer } from '../mail/mailer';
import type { MailConfig } from '../mail/message';
import { meetingTitle, type Actor, type MeetingDeps } from './agenda';
import type { Meeting, MeetingRecord, Told } from './meeting';
import { meetingFollowUpEmail } from './messages';
import { MeetingChanged } from './ports';
import { addressFor, type Recipient } from './recipients';

export type CloseResult =
  | { outcome: 'closed'; meeting: Meeting; told: Told[] }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'conflict' };

const RECIPIENTS: { recipient: Recipient; note: (r: MeetingRecord) => string | undefined; name: string }[] = [
  { recipient: 'gp', note: (r) => r.outcome?.tellGp, name: 'GP' },
  { recipient: 'school', note: (r) => r.outcome?.tellSchool, name: 'school' },
];

const agendaKeys = (meeting: Meeting) =>
  meeting.agenda.flatMap((item) =>
    item.children.map((c) => ({ meetingId: meeting.meetingId, contactId: item.contactId, childIndex: c.childIndex })),
  );

const describeTold = (t: Told) => {
  const who = t.recipient === 'gp' ? 'GP' : 'school';
  if (t.outcome === 'sent') return `the ${who} was emailed at ${t.to}`;
  return `the ${who} could not be emailed (${t.outcome === 'no-address' ? 'no address known' : `${t.to} is not a secure address`}): tell them another way`;
};

const send = async (
  told: Told[],
  records: MeetingRecord[],
  contacts: Map<string, NotifiedContact>,
  mailer: Mailer,
  mail: MailConfig,
) => {
  for (const t of told.filter((t) => t.outcome === 'sent')) {
    const record = records.find((r) => r.contactId === t.contactId && r.childIndex === t.childIndex)!;
    const note = RECIPIENTS.find((r) => r.recipient === t.recipient)!.note(record)!;
    await mailer.sendOnce(
      meetingFollowUpEmail(
        record,
        contacts.get(t.contactId)?.notification.children[t.childIndex],
        t.recipient,
        t.to!,
        note,
        mail,
      ),
    );
  }
};

/**
 * Closes the meeting once every child has an outcome, then tells each child's GP and school
 * what the chair wrote for them, on secure addresses only, and records on each contact who was
 * told or could not be. Closing a closed meeting again sends what has not gone yet (each email
 * goes once, however often it is asked to).
 */
export const closeMeeting = async (
  request: { meetingId: string; version: number; actor: Actor; now: Date },
  deps: MeetingDeps & { mailer: Mailer; mail: MailConfig },
): Promise<CloseResult> => {
  const meeting = await deps.meetings.get(request.meetingId);
  if (!meeting) return { outcome: 'not-found' };
  const records = await deps.meetings.getRecords(agendaKeys(meeting));
  const contacts = new Map(
    (await Promise.all(meeting.agenda.map((item) => deps.contacts.get(item.contactId))))
      .filter((c): c is NotifiedContact => !!c && hasNotification(c))
      .map((c) => [c.contactId, c]),
  );
  if (meeting.status === 'closed') {
    await send(meeting.told ?? [], records, contacts, deps.mailer, deps.mail);
    return { outcome: 'closed', meeting, told: meeting.told ?? [] };
  }
  if (meeting.version !== request.version) return { outcome: 'conflict' };
  const without = records.filter((r) => !r.outcome);
  if (without.length)
    return {
      outcome: 'refused',
      reason: `Record an outcome for every child before closing the meeting: ${without.map((r) => r.childName).join(', ')}`,
    };
  const told: Told[] = records.flatMap((record) => {
    const contact = contacts.get(record.contactId);
    return RECIPIENTS.filter((r) => r.note(record) && contact).map(({ recipient }) => ({
      contactId: record.contactId,
      childIndex: record.childIndex,
      recipient,
      ...addressFor(recipient, contact!, record.childIndex, deps.settings.directory, deps.mail),
    }));
  });
  const at = request.now.toISOString();
  let closed: Meeting;
  try {
    closed = await deps.meetings.update(
      meeting.meetingId,
      request.version,
      { status: 'closed', closedAt: at, told },
      at,
    );
  } catch (error) {
    if (error instanceof MeetingChanged) return { outcome: 'conflict' };
    throw error;
  }
  await send(told, records, contacts, deps.mailer, deps.mail);
  for (const item of meeting.agenda) {
    const about = told.filter((t) => t.contactId === item.contactId).map(describeTold);
    await deps.contacts.appendEvent({
      contactId: item.contactId,
      at,
      actor: request.actor,
      action: `${meetingTitle(meeting)} closed`,
      detail: about.length ? `${meeting.date}: ${about.join('; ')}` : `${meeting.date}: nobody else to tell`,
    });
  }
  return { outcome: 'closed', meeting: closed, told };
};
