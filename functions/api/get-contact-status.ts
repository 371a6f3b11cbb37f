import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isContactId, statusView } from '../../shared/contacts';
import { contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { withObservability } from '../lib/middleware';

/**
 * GET /api/contacts/{id}/status: what a referrer may see through the link in their emails.
 * The id is unguessable and the answer names no child.
 */
export const handler = withObservability(async (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  const contact = isContactId(id) ? await contactStore().get(id) : undefined;
  return contact ? json(200, statusView(contact)) : problem(404, 'No notification has that status link');
});
