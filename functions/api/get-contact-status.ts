import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { statusView } from '../../shared/contacts';
import { openStatusLink } from '../../shared/referrer/status-access';
import { config, contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

/**
 * GET /api/status/{token}: what a referrer's system may see through the status link it was
 * given. The token is the link's own and expires; the answer names no child and has no free text.
 */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const contact = await openStatusLink(
    { token: event.pathParameters?.token ?? '', now: new Date(), linkDays: config().STATUS_LINK_DAYS },
    { store: contactStore() },
  );
  return contact ? json(200, statusView(contact)) : problem(404, 'No notification has that status link');
});
