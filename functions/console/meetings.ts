import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { can, type StaffUser } from '../../shared/auth/roles';
import { hasNotification } from '../../shared/contacts';
import { dateFrom } from '../../shared/lado/forms';
import { meetingDate, meetingTitle, openMeeting, refreshAgenda } from '../../shared/meetings/agenda';
import { attendeeAgencyName, recordAtMeeting } from '../../shared/meetings/chairing';
import { closeMeeting } from '../../shared/meetings/follow-up';
import {
  childKeyOf,
  COUNCIL,
  isMeetingId,
  MEETING_STATUSES,
  MeetingInputs,
  type Meeting,
  type MeetingInputKind,
  type MeetingRecord,
} from '../../shared/meetings/meeting';
import { formatDate } from '../../shared/meetings/messages';
import { addressFor } from '../../shared/meetings/recipients';
import { config, contactStore, mailer } from '../lib/dependencies';
import { formFields, formParams, page, redirect } from '../lib/pages';
import { baseContext, consoleRoute, message, versionOf, type Actor } from './lib';
import { contributionRows } from './contact-meetings';
import { meetingDeps, meetingStore } from '../meetings/dependencies';

interface PageState {
  errors?: { text: string; href: string }[];
  /** The form that was refused (its action and child) and what was typed, so nothing is lost. */
  kept?: { action: string; child?: string; values: Record<string, string> };
  conflict?: string;
  done?: string;
}

const agencyItems = (withCouncil: boolean) => [
  ...(withCouncil ? [{ value: COUNCIL, text: "Children's social care" }] : []),
  ...config().PARTNER_AGENCIES.map((a) => ({ value: a.id, text: a.name })),
];

const toldText = (meeting: Meeting, record: MeetingRecord) =>
  (meeting.told ?? [])
    .filter((t) => t.contactId === record.contactId && t.childIndex === record.childIndex)
    .map(
      (t) =>
        `${t.recipient === 'gp' ? 'GP' : 'School'}: ${t.outcome === 'sent' ? `emailed at ${t.to}` : `not emailed (${t.outcome === 'no-address' ? 'no address known' : `${t.to} is not a secure address`}), tell them another way`}`,
    );

/** The meetings page: today's meeting for each theme, open or waiting to be opened. */
const meetingsPage = async (user: StaffUser, state: PageState = {}, status = 200) => {
  const date = meetingDate(new Date());
  const held = await meetingStore().listOn(date);
  return page(
    'console/meetings.njk',
    {
      ...baseContext(user, '/console/meetings'),
      ...state,
      date: formatDate(date),
      canAct: can(user, 'act'),
      themes: config().MEETING_THEMES.map((theme) => {
        const meeting = held.find((m) => m.theme === theme.theme);
        return {
          theme: theme.theme,
          name: theme.name,
          meeting: meeting && {
            meetingId: meeting.meetingId,
            status: MEETING_STATUSES[meeting.status],
            contacts: meeting.agenda.length,
            chair: meeting.chair.name,
          },
        };
      }),
    },
    status,
  );
};

