import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { CONTACT_STATUSES, codesOfStatus } from '../../shared/contacts';
import { InvalidCursor } from '../../shared/contacts/ports';
import { contactStore } from '../lib/dependencies';
import { json, problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

const QuerySchema = z.object({
  status: z
    .enum(codesOfStatus, { message: `status must be one of ${Object.keys(CONTACT_STATUSES).join(', ')}` })
    .default('awaiting-decision'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

/**
 * GET /api/contacts?status=…&limit=…&cursor=…: a queue of contacts in queue order, most urgent
 * first, a page at a time (IAM-authorised on AWS). `next` is the cursor for the following page,
 * absent on the last, so a caller reads the whole queue by following it.
 */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const query = QuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!query.success) {
    return problem(
      400,
      'The query has errors',
      query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const { status, limit, cursor } = query.data;
  let page;
  try {
    page = await contactStore().pageByStatus(status, { limit, cursor });
  } catch (error) {
    if (error instanceof InvalidCursor)
      return problem(400, 'The query has errors', [{ path: 'cursor', message: error.message }]);
    throw error;
  }
  const { contacts, cursor: next } = page;
  return json(200, {
    next,
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
