import { request as httpRequest } from 'node:http';
import { buildEvent, HttpApiServer, LAMBDA_PAYLOAD_LIMIT_BYTES, toHttpResponse } from '../../infra/local/http-api';
import type { LambdaInvoker, LocalFunction } from '../../infra/local/lambda';

const request = (headers: Record<string, string[]>, method = 'POST') => ({
  method,
  headersDistinct: headers,
  httpVersion: '1.1',
  socket: { remoteAddress: '::ffff:127.0.0.1' },
});

describe('buildEvent (payload format 2.0)', () => {
  it('builds the API Gateway shape from a request', () => {
    const event = buildEvent(
      request({
        host: ['127.0.0.1:3000'],
        'content-type': ['application/json'],
        cookie: ['a=1; b=2'],
        'x-tag': ['x', 'y'],
      }),
      new URL('http://127.0.0.1:3000/api/contacts/c1?q=1&q=2&r=3'),
      Buffer.from('{"ok":true}'),
      'POST /api/contacts/{id}',
      { id: 'c1' },
      false,
      'Api',
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/contacts/{id}',
      rawPath: '/api/contacts/c1',
      rawQueryString: 'q=1&q=2&r=3',
      cookies: ['a=1', 'b=2'],
      headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', 'x-tag': 'x,y' },
      queryStringParameters: { q: '1,2', r: '3' },
      pathParameters: { id: 'c1' },
      body: '{"ok":true}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/api/contacts/c1', sourceIp: '127.0.0.1' }, stage: '$default' },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('base64-encodes form and binary bodies and omits absent parts', () => {
    const form = buildEvent(
      request({ 'content-type': ['application/x-www-form-urlencoded'] }),
      new URL('http://h/x'),
      Buffer.from('a=1'),
      'POST /x',
      {},
      true,
      'Api',
    );
    expect(form).toMatchObject({ body: Buffer.from('a=1').toString('base64'), isBase64Encoded: true });
    expect(form.requestContext.authorizer?.iam.userArn).toBe('arn:aws:iam::000000000000:user/local');
    const get = buildEvent(request({}, 'GET'), new URL('http://h/x'), Buffer.alloc(0), 'GET /x', {}, false, 'Api');
    expect(get).not.toHaveProperty('body');
    expect(get).not.toHaveProperty('queryStringParameters');
    expect(get).not.toHaveProperty('pathParameters');
    expect(get.isBase64Encoded).toBe(false);
  });
});

describe('toHttpResponse', () => {
  it('maps a structured result, with cookies and base64 bodies', () => {
    const response = toHttpResponse({
      statusCode: 302,
      headers: { Location: '/next' },
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toEqual({
      statusCode: 302,
      headers: { location: '/next', 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from('hi'),
    });
  });

  it('treats a result without statusCode as a 200 JSON body, as API Gateway infers', () => {
    expect(toHttpResponse({ ok: true } as never)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"ok":true}'),
    });
    expect(toHttpResponse('plain').body.toString()).toBe('plain');
  });
});

describe('the local HTTP API server', () => {
  let server: HttpApiServer;
  const invoked: unknown[] = [];
  beforeAll(async () => {
    server = new HttpApiServer('Api', () => undefined);
    await server.listen(0);
    const invoker = {
      invoke: async (_fn: unknown, event: { body?: string; rawPath: string }) => {
        invoked.push(event);
        return event.rawPath === '/big'
          ? { statusCode: 200, body: 'x'.repeat(LAMBDA_PAYLOAD_LIMIT_BYTES) }
          : { statusCode: 200, body: 'ok' };
      },
    } as unknown as LambdaInvoker;
    server.setRoutes(
      [
        { routeKey: 'POST /echo', target: { fn: {} as LocalFunction, iam: false } },
        { routeKey: 'GET /big', target: { fn: {} as LocalFunction, iam: false } },
      ],
      invoker,
    );
  });
  afterAll(() => server.stop());
  beforeEach(() => invoked.splice(0));

  /** node's fetch will not send a Host header of our choosing, so these use http.request. */
  const send = (path: string, options: { host?: string; method?: string; body?: Buffer } = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: options.method ?? 'POST',
          headers: { host: options.host ?? url.host, 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  it('answers its own loopback names', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await send('/echo', { host, body: Buffer.from('{}') })).status).toBe(200);
  });

  it('refuses any other Host, so a rebound DNS name cannot reach the API from a browser', async () => {
    const port = new URL(server.url).port;
    for (const host of [
      `attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1:${Number(port) + 1}`,
      `127.0.0.1.attacker.example:${port}`,
    ]) {
      expect([host, (await send('/echo', { host, body: Buffer.from('{}') })).status]).toEqual([host, 403]);
    }
    expect(invoked).toHaveLength(0);
  });

  it('refuses a request whose event would be over the 6 MB Lambda limit, without invoking the function', async () => {
    const response = await send('/echo', {
      body: Buffer.from(JSON.stringify({ text: 'x'.repeat(LAMBDA_PAYLOAD_LIMIT_BYTES) })),
    });
    expect(response.status).toBe(413);
    expect(invoked).toHaveLength(0);
  });

  it('answers 500 when a function returns more than Lambda allows', async () => {
    expect((await send('/big', { method: 'GET' })).status).toBe(500);
  });
});
