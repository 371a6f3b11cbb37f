import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { memoryRateLimiter } from '../support/memory-rate-limiter';

/**
 * Anyone may post a notification, and each one makes the council email its referrer: one source
 * address gets its limit a minute on the single and batch routes and the web form's send, then a
 * 429 with Retry-After, and the refused request is neither read nor stored. Status pages, code
 * requests and reconsideration requests have their own limits. The counters are one limiter
 * (DynamoDB in AWS; here the in-memory one with the same contract), so a fresh Lambda instance
 * starts with the count every other instance has made.
 */
const mockAcceptNotification = jest.fn(async () => ({
  outcome: 'accepted',
  queued: true,
  contact: { contactId: 'c', reference: 'CFC-AAAA-BBBB', status: 'received', statusToken: 't' },
}));
const mockAcceptBatch = jest.fn(async () => ({ outcome: 'processed', results: [] }));
const mockSubmitDraft = jest.fn(async () => ({ outcome: 'submitted', contact: { contactId: 'c' } }));
const mockFindByStatusToken = jest.fn(async () => undefined);
const mockSendStatusCode = jest.fn(async () => 'sent');
const mockLimiter = memoryRateLimiter();
jest.mock('../../functions/lib/dependencies', () => ({
  config: () => ({
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    NOTIFICATIONS_PER_SOURCE_PER_MINUTE: 2,
    BATCHES_PER_SOURCE_PER_MINUTE: 1,
    BATCH_API_KEYS: '',
    BATCH_MAX_ITEMS: 50,
    AREA_NAME: 'Exampleshire',
    ESCALATION_GUIDANCE_URL: 'https://example.org/escalation',
    DUTY_TEAM_PHONE: '01632 960000',
    OUT_OF_HOURS_PHONE: '01632 960001',
  }),
  contactStore: () => ({ findByStatusToken: mockFindByStatusToken }),
  triageQueue: () => ({}),
  rateLimiter: () => mockLimiter,
}));
jest.mock('../../functions/referrer/dependencies', () => ({
  DRAFT_COOKIE: 'draft',
  draftCookie: () => 'draft=x',
  draftStore: () => ({ get: async () => undefined, put: async () => undefined }),
}));
jest.mock('../../shared/front-door/draft-submission', () => ({
  submitDraft: (...args: unknown[]) => mockSubmitDraft(...(args as [])),
}));
// middy is ESM-only and jest runs CommonJS: the handlers are tested without their middlewares
// (the form's own, added with .use, are left out too).
jest.mock('../../functions/lib/middleware', () => ({
  webHandler: <T extends object>(handler: T) =>
    Object.assign(handler, {
      use() {
        return this;
      },
    }),
}));
jest.mock('../../shared/front-door/intake', () => ({
  acceptNotification: (...args: unknown[]) => mockAcceptNotification(...(args as [])),
}));
jest.mock('../../shared/front-door/batch', () => ({
  acceptBatch: (...args: unknown[]) => mockAcceptBatch(...(args as [])),
  clientForKey: () => 'local-police',
}));

import { handler as submitNotification } from '../../functions/api/submit-notification';
import { handler as submitBatch } from '../../functions/api/submit-batch';
import { handler as referrerForm } from '../../functions/referrer/form';
import { handler as statusPage } from '../../functions/referrer/status';

/** The same handler as a second Lambda instance would load it: its own module, no memory shared. */
const anotherInstance = <T>(path: string): T => {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = (require(path) as { handler: T }).handler;
  });
  return loaded!;
};

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
  beforeEach(() => {
    jest.clearAllMocks();
    mockLimiter.reset();
    // Early in a window, so no test's requests fall either side of a window's end.
    jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000 + 1_000);
  });

  it('POST /api/notifications: past the limit a 429 with Retry-After, a clear message, and nothing stored; other addresses are not held up', async () => {
    // Prepare
    const send = (ip: string) =>
      (submitNotification as unknown as Handler)(post('/api/notifications', ip, aSchoolNeglectNotification()));
    // Act
    const answers = [await send('198.51.100.7'), await send('198.51.100.7'), await send('198.51.100.7')];
    const other = await send('203.0.113.9');
    // Assess
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 429]);
    expect(answers[2]!.headers!['content-type']).toMatch(/^application\/(problem\+)?json/);
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

  it('holds across instances: a second instance of the function refuses what the first already counted', async () => {
    // Prepare
    const second = anotherInstance<Handler>('../../functions/api/submit-notification');
    const send = (handler: Handler) =>
      handler(post('/api/notifications', '198.51.100.10', aSchoolNeglectNotification()));
    // Act
    const first = [
      await send(submitNotification as unknown as Handler),
      await send(submitNotification as unknown as Handler),
    ];
    const onAnotherInstance = await send(second);
    // Assess
    expect(first.map((a) => a.statusCode)).toEqual([202, 202]);
    expect(onAnotherInstance.statusCode).toBe(429);
    expect(mockAcceptNotification).toHaveBeenCalledTimes(2);
  });

  it('the web form: sending from check your answers counts with the API, and past the limit a page says how long to wait and nothing is sent', async () => {
    // Prepare
    const sendForm = () =>
      (referrerForm as unknown as Handler)({
        ...post('/notify/check', '198.51.100.11', {}),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        pathParameters: { proxy: 'check' },
      } as unknown as APIGatewayProxyEventV2);
    // Act
    await (submitNotification as unknown as Handler)(
      post('/api/notifications', '198.51.100.11', aSchoolNeglectNotification()),
    );
    const allowed = await sendForm();
    const refused = await sendForm();
    // Assess
    expect(allowed.statusCode).toBe(303);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers!['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatch(/Too many requests/);
    expect(refused.body).toMatch(/Wait \d+ (second|minute)s? and try again/);
    expect(mockSubmitDraft).toHaveBeenCalledTimes(1);
  });
});

describe('per-source rate limits on the status page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mockLimiter.reset();
    // Early in a window, so no test's requests fall either side of a window's end.
    jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000 + 1_000);
  });
  const status = (path: string, method: 'GET' | 'POST', sourceIp: string) =>
    (statusPage as unknown as Handler)({
      ...post(path, sourceIp, {}),
      routeKey: `${method} ${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      pathParameters: { id: 'A'.repeat(32) },
      requestContext: { http: { method, path, sourceIp } },
    } as unknown as APIGatewayProxyEventV2);

  it('refuses a source walking status links past its limit, with Retry-After, before any link is looked up', async () => {
    // Act
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await status(`/status/${'A'.repeat(32)}`, 'GET', '198.51.100.20'));
    // Assess
    expect(answers.slice(0, 30).every((a) => a.statusCode === 404)).toBe(true);
    expect(answers[30]!.statusCode).toBe(429);
    expect(answers[30]!.headers!['retry-after']).toMatch(/^\d+$/);
    expect(mockFindByStatusToken).toHaveBeenCalledTimes(30);
  });

  it('limits code and reconsideration requests more tightly, each on its own', async () => {
    // Act
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push(await status(`/status/${'A'.repeat(32)}/code`, 'POST', '198.51.100.21'));
    const reconsider = await status(`/status/${'A'.repeat(32)}/reconsider`, 'POST', '198.51.100.21');
    // Assess
    expect(codes.slice(0, 10).map((a) => a.statusCode)).toEqual(Array(10).fill(404));
    expect(codes[10]!.statusCode).toBe(429);
    expect(Number(codes[10]!.headers!['retry-after'])).toBeGreaterThan(60);
    expect(reconsider.statusCode).toBe(404);
    expect(mockSendStatusCode).not.toHaveBeenCalled();
  });
});
