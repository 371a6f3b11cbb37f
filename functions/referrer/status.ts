import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { formatLondonTime } from '../../shared/calendar/format';
import type { Contact } from '../../shared/contacts';
import { requestReconsideration } from '../../shared/referrer/reconsideration';
import { referrerStatus, statusText } from '../../shared/referrer/status';
import {
  CODE_MINUTES,
  checkStatusCode,
  maskedAddress,
  openStatusLink,
  referrerAddress,
  sendStatusCode,
  type CheckCodeResult,
} from '../../shared/referrer/status-access';
import { RECONSIDERATION_LIMIT, STATUS_CODE_LIMIT, STATUS_PAGE_LIMIT } from '../../shared/web/rate-limit';
import { config, contactStore, mailer, statusCodes as codes } from '../lib/dependencies';
import { formHandler } from '../lib/form-handler';
import { logger } from '../lib/observability';
import { page, redirect } from '../lib/pages';
import { refusedFor } from '../lib/rate-limit';
import { tooManyRequestsPage } from '../lib/too-many-requests';
import { formValues } from './request';

/**
 * GET /status/{token}, GET and POST /status/{token}/reconsider, POST /status/{token}/code and
 * /status/{token}/reasons: the page the link in every email opens. The token is the link's own
 * (never the contact id) and expires; without a one-time code the page shows the stage, the
 * route and the standard next steps, and no free text.
 */

const CODE_ERRORS: Record<Exclude<CheckCodeResult, 'ok'>, string> = {
  wrong: 'The code is not right. Check the email we sent and enter the 6 digits',
  expired: 'The code has expired or was already used. Ask for a new code',
  'too-many-attempts': 'The code was entered wrongly too many times. Ask for a new code',
};

export const handler = formHandler(
  async (event: APIGatewayProxyEventV2) => {
    const common = { areaName: config().AREA_NAME, escalationUrl: config().ESCALATION_GUIDANCE_URL };
    const method = event.requestContext.http.method;
    const action = event.rawPath.slice(event.rawPath.lastIndexOf('/') + 1);
    // Every status request counts; asking for a code or a reconsideration counts again, tighter.
    const tighter =
      method !== 'POST'
        ? undefined
        : action === 'code'
          ? STATUS_CODE_LIMIT
          : action === 'reconsider'
            ? RECONSIDERATION_LIMIT
            : undefined;
    for (const limit of tighter ? [STATUS_PAGE_LIMIT, tighter] : [STATUS_PAGE_LIMIT]) {
      const retryAfter = await refusedFor(event, limit);
      if (retryAfter !== undefined) return tooManyRequestsPage(retryAfter, common);
    }
    const token = event.pathParameters?.id ?? '';
    const now = new Date();
    const contact = await openStatusLink(
      { token, now, linkDays: config().STATUS_LINK_DAYS },
      { store: contactStore() },
    );
    if (!contact) return page('referrer/status-not-found.njk', common, 404);

    const base = `/status/${token}`;
    const view = (revealFreeText: boolean) => {
      const status = referrerStatus(contact, { revealFreeText });
      return {
        ...common,
        status,
        stageText: statusText(status),
        receivedAt: formatLondonTime(status.receivedAt),
        dueAt: status.decisionDueAt && formatLondonTime(status.decisionDueAt),
        decidedAt: formatLondonTime((status.decision ?? status.confidentialOutcome)?.decidedAt ?? status.receivedAt),
        reconsiderHref: `${base}/reconsider`,
        backHref: base,
        codeAction: `${base}/code`,
        // Just asked: say so at the top of the page (post/redirect/get, so a reload does not ask again).
        requestSent:
          event.queryStringParameters?.sent === 'reconsideration' && status.reconsideration?.status === 'requested',
      };
    };
    // A code opens only free text the referrer may read: none for a referrer who is not a professional.
    if (action === 'code' && method === 'POST')
      return view(false).status.freeTextWithheld ? sendCode(contact, base, common, now) : redirect(base);
    if (action === 'reasons' && method === 'POST') {
      const result = await checkStatusCode(
        { contact, code: formValues(event).code?.[0] ?? '', now },
        { codes: codes() },
      );
      if (result === 'ok') {
        logger.info('Status page: free text opened with a code', { contactId: contact.contactId });
        return page('referrer/status.njk', view(true));
      }
      return codePage(contact, base, common, CODE_ERRORS[result], 400);
    }
    if (action !== 'reconsider') return page('referrer/status.njk', view(false));

    const { status } = view(false);
    if (!status.mayAskForReconsideration) return redirect(base);
    if (method !== 'POST') return page('referrer/reconsider.njk', view(false));
    const reason = formValues(event).reason?.[0];
    const result = await requestReconsideration(
      { contactId: contact.contactId, body: { reason }, now },
      { store: contactStore() },
    );
    if (result.outcome === 'invalid') {
      return page(
        'referrer/reconsider.njk',
        { ...view(false), reason, errorSummary: [{ text: result.message, href: '#reason' }] },
        400,
      );
    }
    if (result.outcome === 'requested') logger.info('Reconsideration requested', { contactId: contact.contactId });
    return redirect(`${base}?sent=reconsideration`);
  },
  { forms: 'public' },
);

const codePage = (contact: Contact, base: string, common: Record<string, string>, error?: string, statusCode = 200) =>
  page(
    'referrer/status-code.njk',
    {
      ...common,
      reference: contact.reference,
      sentTo: maskedAddress(referrerAddress(contact) ?? ''),
      action: `${base}/reasons`,
      codeAction: `${base}/code`,
      statusHref: base,
      codeMinutes: CODE_MINUTES,
      errorSummary: error ? [{ text: error, href: '#code' }] : undefined,
    },
    statusCode,
  );

const sendCode = async (contact: Contact, base: string, common: Record<string, string>, now: Date) => {
  const sent = await sendStatusCode({ contact, now }, { codes: codes(), mailer: mailer(), config: config() });
  logger.info('Status page: code requested', { contactId: contact.contactId, outcome: sent });
  if (sent === 'no-address') return redirect(base);
  // This link's own limit (3 codes an hour): an hour is the longest the referrer may need to wait.
  if (sent === 'too-many') return tooManyRequestsPage(3600, common);
  return codePage(contact, base, common);
};
