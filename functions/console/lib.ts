import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { actingRole, can, ROLES, type Permission, type StaffUser } from '../../shared/auth/roles';
import { currentSession } from '../../shared/auth/session';
import { signInPath } from '../../shared/auth/return-to';
import { authSettings } from '../../shared/config';
import { isContactId, type Contact } from '../../shared/contacts';
import { isEmailToComplete } from '../../shared/console/incoming-email';
import { sessionEndedView } from '../../shared/console/session-ended';
import { contactView, incomingEmailView, type ContactPageState } from '../../shared/console/contact-view';
import type { AuditEvent } from '../../shared/contacts/ports';
import { config, contactStore, revokedSessions } from '../lib/dependencies';
import { meetingStore } from '../meetings/dependencies';
import { meetingsOnContact } from './contact-meetings';
import { formHandler } from '../lib/form-handler';
import { formParams, page, redirect } from '../lib/pages';

export type Actor = AuditEvent['actor'];
type Handler = (
  event: APIGatewayProxyEventV2,
  user: StaffUser,
  actor: Actor,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What every console page needs to draw the signed-in user's bar and the navigation (each user's own areas). */
export const baseContext = (
  user?: StaffUser,
  active:
    | '/console'
    | '/console/allegations'
    | '/console/handovers'
    | '/console/consultations'
    | '/console/performance'
    | '/console/meetings'
    | '/console/partner' = '/console',
) => ({
  user,
  roleName: user && ROLES[actingRole(user)],
  navigation: [
    ...(!user || can(user, 'view')
      ? [{ href: '/console', text: 'Triage console', active: active === '/console' }]
      : []),
    ...(user && can(user, 'allegations')
      ? [{ href: '/console/allegations', text: 'Allegations (LADO)', active: active === '/console/allegations' }]
      : []),
    ...(user && can(user, 'handovers')
      ? [{ href: '/console/handovers', text: 'Handovers', active: active === '/console/handovers' }]
      : []),
    ...(user && can(user, 'view')
      ? [{ href: '/console/consultations', text: 'Consultations', active: active === '/console/consultations' }]
      : []),
    ...(user && can(user, 'performance')
      ? [{ href: '/console/performance', text: 'Performance', active: active === '/console/performance' }]
      : []),
    ...(user && can(user, 'view')
      ? [{ href: '/console/meetings', text: 'Triage meetings', active: active === '/console/meetings' }]
      : []),
    ...(user && can(user, 'partner')
      ? [{ href: '/console/partner', text: 'Your agency', active: active === '/console/partner' }]
      : []),
  ],
});

/** A console page that only says something; an error's title starts "Error:" (GOV.UK), so screen readers hear it first. */
export const message = (status: number, pageTitle: string, text: string, user?: StaffUser) =>
  page('console/message.njk', { ...baseContext(user), pageTitle, message: text, errorPage: status >= 400 }, status);

/**
 * Every console route: a valid session, the role the route needs, and no cross-site posts (the
 * origin checks and the form token, in the web middlewares). Someone not signed in is sent to
 * sign in; someone without the role is told so.
 */
export const consoleRoute = (permission: Permission, handle: Handler) =>
  formHandler(
    async (event: APIGatewayProxyEventV2) => {
      const user = (await currentSession(event, authSettings(), new Date(), revokedSessions()))?.user;
      const isGet = event.requestContext.http.method === 'GET';
      // After signing in, back to the page asked for (a link in an email), checked for the role then.
      if (!user)
        return isGet
          ? redirect(signInPath(`${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`))
          : page(
              'console/session-ended.njk',
              {
                ...baseContext(),
                errorPage: true,
                ...sessionEndedView(
                  { path: event.rawPath, referer: event.headers?.referer, host: event.headers?.host },
                  formParams(event),
                ),
              },
              401,
            );
      // Sign-in lands on /console unless a page was asked for; the LADO's console is the allegations queue.
      if (!can(user, permission) && isGet && event.rawPath === '/console' && can(user, 'allegations'))
        return redirect('/console/allegations');
      // A receiving team's console is the handovers addressed to it.
      if (!can(user, permission) && isGet && event.rawPath === '/console' && can(user, 'receive'))
        return redirect('/console/handovers');
      if (!can(user, permission) && isGet && event.rawPath === '/console' && can(user, 'performance'))
        return redirect('/console/performance');
      // A partner agency's console is today's meetings and the requests addressed to the agency.
      if (!can(user, permission) && isGet && event.rawPath === '/console' && can(user, 'partner'))
        return redirect('/console/partner');
      if (!can(user, permission))
        return message(
          403,
          'You cannot see this page',
          `Your role (${ROLES[actingRole(user)]}) does not allow this.`,
          user,
        );
      return handle(event, user, { id: user.id, name: user.name, role: actingRole(user) });
    },
    { forms: 'signed-in' },
  );

export const contactIdOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const id = event.pathParameters?.id ?? '';
  return isContactId(id) ? id : undefined;
};

export const versionOf = (fields: Record<string, string>): number => Number.parseInt(fields.version ?? '', 10) || 0;

/** The contact page, or a free-text email's page before a worker completes it. */
export const contactPage = async (contact: Contact, user: StaffUser, state: ContactPageState = {}, status = 200) => {
  if (isEmailToComplete(contact)) {
    const events = await contactStore().listEvents(contact.contactId);
    return page(
      'console/incoming-email.njk',
      { ...baseContext(user), ...incomingEmailView({ contact, user, state, events }) },
      status,
    );
  }
  const [events, matches, meetingRecords] = await Promise.all([
    contactStore().listEvents(contact.contactId),
    contactStore().getMatches(contact.contactId),
    meetingStore().recordsFor(contact.contactId),
  ]);
  const view = contactView({
    contact,
    user,
    state,
    events,
    matches,
    agencies: config().PARTNER_AGENCIES,
    now: new Date(),
  });
  return page(
    'console/contact.njk',
    { ...baseContext(user), ...view, meetings: meetingsOnContact(meetingRecords, config().PARTNER_AGENCIES) },
    status,
  );
};
