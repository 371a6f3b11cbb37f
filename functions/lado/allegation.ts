import { trailOf } from '../../shared/audit/trail';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { StaffUser } from '../../shared/auth/roles';
import { formatLondonTime } from '../../shared/calendar/format';
import { CONTACT_STATUSES, isContactId } from '../../shared/contacts';
import {
  ALLEGATION_STATUSES,
  FURTHER_ACTIONS,
  OPEN_ALLEGATION_STATUSES,
  OUTCOMES,
  PARTNER_ACTION_KINDS,
  type Allegation,
} from '../../shared/lado/allegation';
import { currentClock } from '../../shared/lado/clocks';
import {
  considerationInput,
  errorLinks,
  MEETING_ACTION_ROWS,
  meetingInput,
  outcomeInput,
  partnerActionInput,
} from '../../shared/lado/forms';
import {
  recordInitialConsideration,
  recordMeeting,
  recordOutcome,
  recordPartnerAction,
  type ManagementRequest,
  type ManagementResult,
} from '../../shared/lado/management';
import { progressMeasures } from '../../shared/lado/measures';
import { EMPLOYER_SECTORS, STILL_WORKING_WITH_CHILDREN } from '../../shared/notification';
import { contactStore } from '../lib/dependencies';
import { formFields, formParams, page } from '../lib/pages';
import { baseContext, consoleRoute, message, versionOf, type Actor } from '../console/lib';
import { allegationStore, ladoCalendar, ladoSettings, publishMeasures } from './dependencies';

const when = (iso?: string) => iso && formatLondonTime(iso);
const row = (key: string, value: string | undefined) => ({ key: { text: key }, value: { text: value || 'Not given' } });

interface PageState {
  errors?: { text: string; href: string }[];
  /** The action whose form was refused, and what was typed, so nothing is lost. */
  kept?: { action: string; values: Record<string, string> };
  conflict?: string;
  done?: string;
}

const ACTIONS = {
  consider: { use: recordInitialConsideration, input: considerationInput, done: 'Initial consideration recorded' },
  meeting: { use: recordMeeting, input: meetingInput, done: 'Meeting recorded' },
  'partner-action': { use: recordPartnerAction, input: partnerActionInput, done: 'Action recorded' },
  outcome: {
    use: recordOutcome,
    input: (f: Record<string, string>) => f,
    done: 'Outcome recorded: the allegation is concluded',
  },
} as const;
type ActionName = keyof typeof ACTIONS;

const allegationPage = async (allegation: Allegation, user: StaffUser, state: PageState = {}, status = 200) => {
  const store = allegationStore();
  const now = new Date();
  const [events, samePerson, linked] = await Promise.all([
    store.listEvents(allegation.allegationId),
    store.findByPerson(allegation.personKey),
    allegation.childContact ? contactStore().get(allegation.childContact.contactId) : undefined,
  ]);
  const p = allegation.person;
  const clock = currentClock(allegation, now);
  const kept = (action: ActionName) => (state.kept?.action === action ? state.kept.values : {});
  return page(
    'console/allegation.njk',
    {
      ...baseContext(user, '/console/allegations'),
      ...state,
      allegation,
      open: (OPEN_ALLEGATION_STATUSES as readonly string[]).includes(allegation.status),
      statusName: ALLEGATION_STATUSES[allegation.status],
      clock: clock && { ...clock, dueAt: when(clock.dueAt) },
      summaryRows: [
        row('Status', ALLEGATION_STATUSES[allegation.status]),
        row('Received', when(allegation.receivedAt)),
        row('Initial consideration due', when(allegation.considerationDueAt)),
        row(
          'Meeting due',
          allegation.meetingDueAt
            ? `${when(allegation.meetingDueAt)}${allegation.immediateRisk ? ' (immediate risk: within 72 hours)' : ' (within 5 working days)'}`
            : 'No meeting needed',
        ),
        ...(allegation.reviewDueAt ? [row('Review due', when(allegation.reviewDueAt))] : []),
        row('Notification', allegation.notificationReference),
      ],
      personRows: [
        row('Name', p.name),
        row('Date of birth', p.dateOfBirth),
        row('Role', p.role),
        row('Employer or organisation', p.employer),
        row('Sector', EMPLOYER_SECTORS[p.sector]),
        row('Still working with children', STILL_WORKING_WITH_CHILDREN[p.stillWorkingWithChildren]),
        row(
          "Employer's designated person",
          p.employerContact && `${p.employerContact.name}, ${p.employerContact.email}`,
        ),
      ],
      concernRows: [
        row(
          'Referrer',
          [allegation.referrer.name ?? 'Anonymous', allegation.referrer.role, allegation.referrer.organisation]
            .filter(Boolean)
            .join(', '),
        ),
        row('Referrer contact', [allegation.referrer.email, allegation.referrer.phone].filter(Boolean).join(', ')),
        row(
          'Children',
          allegation.children.map((c) => `${c.name}${c.dateOfBirth ? ` (born ${c.dateOfBirth})` : ''}`).join('; '),
        ),
        row('What happened', allegation.description),
        row('Immediate risk', allegation.immediateRisk ? 'Yes' : 'No'),
      ],
      linkedContact: allegation.childContact && {
        reference: allegation.childContact.reference,
        status: linked ? CONTACT_STATUSES[linked.status] : 'No longer held',
      },
      // Ids and references are generated (base32), so they are safe in the link's HTML.
      samePerson: samePerson
        .filter((e) => e.allegationId !== allegation.allegationId)
        .map((e) => [
          { html: `<a class="govuk-link" href="/console/allegations/${e.allegationId}">${e.reference}</a>` },
          { text: when(e.receivedAt) },
          { text: `${e.role}, ${e.employer}` },
          { text: e.outcome ? OUTCOMES[e.outcome].split(':')[0] : 'Open' },
        ]),
      considerationRows: allegation.initialConsideration && [
        row('Recorded', `${allegation.initialConsideration.by.name}, ${when(allegation.initialConsideration.at)}`),
        row('Immediate risk', allegation.initialConsideration.immediateRisk ? 'Yes' : 'No'),
        row('Meeting needed', allegation.initialConsideration.meetingNeeded ? 'Yes' : 'No'),
        row('Notes', allegation.initialConsideration.notes),
      ],
      meetings: allegation.meetings.map((m, i) => ({
        title: i === 0 ? 'Allegation management meeting' : `Review meeting ${i}`,
        rows: [
          row('Held', when(m.heldAt)),
          row('Attendees', m.attendees.join(', ')),
          row('Agencies', m.agencies.join(', ')),
          row('Notes', m.notes),
          row('Review on', m.reviewOn),
          row('Recorded by', `${m.recordedBy.name}, ${when(m.recordedAt)}`),
        ],
        actions: m.actions.map((a) => [{ text: a.text }, { text: a.owner }, { text: a.dueOn }]),
      })),
      partnerActions: allegation.partnerActions.map((a) =>
        row(`${PARTNER_ACTION_KINDS[a.kind]} (${a.by.name}, ${when(a.at)})`, a.text),
      ),
      outcomeRows: allegation.outcome && [
        row('Outcome', OUTCOMES[allegation.outcome.category]),
        row('Further action', allegation.outcome.furtherActions.map((a) => FURTHER_ACTIONS[a]).join(', ')),
        row('Notes', allegation.outcome.notes),
        row('Recorded', `${allegation.outcome.by.name}, ${when(allegation.outcome.at)}`),
      ],
      actionRows: Array.from({ length: MEETING_ACTION_ROWS }, (_, i) => i + 1),
      outcomes: Object.entries(OUTCOMES).map(([value, text]) => ({
        value,
        text: text.split(':')[0],
        hint: { text: text.split(': ')[1] },
        checked: kept('outcome').category === value,
      })),
      furtherActions: Object.entries(FURTHER_ACTIONS).map(([value, text]) => ({
        value,
        text,
        checked: (kept('outcome').furtherActions ?? '').split(',').includes(value),
      })),
      partnerKinds: Object.entries(PARTNER_ACTION_KINDS).map(([value, text]) => ({
        value,
        text,
        checked: kept('partner-action').kind === value,
      })),
      kept: {
        consider: kept('consider'),
        meeting: kept('meeting'),
        partner: kept('partner-action'),
        outcome: kept('outcome'),
      },
      trail: trailOf(events),
    },
    status,
  );
};

