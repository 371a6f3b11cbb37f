import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isContactId } from '../../shared/contacts';
import { contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

/** GET /api/contacts/{id}: the whole contact, for triage workers (IAM-authorised on AWS). */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  const contact = isContactId(id) ? await contactStore().get(id) : undefined;
  return contact ? json(200, contact) : problem(404, 'No contact has that id');
});