/** One meeting: its attendees and invitations, and for each child the agencies' contributions, actions and outcome. */
const meetingPage = async (meeting: Meeting, user: StaffUser, state: PageState = {}, status = 200) => {
  const deps = meetingDeps();
  const keys = meeting.agenda.flatMap((item) =>
    item.children.map((c) => ({ meetingId: meeting.meetingId, contactId: item.contactId, childIndex: c.childIndex })),
  );
  const [records, contacts] = await Promise.all([
    deps.meetings.getRecords(keys),
    Promise.all(meeting.agenda.map((item) => contactStore().get(item.contactId))),
  ]);
  const open = meeting.status === 'open';
  const keptFor = (action: string, child?: string) =>
    state.kept?.action === action && state.kept.child === child ? state.kept.values : {};
  let n = 0;
  return page(
    'console/meeting.njk',
    {
      ...baseContext(user, '/console/meetings'),
      ...state,
      meeting,
      title: meetingTitle(meeting),
      date: formatDate(meeting.date),
      open,
      canAct: can(user, 'act'),
      statusName: MEETING_STATUSES[meeting.status],
      invitedItems: config().PARTNER_AGENCIES.map((a) => ({
        value: a.id,
        text: a.name,
        checked: meeting.invited.includes(a.id),
      })),
      invitedNames: meeting.invited.map((id) => attendeeAgencyName(deps.settings.agencies, id)).join(', ') || 'None',
      attendees: meeting.attendees.map((a) => [
        { text: a.name },
        { text: attendeeAgencyName(deps.settings.agencies, a.agency) },
        { text: a.role ?? '' },
      ]),
      attendeeAgencies: [{ value: '', text: 'Choose an agency' }, ...agencyItems(true)],
      contributionAgencies: [{ value: '', text: 'Choose an agency' }, ...agencyItems(true)],
      kept: { attendee: keptFor('attendee') },
      items: meeting.agenda.map((item, i) => {
        const contact = contacts[i];
        return {
          contactId: item.contactId,
          reference: item.reference,
          priority: contact?.recommendation?.priority,
          children: records
            .filter((r) => r.contactId === item.contactId)
            .map((record) => {
              const key = childKeyOf(record);
              const to = (recipient: 'gp' | 'school') => {
                if (!contact || !hasNotification(contact)) return 'no address known';
                const address = addressFor(recipient, contact, record.childIndex, config().MEETING_DIRECTORY, config());
                return address.outcome === 'sent'
                  ? `will be emailed to ${address.to}`
                  : address.outcome === 'not-secure'
                    ? `${address.to} is not a secure address: tell them another way`
                    : 'no address known: tell them another way';
              };
              return {
                n: ++n,
                key,
                name: record.childName,
                version: record.version,
                contributions: contributionRows(record, deps.settings.agencies),
                actions: record.actions.map((a) => ({
                  id: a.id,
                  text: a.text,
                  owner: a.owner,
                  dueOn: formatDate(a.dueOn),
                  done: a.done && `Done (${a.done.by.name})`,
                })),
                outcome: record.outcome && [
                  { key: { text: 'Outcome' }, value: { text: record.outcome.outcome } },
                  {
                    key: { text: 'For the GP' },
                    value: { text: record.outcome.tellGp ?? 'Nothing: the GP is not told' },
                  },
                  {
                    key: { text: 'For the school' },
                    value: { text: record.outcome.tellSchool ?? 'Nothing: the school is not told' },
                  },
                  { key: { text: 'Recorded by' }, value: { text: record.outcome.recordedBy.name } },
                ],
                told: toldText(meeting, record),
                gpHint: `The GP ${to('gp')}.`,
                schoolHint: `The school ${to('school')}.`,
                kept: {
                  contribution: keptFor('contribution', key),
                  action: keptFor('action', key),
                  outcome: keptFor('outcome', key),
                },
              };
            }),
        };
      }),
    },
    status,
  );
};

/** Where each form field is on the page: a child's fields carry the child's number. */
const fieldId = (path: string, childNumber?: number) =>
  (path === 'dueOn' ? `dueOn-day` : path) + (childNumber ? `-${childNumber}` : '');

/** The banner after each form: a fixed message, never text from the address bar. */
const DONE: Record<string, string> = {
  attendee: 'Attendee added',
  invite: 'Invited agencies saved',
  contribution: 'Contribution recorded',
  action: 'Action recorded',
  'action-done': 'Action marked as done',
  outcome: 'Outcome recorded',
};

const FORM_ACTIONS = [
  'attendee',
  'invite',
  'contribution',
  'action',
  'action-done',
  'outcome',
] as const satisfies readonly MeetingInputKind[];

const inputFor = (kind: MeetingInputKind, event: APIGatewayProxyEventV2, fields: Record<string, string>): unknown => {
  if (kind === 'invite') return { agencies: formParams(event).getAll('agencies') };
  if (kind === 'action') return { ...fields, dueOn: dateFrom(fields, 'dueOn') };
  return fields;
};

