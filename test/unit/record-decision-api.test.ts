import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { newContactId } from '../../shared/contacts';
import { aRecommendedContact } from '../support/recommended-contact';
import { memoryPorts } from '../support/memory-contact-store';

/**
 * POST /api/contacts/{id}/decision at the handler: an agency system deciding through the API is
 * held to the console's rule, so a level or route other than the recommendation's needs a reason,
 * and the answer says so in plain English, naming the field, with nothing stored.
 */
const contactId = newContactId();
const mockPorts = memoryPorts(aRecommendedContact({ contactId }));
jest.mock('../../functions/lib/dependencies', () => ({
  config: () => ({ SIGN_OFF_ROUTES: [] }),
  contactStore: () => mockPorts.store,
  outcomeQueue: () => mockPorts.outcomeQueue,
}));
// middy is ESM-only and jest runs CommonJS: the handler is tested without its middlewares.
jest.mock('../../functions/lib/middleware', () => ({ webHandler: <T>(handler: T) => handler }));

import { handler } from '../../functions/api/record-decision';

const decide = async (body: unknown) =>
  (await (handler as unknown as (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>)({
    routeKey: 'POST /api/contacts/{id}/decision',
    rawPath: `/api/contacts/${contactId}/decision`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    pathParameters: { id: contactId },
    requestContext: { http: { method: 'POST', path: `/api/contacts/${contactId}/decision`, sourceIp: '127.0.0.1' } },
  } as unknown as APIGatewayProxyEventV2))!;

describe('deciding through the API against the recommendation', () => {
  it('answers 400 naming overrideReason when the route differs from the recommendation without a reason, and stores nothing', async () => {
    // Prepare: both children are recommended a strategy discussion (DASH high).
    const body = { route: 'early-help-targeted', level: 3, rationale: 'The family has moved to a refuge.' };
    // Act
    const refused = await decide(body);
    // Assess
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body as string)).toEqual({
      message: 'The decision has errors',
      errors: [
        {
          path: 'overrideReason',
          message: 'Say why you are choosing a different level or route from the recommendation',
        },
      ],
    });
    expect(mockPorts.contacts.get(contactId)!.status).toBe('awaiting-decision');
    expect(mockPorts.events).toEqual([]);
    expect(mockPorts.queued).toEqual([]);
  });

  it('records the same decision once it gives its reason', async () => {
    // Act
    const recorded = await decide({
      route: 'early-help-targeted',
      level: 3,
      rationale: 'The family has moved to a refuge.',
      overrideReason: 'The refuge worker will lead targeted early help.',
    });
    // Assess
    expect(recorded.statusCode).toBe(201);
    expect(mockPorts.contacts.get(contactId)!.status).toBe('awaiting-manager');
  });
});
