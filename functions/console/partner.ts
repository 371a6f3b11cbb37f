import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { StaffUser } from '../../shared/auth/roles';
import { formatLondonTime } from '../../shared/calendar/format';
import { meetingTitle } from '../../shared/meetings/agenda';
import { contributionRows } from './contact-meetings';
import { formatDate } from '../../shared/meetings/messages';
import {
  answerAsPartner,
  openAsPartner,
  partnerWork,
  type Partner,
  type PartnerContact,
} from '../../shared/meetings/partner-access';
import { ASSESSMENT_FACTORS, childName } from '../../shared/notification';
import { concernsLabel, ownConcernsText } from '../../shared/web/labels';
import { agencyName } from '../../shared/partners/agencies';
import { config } from '../lib/dependencies';
import { formFields, page, redirect } from '../lib/pages';
import { baseContext, consoleRoute, contactIdOf, message, type Actor } from './lib';
import { partnerDeps } from '../meetings/dependencies';

const row = (key: string, value: string | undefined) => ({ key: { text: key }, value: { text: value || 'Not given' } });
const notFound = (user: StaffUser) =>
  message(404, 'Page not found', 'There is nothing for your agency at this address.', user);

const partnerOf = (user: StaffUser, actor: Actor): Partner | undefined =>
  user.agency ? { agency: user.agency, actor, now: new Date() } : undefined;

/** GET /console/partner: today's meetings the agency is invited to, and the requests addressed to it. */
const home = async (user: StaffUser, partner: Partner) => {
  const { meetings, requests } = await partnerWork(partner, partnerDeps());
  return page('console/partner.njk', {
    ...baseContext(user, '/console/partner'),
    agency: agencyName(config().PARTNER_AGENCIES, partner.agency),
    meetings: meetings.map((m) => ({
      title: meetingTitle(m),
      date: formatDate(m.date),
      contacts: m.agenda.map((a) => ({
        contactId: a.contactId,
        reference: a.reference,
        children: a.children.map((c) => c.name).join(', '),
      })),
    })),
    requests: requests.map(({ contact, request }) => ({
      contactId: contact.contactId,
      reference: contact.reference,
      children: contact.notification.children.map(childName).join(', '),
      question: request.question,
      due: formatLondonTime(request.dueAt),
      overdue: !request.answer && request.dueAt < partner.now.toISOString(),
      answered: !!request.answer,
    })),
  });
};

/** A contact as a partner may see it: who the children are, what their agency is asked, and today's meeting about them. */
const contactPage = (
  user: StaffUser,
  partner: Partner,
  shown: Extract<PartnerContact, { outcome: 'shown' }>,
  state: { errors?: { text: string; href: string }[]; kept?: Record<string, string>; done?: string } = {},
  status = 200,
) => {
  const { contact } = shown;
  const n = contact.notification;
  // The concern itself is shared at the meeting; a request alone needs only who the children are.
  const atMeeting = shown.meetings.length > 0;
  const deps = partnerDeps();
  return page(
    'console/partner-contact.njk',
    {
      ...baseContext(user, '/console/partner'),
      ...state,
      contact,
      agency: agencyName(config().PARTNER_AGENCIES, partner.agency),
      children: n.children.map((c) => ({
        name: childName(c),
        rows: [
          row(
            'Date of birth',
            c.dateOfBirth ?? (c.expectedDateOfDelivery ? `Expected ${c.expectedDateOfDelivery}` : undefined),
          ),
          row('Address', `${c.address.line1}, ${c.address.town}, ${c.address.postcode}`),
          row('School', c.school),
          row('NHS number', c.nhsNumber),
          ...(atMeeting && c.concerns ? [row('Concerns about this child only', ownConcernsText(c.concerns))] : []),
        ],
      })),
      concernRows: atMeeting && [
        row(concernsLabel(n), n.concerns.factors.map((f) => ASSESSMENT_FACTORS[f]).join('; ')),
        row('What happened', n.concerns.description),
        row('Parents and carers', n.parentsAndCarers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
        row('Household', n.householdMembers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
        row(
          'Consent to share',
          n.consent.status === 'given'
            ? 'Given'
            : `${n.consent.status === 'refused' ? 'Refused' : 'Not sought'}: ${n.consent.reason}`,
        ),
      ],
      requests: shown.requests.map((r) => ({
        id: r.id,
        rows: [
          row('Question', r.question),
          row('Asked by', `${r.requestedBy.name}, ${formatLondonTime(r.requestedAt)}`),
          row('Answer due', formatLondonTime(r.dueAt)),
          ...(r.answer
            ? [row('Answer', `${r.answer} (${r.answeredBy?.name}, ${r.answeredAt && formatLondonTime(r.answeredAt)})`)]
            : []),
        ],
        answered: !!r.answer,
      })),
      meetings: shown.meetings.map((m) => ({
        title: `${meetingTitle(m)}, ${formatDate(m.date)}`,
        children: shown.records
          .filter((r) => r.meetingId === m.meetingId)
          .map((r) => ({
            name: r.childName,
            contributions: contributionRows(r, deps.agencies),
            actions: r.actions.map((a) => [
              { text: a.text },
              { text: a.owner },
              { text: formatDate(a.dueOn) },
              { text: a.done ? 'Done' : 'Not yet' },
            ]),
            outcome: r.outcome?.outcome,
          })),
      })),
    },
    status,
  );
};

/**
 * GET /console/partner, GET /console/partner/contacts/{id} and POST /console/partner/contacts/{id}/answer:
 * the console for someone from a partner agency, and nothing else.
 */
export const handler = consoleRoute('partner', async (event: APIGatewayProxyEventV2, user, actor) => {
  const partner = partnerOf(user, actor);
  if (!partner)
    return message(403, 'You cannot see this page', 'Your account is not linked to a partner agency.', user);
  if (event.rawPath === '/console/partner') return home(user, partner);
  const contactId = contactIdOf(event);
  if (!contactId) return notFound(user);
  if (event.requestContext.http.method === 'POST') {
    const fields = formFields(event);
    const result = await answerAsPartner(
      { contactId, requestId: fields.requestId ?? '', answer: fields.answer ?? '', ...partner },
      partnerDeps(),
    );
    if (result.outcome === 'answered') return redirect(`/console/partner/contacts/${contactId}?done=answered`);
    if (result.outcome === 'not-found') return notFound(user);
    const shown = await openAsPartner({ contactId, ...partner }, partnerDeps());
    if (shown.outcome !== 'shown') return notFound(user);
    const text = result.outcome === 'invalid' ? result.message : result.reason;
    return contactPage(
      user,
      partner,
      shown,
      { errors: [{ text, href: `#answer-${fields.requestId}` }], kept: fields },
      result.outcome === 'invalid' ? 400 : 409,
    );
  }
  const shown = await openAsPartner({ contactId, ...partner }, partnerDeps());
  if (shown.outcome !== 'shown') return notFound(user);
  return contactPage(user, partner, shown, {
    done: event.queryStringParameters?.done === 'answered' ? 'Your answer has been sent to the front door' : undefined,
  });
});
