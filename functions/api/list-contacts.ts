import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { CONTACT_STATUSES, codesOfStatus } from '../../shared/contacts';
import { contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

const QuerySchema = z.object({
  status: z.enum(codesOfStatus, { message: `status must be one of ${Object.keys(CONTACT_STATUSES).join(', ')}` }).default('awaiting-decision'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** GET /api/contacts?status=…: a queue of contacts, most urgent first (IAM-authorised on AWS). */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const query = QuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!query.success) {
    return problem(400, 'The query has errors', query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const contacts = await contactStore().listByStatus(query.data.status, query.data.limit);
  return json(200, {
    contacts: contacts.map(({ contactId, reference, status, receivedAt, recommendation }) => ({
      contactId,
      reference,
      status,
      receivedAt,
      recommendation: recommendation && {
        level: recommendation.level,
        route: recommendation.route,
        priority: recommendation.priority,
        dueAt: recommendation.dueAt,
        themes: recommendation.themes,
      },
    })),
  });
});
