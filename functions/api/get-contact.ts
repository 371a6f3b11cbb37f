import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isContactId } from '../../shared/contacts';
import { contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

/**
 * GET /api/contacts/{id}: the whole contact, for triage workers (IAM-authorised on AWS), with its
 * matches (stored beside the contact) and how many more each child and address had.
 */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  const contact = isContactId(id) ? await contactStore().get(id) : undefined;
  if (!contact) return problem(404, 'No contact has that id');
  const { earlier, household, more } = await contactStore().getMatches(id);
  return json(200, { ...contact, matches: earlier, householdMatches: household, moreMatches: more });
});
