import { buildEvent, toHttpResponse } from '../../infra/local/http-api';

const request = (headers: Record<string, string[]>, method = 'POST') => ({
  method,
  headersDistinct: headers,
  httpVersion: '1.1',
  socket: { remoteAddress: '::ffff:127.0.0.1' },
});

describe('buildEvent (payload format 2.0)', () => {
  it('builds the API Gateway shape from a request', () => {
    const event = buildEvent(
      request({ host: ['127.0.0.1:3000'], 'content-type': ['application/json'], cookie: ['a=1; b=2'], 'x-tag': ['x', 'y'] }),
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
    expect(response).toEqual({ statusCode: 302, headers: { location: '/next', 'set-cookie': ['a=1', 'b=2'] }, body: Buffer.from('hi') });
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
