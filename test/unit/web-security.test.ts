import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { cookieName, secureCookies, setCookie } from '../../shared/auth/cookies';
import { securityHeaders } from '../../functions/lib/security-headers';
import { crossSiteReason, formToken } from '../../functions/lib/web-security';

/** The web middlewares on their own (middy calls them the same way), and the cookie rules. */
const event = (headers: Record<string, string>, method = 'POST', body = '', cookies?: string[]) =>
  ({
    headers: { host: 'front-door.example.gov.uk', ...headers },
    cookies,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method } },
  }) as unknown as APIGatewayProxyEventV2;
type Hook = (request: unknown) => Promise<unknown>;
const run = async (hook: unknown, request: Record<string, unknown>) => (hook as Hook)(request);

describe('origin checks on form posts', () => {
  it('lets a post from this site through', () => {
    expect(
      crossSiteReason(event({ origin: 'https://front-door.example.gov.uk', 'sec-fetch-site': 'same-origin' }), {
        requireOrigin: true,
      }),
    ).toBeUndefined();
  });

  it.each([
    ['another site', { origin: 'https://attacker.example' }],
    ['Origin: null', { origin: 'null' }],
    ['an Origin that is not a URL', { origin: 'not a url' }],
    ['a cross-site fetch', { origin: 'https://front-door.example.gov.uk', 'sec-fetch-site': 'cross-site' }],
    [
      'a same-site but other-origin fetch',
      { origin: 'https://front-door.example.gov.uk', 'sec-fetch-site': 'same-site' },
    ],
    ['no Origin on a signed-in form', {}],
  ])('refuses %s, with a reason', (_what, headers) => {
    expect(crossSiteReason(event(headers), { requireOrigin: true })).toMatch(/This form was sent/);
  });

  it('lets a public form without an Origin rely on its token', () => {
    expect(crossSiteReason(event({}), { requireOrigin: false })).toBeUndefined();
    expect(crossSiteReason(event({ origin: 'null' }), { requireOrigin: false })).toBeDefined();
  });
});

describe('form token', () => {
  const html = {
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<form method="post" action="/a"><button></button></form><form method="get"></form>',
  };

  it('sets a token cookie and puts the same value in every post form, and only post forms', async () => {
    // Prepare
    const middleware = formToken();
    const request = { event: event({}, 'GET'), internal: {}, response: html } as Record<string, unknown>;

    // Act
    await run(middleware.before, request);
    await run(middleware.after, request);

    // Assess
    const response = request.response as { body: string; cookies: string[] };
    const token = /^__Host-fd_form_token=([^;]+); Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/.exec(
      response.cookies[0]!,
    )![1];
    expect(response.body).toBe(
      `<form method="post" action="/a"><input type="hidden" name="csrfToken" value="${token}"><button></button></form><form method="get"></form>`,
    );
  });

  it('refuses a post without the token, with a wrong one, or without the cookie', async () => {
    for (const [body, cookies] of [
      ['a=1', ['__Host-fd_form_token=abc']],
      ['csrfToken=abd', ['__Host-fd_form_token=abc']],
      ['csrfToken=abc', undefined],
    ] as const) {
      const result = (await run(formToken().before, {
        event: event({}, 'POST', body, cookies as string[] | undefined),
        internal: {},
      })) as { statusCode: number } | undefined;
      expect([body, result?.statusCode]).toEqual([body, 403]);
    }
  });

  it('accepts a post whose token matches its cookie', async () => {
    expect(
      await run(formToken().before, {
        event: event({}, 'POST', 'csrfToken=abc&a=1', ['__Host-fd_form_token=abc']),
        internal: {},
      }),
    ).toBeUndefined();
  });
});

describe('security headers', () => {
  it('adds HSTS and nosniff to every answer, JSON included', async () => {
    const request = {
      response: { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{}' },
    } as Record<string, unknown>;
    await run(securityHeaders().after, request);
    expect((request.response as { headers: Record<string, string> }).headers).toMatchObject({
      'strict-transport-security': expect.stringMatching(/^max-age=\d{8,}; includeSubDomains$/),
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('cookies', () => {
  it('are __Host- and Secure everywhere but plain-HTTP loopback', () => {
    for (const host of [
      'front-door.example.gov.uk',
      'abc123.execute-api.eu-west-2.amazonaws.com',
      '127.0.0.1.nip.io:3000',
    ]) {
      expect([host, secureCookies({ headers: { host } }), cookieName('fd_session', { headers: { host } })]).toEqual([
        host,
        true,
        '__Host-fd_session',
      ]);
      expect(setCookie({ headers: { host } }, 'fd_session', 'x', 60)).toBe(
        '__Host-fd_session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure',
      );
    }
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']) {
      expect([host, setCookie({ headers: { host } }, 'fd_session', 'x', 60)]).toEqual([
        host,
        'fd_session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
      ]);
    }
  });
});
