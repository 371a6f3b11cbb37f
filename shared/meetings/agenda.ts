import { localDateAt } from '../calendar/zoned';
import { AWAITING_DECISION_STATUSES, type ContactIn } from '../contacts';
import type { AuditEvent, AuditTrail, ContactQueries, Contacts } from '../contacts/ports';
import { childName } from '../notification';
import type { Agency } from '../partners/agencies';
import { meetingIdOf, type AgendaItem, type Meeting, type MeetingRecord } from './meeting';
import { MeetingChanged, type MeetingStore } from './ports';
import type { Directory, MeetingTheme } from './settings';

export type Actor = AuditEvent['actor'];

export interface MeetingSettings {
  themes: readonly MeetingTheme[];
  agencies: readonly Agency[];
  directory: Directory;
}

export interface MeetingDeps {
  meetings: MeetingStore;
  contacts: Contacts & AuditTrail & ContactQueries;
  settings: MeetingSettings;
}

/** The meeting's date: the day in London. */
export const meetingDate = (now: Date): string => localDateAt(now.getTime(), 'Europe/London');

/**
 * The contacts still waiting for the front door's decision that the ruleset gave the theme, most
 * urgent first (the queue's own order).
 */
type Due = ContactIn<(typeof AWAITING_DECISION_STATUSES)[number]>;

export const dueContacts = async (contacts: ContactQueries, theme: string): Promise<Due[]> =>
  (await Promise.all(AWAITING_DECISION_STATUSES.map((status) => contacts.listByStatus(status))))
    .flat()
    .filter((c) => c.recommendation?.themes.includes(theme));

const agendaItem = (contact: Due): AgendaItem => ({
  contactId: contact.contactId,
  reference: contact.reference,
  children: contact.notification.children.map((child, childIndex) => ({ childIndex, name: childName(child) })),
});

const recordsOf = (
  meeting: Pick<Meeting, 'meetingId' | 'date' | 'theme' | 'themeName'>,
  items: AgendaItem[],
  at: string,
): MeetingRecord[] =>
  items.flatMap((item) =>
    item.children.map((child) => ({
      meetingId: meeting.meetingId,
      date: meeting.date,
      theme: meeting.theme,
      themeName: meeting.themeName,
      contactId: item.contactId,
      reference: item.reference,
      childIndex: child.childIndex,
      childName: child.name,
      contributions: [],
      actions: [],
      version: 0,
      updatedAt: at,
    })),
  );

export const meetingTitle = (meeting: Pick<Meeting, 'themeName'>): string => `${meeting.themeName} triage meeting`;

const listed = async (contacts: AuditTrail, meeting: Meeting, items: AgendaItem[], actor: Actor, at: string) => {
  for (const item of items) {
    await contacts.appendEvent({
      contactId: item.contactId,
      at,
      actor,
      action: `Listed for the ${meetingTitle(meeting).toLowerCase()}`,
      detail: meeting.date,
    });
  }
};

export type OpenResult = { outcome: 'opened' | 'exists'; meeting: Meeting } | { outcome: 'unknown-theme' };

/**
 * Opens today's meeting for a theme with the contacts due, once: whoever opens it chairs it,
 * and the theme's usual agencies are invited. Opening it again gives the meeting already open.
 */
export const openMeeting = async (
  request: { theme: string; actor: Actor; now: Date },
  deps: MeetingDeps,
): Promise<OpenResult> => {
  const theme = deps.settings.themes.find((t) => t.theme === request.theme);
  if (!theme) return { outcome: 'unknown-theme' };
  const date = meetingDate(request.now);
  const meetingId = meetingIdOf(date, theme.theme);
  const existing = await deps.meetings.get(meetingId);
  if (existing) return { outcome: 'exists', meeting: existing };
  const at = request.now.toISOString();
  const agenda = (await dueContacts(deps.contacts, theme.theme)).map(agendaItem);
  const meeting: Meeting = {
    meetingId,
    date,
    theme: theme.theme,
    themeName: theme.name,
    status: 'open',
    chair: { id: request.actor.id, name: request.actor.name },
    invited: theme.agencies.filter((id) => deps.settings.agencies.some((a) => a.id === id)),
    attendees: [],
    agenda,
    openedAt: at,
    version: 0,
    updatedAt: at,
  };
  if ((await deps.meetings.create(meeting, recordsOf(meeting, agenda, at))) === 'exists') {
    return { outcome: 'exists', meeting: (await deps.meetings.get(meetingId))! };
  }
  await listed(deps.contacts, meeting, agenda, request.actor, at);
  return { outcome: 'opened', meeting };
};

export type RefreshResult =
  | { outcome: 'refreshed'; meeting: Meeting; added: number }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'conflict' };

/** Adds the contacts that became due since the meeting was opened (a morning's new domestic abuse notifications). */
export const refreshAgenda = async (
  request: { meetingId: string; version: number; actor: Actor; now: Date },
  deps: MeetingDeps,
): Promise<RefreshResult> => {
  const meeting = await deps.meetings.get(request.meetingId);
  if (!meeting) return { outcome: 'not-found' };
  if (meeting.status !== 'open')
    return { outcome: 'refused', reason: 'The meeting is closed: nothing more can be added to it' };
  if (meeting.version !== request.version) return { outcome: 'conflict' };
  const on = new Set(meeting.agenda.map((a) => a.contactId));
  const added = (await dueContacts(deps.contacts, meeting.theme)).filter((c) => !on.has(c.contactId)).map(agendaItem);
  if (!added.length) return { outcome: 'refreshed', meeting, added: 0 };
  const at = request.now.toISOString();
  await deps.meetings.addRecords(recordsOf(meeting, added, at));
  let updated: Meeting;
  try {
    updated = await deps.meetings.update(
      meeting.meetingId,
      meeting.version,
      { agenda: [...meeting.agenda, ...added] },
      at,
    );
  } catch (error) {
    if (error instanceof MeetingChanged) return { outcome: 'conflict' };
    throw error;
  }
  await listed(deps.contacts, updated, added, request.actor, at);
  return { outcome: 'refreshed', meeting: updated, added: added.length };
};
