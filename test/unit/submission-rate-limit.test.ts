import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { aSchoolNeglectNotification } from '../fixtures/notifications';

/**
 * Anyone may post a notification, and each one makes the council email its referrer: one source
 * address gets its limit a minute on the single and batch routes, then a 429 with Retry-After,
 * and the refused request is neither read nor stored.
 */
const mockAcceptNotification = jest.fn(async () => ({
  outcome: 'accepted',
  queued: true,
  contact: { contactId: 'c', reference: 'CFC-AAAA-BBBB', status: 'received', statusToken: 't' },
}));
const mockAcceptBatch = jest.fn(async () => ({ outcome: 'processed', results: [] }));
jest.mock('../../functions/lib/dependencies', () => ({
  config: () => ({
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    NOTIFICATIONS_PER_SOURCE_PER_MINUTE: 2,
    BATCHES_PER_SOURCE_PER_MINUTE: 1,
    BATCH_API_KEYS: '',
    BATCH_MAX_ITEMS: 50,
  }),
  contactStore: () => ({}),
  triageQueue: () => ({}),
}));
// middy is ESM-only and jest runs CommonJS: the handlers are tested without their middlewares.
jest.mock('../../functions/lib/middleware', () => ({ webHandler: <T>(handler: T) => handler }));
jest.mock('../../shared/front-door/intake', () => ({
  acceptNotification: (...args: unknown[]) => mockAcceptNotification(...(args as [])),
}));
jest.mock('../../shared/front-door/batch', () => ({
  acceptBatch: (...args: unknown[]) => mockAcceptBatch(...(args as [])),
  clientForKey: () => 'local-police',
}));

import { handler as submitNotification } from '../../functions/api/submit-notification';
import { handler as submitBatch } from '../../functions/api/submit-batch';

const post = (path: string, sourceIp: string, body: unknown, headers: Record<string, string> = {}) =>
  ({
    routeKey: `POST ${path}`,
    rawPath: path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path, sourceIp } },
  }) as unknown as APIGatewayProxyEventV2;

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

describe('per-source rate limits on the submission routes', () => {
  beforeEach(() => jest.clearAllMocks());

  it('POST /api/notifications: past the limit a 429 with Retry-After, a clear message, and nothing stored; other addresses are not held up', async () => {
    // Prepare
    const send = (ip: string) =>
      (submitNotification as unknown as Handler)(post('/api/notifications', ip, aSchoolNeglectNotification()));
    // Act
    const answers = [await send('198.51.100.7'), await send('198.51.100.7'), await send('198.51.100.7')];
    const other = await send('203.0.113.9');
    // Assess
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 429]);
    const refused = answers[2]!;
    expect(Number(refused.headers!['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers!['retry-after'])).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.body!).message).toMatch(
      /^Too many notifications from your address .*Nothing was stored: send it again in \d+ seconds/,
    );
    expect(other.statusCode).toBe(202);
    expect(mockAcceptNotification).toHaveBeenCalledTimes(3);
  });

  it('POST /api/notifications/batch: counted per source before the key is checked', async () => {
    // Prepare
    const send = (key?: string) =>
      (submitBatch as unknown as Handler)(
        post('/api/notifications/batch', '198.51.100.8', { items: [] }, key ? { 'x-api-key': key } : {}),
      );
    // Act
    const first = await send('a-key');
    const second = await send('a-key');
    // Assess
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(429);
    expect(second.headers!['retry-after']).toMatch(/^\d+$/);
    expect(mockAcceptBatch).toHaveBeenCalledTimes(1);
  });
});
