import { useLocalSystem } from '../support/local-system';
import { formTokenCookie, get, post, signIn, submitAndTriage } from './helpers';

/**
 * Cross-site requests, headers and sessions against the local system, as a browser (or an
 * attacker's page in one) would send them.
 */
describe('web security of the pages and the API', () => {
  const local = useLocalSystem();
  let contactId: string;
  let worker: string;
  beforeAll(async () => {
    worker = await signIn(local.system, 'sam.okafor');
    contactId = await submitAndTriage(local.system, 'school-neglect');
  }, 120_000);

  const api = () => local.system.endpoints.api;
  const rawPost = (path: string, headers: Record<string, string>, fields: Record<string, string> = {}) =>
    fetch(`${api()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const withToken = async (cookie?: string) => {
    const token = await formTokenCookie(local.system);
    return { cookie: [cookie, token].filter(Boolean).join('; '), csrfToken: token.split('=')[1]! };
  };

  it.each([
    ['Origin: null', { origin: 'null' }],
    ['no Origin', {}],
    ['Origin: not a url', { origin: 'not a url' }],
    ['another site', { origin: 'https://attacker.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a console post with %s, with a page saying why', async (_what, headers) => {
    // Prepare: a real session and a valid form token, so only the origin is wrong.
    const { cookie, csrfToken } = await withToken(worker);
    // Only the Sec-Fetch-Site case keeps this site's Origin: it is refused on that header alone.
    const sent: Record<string, string> = 'sec-fetch-site' in headers ? { origin: api(), ...headers } : { ...headers };

    // Act
    const response = await rawPost(
      `/console/contacts/${contactId}/claim`,
      { ...sent, cookie },
      { version: '0', csrfToken },
    );

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('Request refused');
  });

  it('refuses a console post from this site without its form token, or with another', async () => {
    const { cookie } = await withToken(worker);
    for (const fields of [{ version: '0' }, { version: '0', csrfToken: 'guessed' }] as Record<string, string>[]) {
      expect((await rawPost(`/console/contacts/${contactId}/claim`, { origin: api(), cookie }, fields)).status).toBe(
        403,
      );
    }
  });

  it('puts the form token in every post form, sign-out included', async () => {
    const { csrfToken } = await withToken();
    const page = await (
      await get(
        local.system,
        `/console/contacts/${contactId}`,
        [worker, await formTokenCookie(local.system)].join('; '),
      )
    ).text();
    const forms = page.match(/<form\b[^>]*method="post"[^>]*>/g) ?? [];
    expect(forms.length).toBeGreaterThan(3);
    expect(page.match(new RegExp(`name="csrfToken" value="${csrfToken}"`, 'g'))).toHaveLength(forms.length);
    expect(page).toMatch(/action="\/console\/sign-out"[^>]*><input type="hidden" name="csrfToken"/);
  });

  it('refuses a referrer form post without its token and stores no draft', async () => {
    const response = await rawPost('/notify/immediate-danger', { origin: api() }, { immediateDanger: 'no' });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('front-door-draft='))).toBe(false);
  });

  it('refuses a reconsideration request without its token', async () => {
    const response = await rawPost(
      `/status/${contactId}/reconsider`,
      { origin: api() },
      { reason: 'Please look again at this.' },
    );
    expect(response.status).toBe(403);
  });

  it('refuses a sign-out without its token, so another site cannot sign a worker out', async () => {
    const session = await signIn(local.system, 'priya.shah');
    expect((await rawPost('/console/sign-out', { origin: 'https://attacker.example', cookie: session })).status).toBe(
      403,
    );
    expect((await get(local.system, '/console', session)).status).toBe(200);
  });

  it('revokes the session at sign-out: a copy of the cookie no longer works', async () => {
    // Prepare
    const session = await signIn(local.system, 'priya.shah');
    expect((await get(local.system, '/console', session)).status).toBe(200);

    // Act
    const signedOut = await post(local.system, '/console/sign-out', {}, session);

    // Assess
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^fd_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/),
    );
    const replayed = await get(local.system, '/console', session);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/console/sign-in');
  });

  it('sets the session cookie HttpOnly and SameSite, and not Secure only on plain-HTTP loopback', async () => {
    const response = await post(local.system, '/console/sign-in', { user: 'sam.okafor' });
    expect(response.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^fd_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/),
    );
  });

  it('sends HSTS on every answer and nosniff on JSON', async () => {
    const answers = [
      await fetch(`${api()}/api/status/guessed-token-that-opens-nothing`),
      await fetch(`${api()}/api/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await get(local.system, '/console'),
      await get(local.system, '/notify'),
    ];
    for (const response of answers) {
      expect([response.url, response.headers.get('strict-transport-security')]).toEqual([
        response.url,
        expect.stringMatching(/^max-age=\d+; includeSubDomains$/),
      ]);
      expect([response.url, response.headers.get('x-content-type-options')]).toEqual([response.url, 'nosniff']);
    }
  });
});