const act = async (event: APIGatewayProxyEventV2, user: StaffUser, actor: Actor, meeting: Meeting) => {
  const action = event.pathParameters?.action ?? '';
  const fields = formFields(event);
  const now = new Date();
  const again = async (state: PageState, status: number) =>
    meetingPage((await meetingStore().get(meeting.meetingId)) ?? meeting, user, state, status);
  if (action === 'refresh') {
    const result = await refreshAgenda(
      { meetingId: meeting.meetingId, version: versionOf(fields), actor, now },
      meetingDeps(),
    );
    if (result.outcome === 'refreshed') return redirect(`/console/meetings/${meeting.meetingId}?added=${result.added}`);
    if (result.outcome === 'conflict')
      return again({ conflict: 'Someone else changed this meeting while you were looking at it.' }, 409);
    return again(
      { errors: [{ text: result.outcome === 'refused' ? result.reason : 'Meeting not found', href: '#main-content' }] },
      409,
    );
  }
  if (action === 'close') {
    const result = await closeMeeting(
      { meetingId: meeting.meetingId, version: versionOf(fields), actor, now },
      { ...meetingDeps(), mailer: mailer(), mail: config() },
    );
    if (result.outcome === 'closed') return redirect(`/console/meetings/${meeting.meetingId}?closed=1`);
    if (result.outcome === 'conflict')
      return again({ conflict: 'Someone else changed this meeting while you were looking at it.' }, 409);
    return again(
      { errors: [{ text: result.outcome === 'refused' ? result.reason : 'Meeting not found', href: '#close' }] },
      409,
    );
  }
  if (!(FORM_ACTIONS as readonly string[]).includes(action))
    return message(404, 'Page not found', 'There is no such action on a meeting.', user);
  const kind = action as MeetingInputKind;
  const child = 'child' in MeetingInputs[kind].shape ? fields.child : undefined;
  const childNumber = Number(fields.childNumber) || undefined;
  const kept = { action, child, values: fields };
  const result = await recordAtMeeting(
    {
      meetingId: meeting.meetingId,
      kind,
      input: inputFor(kind, event, fields),
      version: versionOf(fields),
      actor,
      now,
    },
    meetingDeps(),
  );
  switch (result.outcome) {
    case 'recorded':
      return redirect(
        `/console/meetings/${meeting.meetingId}?done=${kind}${childNumber ? `#child-${childNumber}` : ''}`,
      );
    case 'invalid':
      return again(
        { errors: result.errors.map((e) => ({ text: e.message, href: `#${fieldId(e.path, childNumber)}` })), kept },
        400,
      );
    case 'refused':
      return again(
        { errors: [{ text: result.reason, href: `#${childNumber ? `child-${childNumber}` : 'main-content'}` }], kept },
        409,
      );
    case 'conflict':
      return again(
        {
          conflict:
            'Someone else changed this meeting while you were looking at it. Check what they recorded, then try again.',
          kept,
        },
        409,
      );
    case 'not-found':
      return message(404, 'Meeting not found', 'There is no such meeting.', user);
  }
};

/**
 * GET and POST /console/meetings, /console/meetings/{id} and /console/meetings/{id}/{action}:
 * the daily multi-agency triage meetings, chaired by a triage worker or manager.
 */
export const handler = consoleRoute('view', async (event, user, actor) => {
  const isPost = event.requestContext.http.method === 'POST';
  if (isPost && !can(user, 'act'))
    return message(403, 'You cannot do this', 'Your role does not allow you to chair meetings.', user);
  const meetingId = event.pathParameters?.id;
  if (!meetingId) {
    if (!isPost) return meetingsPage(user);
    const result = await openMeeting({ theme: formFields(event).theme ?? '', actor, now: new Date() }, meetingDeps());
    if (result.outcome === 'unknown-theme')
      return meetingsPage(user, { errors: [{ text: 'Choose a meeting to open', href: '#main-content' }] }, 400);
    return redirect(`/console/meetings/${result.meeting.meetingId}`);
  }
  const meeting = isMeetingId(meetingId) ? await meetingStore().get(meetingId) : undefined;
  if (!meeting) return message(404, 'Meeting not found', 'There is no such meeting.', user);
  if (isPost) return act(event, user, actor, meeting);
  const query = event.queryStringParameters ?? {};
  const done = query.closed
    ? 'Meeting closed. The GPs and schools with secure addresses have been told what they need to know.'
    : query.added !== undefined
      ? `${query.added} contact${query.added === '1' ? '' : 's'} added to the meeting`
      : DONE[query.done ?? ''];
  return meetingPage(meeting, user, { done });
});
