import { randomUUID } from 'node:crypto';
import type { Person } from '../contacts';
import { fieldErrors, type FieldError } from '../notification';
import { agencyName, type Agency } from '../partners/agencies';
import type { Actor, MeetingDeps } from './agenda';
import { meetingTitle } from './agenda';
import {
  COUNCIL,
  MeetingInputs,
  type Meeting,
  type MeetingInput,
  type MeetingInputKind,
  type MeetingRecord,
} from './meeting';
import { MeetingChanged } from './ports';

/**
 * What the chair records at a meeting. The attendees and invitations are the meeting's; each
 * contribution, action and outcome is one child's record, written at the version the chair saw
 * and added to that child's contact's audit trail.
 */
export interface ChairRequest {
  meetingId: string;
  kind: MeetingInputKind;
  input: unknown;
  /** The version the chair's page showed: the meeting's, or the child's record's for a child's form. */
  version: number;
  actor: Actor;
  now: Date;
}

export type ChairResult =
  | { outcome: 'recorded'; meeting: Meeting; done: string }
  | { outcome: 'invalid'; errors: FieldError[] }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'conflict' };

const person = (actor: Actor): Person => ({ id: actor.id, name: actor.name });

/** Who can be at a meeting or contribute: the stage's agencies and the council itself. */
const knownAgency = (deps: MeetingDeps, id: string) =>
  id === COUNCIL || deps.settings.agencies.some((a) => a.id === id);
export const attendeeAgencyName = (agencies: readonly Agency[], id: string) =>
  id === COUNCIL ? "Children's social care" : agencyName(agencies, id);

type HeaderPlan = { changes: Partial<Meeting>; done: string } | { refused: string };
type RecordPlan = { changes: Partial<MeetingRecord>; done: string; audit: string } | { refused: string };

const planHeader = (
  kind: 'attendee' | 'invite',
  input: MeetingInput<'attendee'> | MeetingInput<'invite'>,
  meeting: Meeting,
  deps: MeetingDeps,
): HeaderPlan => {
  if (kind === 'attendee') {
    const attendee = input as MeetingInput<'attendee'>;
    if (!knownAgency(deps, attendee.agency)) return { refused: 'Choose an agency' };
    return {
      changes: { attendees: [...meeting.attendees, { id: randomUUID(), ...attendee }] },
      done: `${attendee.name} added to the attendees`,
    };
  }
  const { agencies } = input as MeetingInput<'invite'>;
  const unknown = agencies.filter((a) => !deps.settings.agencies.some((known) => known.id === a));
  if (unknown.length) return { refused: 'Choose agencies from the list' };
  return { changes: { invited: agencies }, done: 'Invited agencies saved' };
};

const planRecord = (
  kind: 'contribution' | 'action' | 'action-done' | 'outcome',
  input: unknown,
  record: MeetingRecord,
  meeting: Meeting,
  actor: Actor,
  at: string,
  deps: MeetingDeps,
): RecordPlan => {
  const by = person(actor);
  const child = `child ${record.childIndex + 1} (${record.reference})`;
  if (meeting.status !== 'open' && kind !== 'action-done')
    return { refused: 'The meeting is closed: only actions can be marked as done now' };
  switch (kind) {
    case 'contribution': {
      const c = input as MeetingInput<'contribution'>;
      if (!knownAgency(deps, c.agency)) return { refused: 'Choose an agency' };
      const agency = attendeeAgencyName(deps.settings.agencies, c.agency);
      return {
        changes: {
          contributions: [
            ...record.contributions,
            { id: randomUUID(), agency: c.agency, knows: c.knows, willDo: c.willDo, recordedBy: by, recordedAt: at },
          ],
        },
        done: `${agency}'s contribution recorded for ${record.childName}`,
        audit: `recorded ${agency}'s contribution for ${child}`,
      };
    }
    case 'action': {
      const a = input as MeetingInput<'action'>;
      return {
        changes: { actions: [...record.actions, { id: randomUUID(), text: a.text, owner: a.owner, dueOn: a.dueOn }] },
        done: `Action recorded for ${record.childName}`,
        audit: `agreed an action for ${child}, owned by ${a.owner}, due ${a.dueOn}`,
      };
    }
    case 'action-done': {
      const { actionId } = input as MeetingInput<'action-done'>;
      const action = record.actions.find((a) => a.id === actionId);
      if (!action) return { refused: 'That action is not on this meeting' };
      if (action.done) return { refused: 'That action is already done' };
      return {
        changes: { actions: record.actions.map((a) => (a.id === actionId ? { ...a, done: { by, at } } : a)) },
        done: `Action marked as done for ${record.childName}`,
        audit: `marked as done an action for ${child} owned by ${action.owner}`,
      };
    }
    case 'outcome': {
      const o = input as MeetingInput<'outcome'>;
      const tell = [o.tellGp && 'GP', o.tellSchool && 'school'].filter(Boolean).join(' and ');
      return {
        changes: {
          outcome: { outcome: o.outcome, tellGp: o.tellGp, tellSchool: o.tellSchool, recordedBy: by, recordedAt: at },
        },
        done: `Outcome recorded for ${record.childName}`,
        audit: `recorded the outcome for ${child}${tell ? `; the ${tell} to be told` : ''}`,
      };
    }
  }
};

const childOf = (value: string) => {
  const [contactId, index] = value.split('.');
  return { contactId: contactId!, childIndex: Number(index) };
};

/** Validates and records one thing the chair says, at the version the chair saw. */
export const recordAtMeeting = async (request: ChairRequest, deps: MeetingDeps): Promise<ChairResult> => {
  const parsed = MeetingInputs[request.kind].safeParse(request.input);
  if (!parsed.success) return { outcome: 'invalid', errors: fieldErrors(parsed.error) };
  const meeting = await deps.meetings.get(request.meetingId);
  if (!meeting) return { outcome: 'not-found' };
  const at = request.now.toISOString();
  try {
    if (request.kind === 'attendee' || request.kind === 'invite') {
      if (meeting.status !== 'open') return { outcome: 'refused', reason: 'The meeting is closed' };
      if (meeting.version !== request.version) return { outcome: 'conflict' };
      const plan = planHeader(request.kind, parsed.data as MeetingInput<'attendee'>, meeting, deps);
      if ('refused' in plan) return { outcome: 'refused', reason: plan.refused };
      return {
        outcome: 'recorded',
        meeting: await deps.meetings.update(meeting.meetingId, request.version, plan.changes, at),
        done: plan.done,
      };
    }
    const key = { meetingId: meeting.meetingId, ...childOf((parsed.data as { child: string }).child) };
    const onAgenda = meeting.agenda.some(
      (item) => item.contactId === key.contactId && item.children.some((c) => c.childIndex === key.childIndex),
    );
    const [record] = onAgenda ? await deps.meetings.getRecords([key]) : [];
    if (!record) return { outcome: 'refused', reason: 'That child is not on this meeting' };
    if (record.version !== request.version) return { outcome: 'conflict' };
    const plan = planRecord(request.kind, parsed.data, record, meeting, request.actor, at, deps);
    if ('refused' in plan) return { outcome: 'refused', reason: plan.refused };
    await deps.meetings.updateRecord(key, request.version, plan.changes, at);
    await deps.contacts.appendEvent({
      contactId: key.contactId,
      at,
      actor: request.actor,
      action: `${meetingTitle(meeting)}: ${plan.audit}`,
      detail: meeting.date,
    });
    return { outcome: 'recorded', meeting, done: plan.done };
  } catch (error) {
    if (error instanceof MeetingChanged) return { outcome: 'conflict' };
    throw error;
  }
};
