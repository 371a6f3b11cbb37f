import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { StaffUser } from '../../shared/auth/roles';
import { teamsOf } from '../../shared/handovers/handover';
import { openAsReceivingTeam } from '../../shared/handovers/open';
import { acceptHandover, returnHandover, type HandoverRequest } from '../../shared/handovers/respond';
import { handoverRecord } from '../../shared/handovers/view';
import { contactStore, handoverStore } from '../lib/dependencies';
import { logger, metrics } from '../lib/observability';
import { formFields, page, redirect } from '../lib/pages';
import { baseContext, consoleRoute, contactIdOf, message, type Actor } from './lib';

const DONE: Record<string, string> = {
  accepted: 'Handover accepted. The front door can see that you have it.',
  returned: 'Handover returned. It is back on the front door’s queue with your reason.',
};

interface PageState {
  errors?: { text: string; href: string }[];
  kept?: { handoverId: string; reason: string };
  done?: string;
}

const NOT_FOUND = 'No handover to your team has that reference.';

/**
 * The whole record of a contact handed to the user's team, and its handovers to that team with
 * accept and return. Anything not addressed to the user's team is "not found"; every view is
 * recorded in the contact's audit trail (shared/handovers/open.ts).
 */
const recordPage = async (contactId: string, user: StaffUser, actor: Actor, state: PageState, status = 200) => {
  const shown = await openAsReceivingTeam(
    { contactId, teams: teamsOf(user), actor, now: new Date() },
    { store: contactStore(), handovers: handoverStore() },
  );
  if (shown.outcome === 'not-found') return message(404, 'Handover not found', NOT_FOUND, user);
  const { contact, handovers, matches, events } = shown;
  return page(
    'console/handover.njk',
    {
      ...baseContext(user, '/console/handovers'),
      ...state,
      contact,
      ...handoverRecord(contact, handovers, matches, events),
    },
    status,
  );
};

/** GET /console/handovers/{id}; POST /console/handovers/{id}/accept and /return (the handover named in the form). */
export const handler = consoleRoute('receive', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  if (!contactId) return message(404, 'Handover not found', NOT_FOUND, user);
  if (event.requestContext.http.method !== 'POST')
    return recordPage(contactId, user, actor, { done: DONE[event.queryStringParameters?.done ?? ''] });

  const action = event.pathParameters?.action;
  if (action !== 'accept' && action !== 'return')
    return message(404, 'Page not found', 'There is no such action.', user);
  const fields = formFields(event);
  const request: HandoverRequest = {
    contactId,
    handoverId: fields.handoverId ?? '',
    teams: teamsOf(user),
    actor,
    now: new Date(),
  };
  const deps = { store: contactStore(), handovers: handoverStore() };
  const result =
    action === 'accept'
      ? await acceptHandover(request, deps)
      : await returnHandover({ ...request, reason: fields.reason }, deps);
  const kept = { handoverId: request.handoverId, reason: fields.reason ?? '' };
  switch (result.outcome) {
    case 'not-found':
      return message(404, 'Handover not found', NOT_FOUND, user);
    case 'invalid':
      return recordPage(
        contactId,
        user,
        actor,
        { errors: result.errors.map((e) => ({ text: e.message, href: '#reason' })), kept },
        400,
      );
    case 'refused':
      return recordPage(
        contactId,
        user,
        actor,
        { errors: [{ text: result.reason, href: '#main-content' }], kept },
        409,
      );
    case 'accepted':
    case 'already-accepted': {
      if (result.outcome === 'accepted') {
        // The "no quibble" measure: how long a team takes to accept what the front door decided.
        const accepted = metrics.singleMetric();
        accepted.addDimensions({ team: result.handover.team });
        accepted.addMetric('HoursToAcceptance', MetricUnit.Count, result.hoursToAccept);
      }
      logger.info('Handover accepted', { contactId, handoverId: request.handoverId });
      return redirect(`/console/handovers/${contactId}?done=accepted`);
    }
    case 'returned': {
      const returned = metrics.singleMetric();
      returned.addDimensions({ team: result.handover.team });
      returned.addMetric('HandoversReturned', MetricUnit.Count, 1);
      logger.info('Handover returned', { contactId, handoverId: request.handoverId });
      return redirect(`/console/handovers/${contactId}?done=returned`);
    }
  }
});
