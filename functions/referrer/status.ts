import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isContactId } from '../../shared/contacts';
import { formatLondonTime } from '../../shared/calendar/format';
import { requestReconsideration } from '../../shared/referrer/reconsideration';
import { referrerStatus, statusText } from '../../shared/referrer/status';
import { config, contactStore } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger } from '../lib/observability';
import { page, redirect } from '../lib/pages';
import { formValues } from './request';

/**
 * GET /status/{id}, GET and POST /status/{id}/reconsider: the page the link in every email
 * opens. The contact id is unguessable, so the link is the referrer's only key, and the page
 * names no child.
 */
export const handler = withObservability(async (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  const contact = isContactId(id) ? await contactStore().get(id) : undefined;
  const common = { areaName: config().AREA_NAME, escalationUrl: config().ESCALATION_GUIDANCE_URL };
  if (!contact) return page('referrer/status-not-found.njk', common, 404);
  const status = referrerStatus(contact);
  const view = {
    ...common,
    status,
    stageText: statusText(status),
    receivedAt: formatLondonTime(status.receivedAt),
    dueAt: status.decisionDueAt && formatLondonTime(status.decisionDueAt),
    decidedAt: status.decision && formatLondonTime(status.decision.decidedAt),
    reconsiderHref: `/status/${id}/reconsider`,
    backHref: `/status/${id}`,
    // Just asked: say so at the top of the page (post/redirect/get, so a reload does not ask again).
    requestSent: event.queryStringParameters?.sent === 'reconsideration' && status.reconsideration?.status === 'requested',
  };
  const reconsider = event.rawPath.endsWith('/reconsider');
  if (!reconsider) return page('referrer/status.njk', view);
  if (!status.mayAskForReconsideration) return redirect(`/status/${id}`);
  if (event.requestContext.http.method !== 'POST') return page('referrer/reconsider.njk', view);

  const reason = formValues(event).reason?.[0];
  const result = await requestReconsideration({ contactId: id, body: { reason }, now: new Date() }, { store: contactStore() });
  if (result.outcome === 'invalid') {
    return page('referrer/reconsider.njk', { ...view, reason, errorSummary: [{ text: result.message, href: '#reason' }] }, 400);
  }
  if (result.outcome === 'requested') logger.info('Reconsideration requested', { contactId: id });
  return redirect(`/status/${id}?sent=reconsideration`);
});