const idOf = (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  return isContactId(id) ? id : undefined;
};

const act = async (event: APIGatewayProxyEventV2, user: StaffUser, actor: Actor, allegationId: string) => {
  const name = event.pathParameters?.action ?? '';
  if (!(name in ACTIONS)) return message(404, 'Page not found', 'There is no such action on an allegation.', user);
  const action = ACTIONS[name as ActionName];
  const fields = formFields(event);
  const furtherActions = formParams(event).getAll('furtherActions');
  const input = name === 'outcome' ? outcomeInput(fields, furtherActions) : action.input(fields);
  const request: ManagementRequest = { allegationId, version: versionOf(fields), input, actor, now: new Date() };
  const result: ManagementResult = await action.use(request, {
    allegations: allegationStore(),
    calendar: ladoCalendar(),
    retention: ladoSettings().ALLEGATION_RETENTION,
  });
  const keptValues = { ...fields, furtherActions: furtherActions.join(',') };
  switch (result.outcome) {
    case 'not-found':
      return message(404, 'Allegation not found', 'There is no allegation with this reference.', user);
    case 'invalid':
      return allegationPage(
        (await allegationStore().get(allegationId))!,
        user,
        { errors: errorLinks(result.errors), kept: { action: name, values: keptValues } },
        400,
      );
    case 'conflict':
      return allegationPage(
        result.allegation,
        user,
        {
          conflict: 'Someone else changed this allegation while you were looking at it.',
          kept: { action: name, values: keptValues },
        },
        409,
      );
    case 'refused':
      return allegationPage(
        result.allegation,
        user,
        { errors: [{ text: result.reason, href: '#main-content' }], kept: { action: name, values: keptValues } },
        409,
      );
    case 'recorded':
      publishMeasures(progressMeasures(result.before, result.allegation));
      return allegationPage(result.allegation, user, { done: action.done });
  }
};

/** GET /console/allegations/{id} and POST /console/allegations/{id}/{action}: the LADO's record of one allegation. */
export const handler = consoleRoute('allegations', async (event, user, actor) => {
  const allegationId = idOf(event);
  const allegation = allegationId && (await allegationStore().get(allegationId));
  if (!allegationId || !allegation)
    return message(404, 'Allegation not found', 'There is no allegation with this reference.', user);
  if (event.requestContext.http.method === 'POST') return act(event, user, actor, allegationId);
  // Reading an allegation is recorded, as reading a contact is.
  await allegationStore().appendEvent(
    { allegationId, at: new Date().toISOString(), actor, action: 'Viewed' },
    allegation.expiresAt,
  );
  return allegationPage(allegation, user);
});
