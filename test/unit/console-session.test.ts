import { authSettings } from '../../shared/config';
import { clearedSessionCookie, currentSession, localSessionToken, sessionCookie } from '../../shared/auth/session';
import { actingRole, can, rolesFromGroups } from '../../shared/auth/roles';
import { memoryRevokedSessions } from '../support/memory-revoked-sessions';
import { formPageOf, sessionEndedView } from '../../shared/console/session-ended';

/**
 * The triage console's sessions: a session is refused when it is missing, forged, expired or
 * signed out, and a signed-out session is refused at once, not when its signature would expire
 * (a token copied from a shared computer must not outlive the sign-out). Users are the seeded
 * synthetic local users.
 */
const secret = 'a-local-secret-of-at-least-32-characters';
const settings = authSettings({ CONSOLE_AUTH: 'local', CONSOLE_SESSION_SECRET: secret });
const signedInAt = new Date('2026-11-20T09:00:00Z');
const local = { host: '127.0.0.1:3000' };

const withCookie = (token: string) => ({ headers: { ...local, cookie: `theme=dark; fd_session=${token}` } });
const hoursAfter = (hours: number) => new Date(signedInAt.getTime() + hours * 3600_000);

describe('a local console session', () => {
  it('names the signed-in user, their roles and when the session ends, eight hours on', async () => {
    // Prepare
    const token = localSessionToken('morgan.ellis', secret, signedInAt);
    // Act
    const session = await currentSession(withCookie(token), settings, hoursAfter(1), memoryRevokedSessions());
    // Assess
    expect(session).toMatchObject({
      user: { id: 'morgan.ellis', name: 'Morgan Ellis', roles: ['manager'] },
      expiresAt: hoursAfter(8),
    });
    expect(session!.sessionId).toMatch(/^[\w-]{16,}$/);
  });

  it('gives every sign-in its own session id, so that signing out ends that sign-in only', async () => {
    const first = await currentSession(
      withCookie(localSessionToken('sam.okafor', secret, signedInAt)),
      settings,
      signedInAt,
      memoryRevokedSessions(),
    );
    const second = await currentSession(
      withCookie(localSessionToken('sam.okafor', secret, signedInAt)),
      settings,
      signedInAt,
      memoryRevokedSessions(),
    );
    expect(first!.sessionId).not.toBe(second!.sessionId);
  });

  it('is refused at once after signing out, though its signature has hours to run', async () => {
    const token = localSessionToken('sam.okafor', secret, signedInAt);
    const revoked = memoryRevokedSessions();
    const session = await currentSession(withCookie(token), settings, signedInAt, revoked);

    await revoked.revoke(session!.sessionId, session!.expiresAt);

    expect(await currentSession(withCookie(token), settings, hoursAfter(1), revoked)).toBeUndefined();
  });

  it('is refused once its eight hours are over', async () => {
    const token = localSessionToken('sam.okafor', secret, signedInAt);

    expect(await currentSession(withCookie(token), settings, hoursAfter(8), memoryRevokedSessions())).toBeUndefined();
  });

  it('is refused when someone rewrites it to be another user, or signs it with another secret', async () => {
    const [, signature] = localSessionToken('sam.okafor', secret, signedInAt).split('.');
    const asManager = Buffer.from(
      JSON.stringify({ sub: 'morgan.ellis', sid: 'forged', exp: hoursAfter(8).getTime() }),
    ).toString('base64url');
    const otherSecret = localSessionToken('morgan.ellis', 'another-secret-of-at-least-32-characters', signedInAt);

    for (const token of [`${asManager}.${signature}`, otherSecret, 'not-a-token'])
      expect(await currentSession(withCookie(token), settings, signedInAt, memoryRevokedSessions())).toBeUndefined();
  });

  it('is refused for someone who is not one of the seeded users', async () => {
    const token = localSessionToken('somebody.else', secret, signedInAt);

    expect(await currentSession(withCookie(token), settings, signedInAt, memoryRevokedSessions())).toBeUndefined();
  });

  it('is missing when the request has no session cookie', async () => {
    expect(await currentSession({ headers: local }, settings, signedInAt, memoryRevokedSessions())).toBeUndefined();
  });

  it('is read from the __Host- cookie outside loopback, where the cookie is Secure', async () => {
    const token = localSessionToken('priya.shah', secret, signedInAt);
    const onTheInternet = { headers: { host: 'front-door.example.gov.uk' }, cookies: [`__Host-fd_session=${token}`] };

    const session = await currentSession(onTheInternet, settings, signedInAt, memoryRevokedSessions());

    expect(session?.user.id).toBe('priya.shah');
    expect(sessionCookie(onTheInternet, token)).toBe(
      `__Host-fd_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure`,
    );
    expect(clearedSessionCookie(onTheInternet)).toBe(
      '__Host-fd_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });
});

describe('a Cognito console session', () => {
  const cognito = authSettings({
    CONSOLE_AUTH: 'cognito',
    COGNITO_USER_POOL_ID: 'eu-west-2_Example1',
    COGNITO_CLIENT_ID: 'example-client',
    COGNITO_DOMAIN: 'https://front-door.auth.eu-west-2.amazoncognito.com',
    PARTNER_AGENCIES: JSON.stringify([
      { id: 'police', name: 'Police' },
      { id: 'health', name: 'Health' },
    ]),
  });

  it("reads the stage's partner agencies from the settings", () => {
    expect(cognito).toMatchObject({ CONSOLE_AUTH: 'cognito', PARTNER_AGENCIES: ['police', 'health'] });
  });

  it('is refused when the cookie holds something that is not an ID token', async () => {
    expect(
      await currentSession(withCookie('not.a-jwt.at-all'), cognito, signedInAt, memoryRevokedSessions()),
    ).toBeUndefined();
  });
});

describe('the console settings', () => {
  it('name every setting that is missing or wrong, and none of their values', () => {
    const secret = 'short-secret-value';
    expect(() => authSettings({ CONSOLE_AUTH: 'local', CONSOLE_SESSION_SECRET: secret })).toThrow(
      /^The triage console is misconfigured: CONSOLE_SESSION_SECRET: Too small/,
    );
    expect(() => authSettings({ CONSOLE_AUTH: 'local', CONSOLE_SESSION_SECRET: secret })).not.toThrow(secret);
    expect(() => authSettings({ CONSOLE_AUTH: 'cognito', COGNITO_DOMAIN: 'not a url' })).toThrow(
      'The triage console is misconfigured: COGNITO_USER_POOL_ID is not set; COGNITO_CLIENT_ID is not set; COGNITO_DOMAIN: Invalid URL',
    );
    expect(() => authSettings({})).toThrow('The triage console is misconfigured: CONSOLE_AUTH is not set');
  });
});

describe("a Cognito user's roles", () => {
  const agencies = ['police', 'health'];

  it("makes a member of an agency's group a partner of that agency, and ignores groups that are not roles", () => {
    expect(rolesFromGroups(['police', 'staff-social-club'], agencies)).toEqual(['partner']);
    expect(rolesFromGroups(['worker', 'manager'], agencies)).toEqual(['worker', 'manager']);
  });

  it("never makes someone a partner from a group called 'partner', which names no agency", () => {
    expect(rolesFromGroups(['partner'], agencies)).toEqual([]);
    expect(rolesFromGroups(undefined, agencies)).toEqual([]);
  });

  it('acts in the most senior role a user holds, for the audit trail', () => {
    expect(actingRole({ id: 'x', name: 'X', roles: ['worker', 'manager'] })).toBe('manager');
    expect(actingRole({ id: 'x', name: 'X', roles: ['performance', 'partner'] })).toBe('partner');
  });

  it('gives administrators no access to children’s records', () => {
    const admin = { id: 'jo.reid', name: 'Jo Reid', roles: ['admin' as const] };
    expect(['view', 'act', 'manage', 'allegations', 'partner', 'receive'].some((p) => can(admin, p as never))).toBe(
      false,
    );
  });
});

describe('a console form posted after the session ended', () => {
  const host = 'front-door.example.gov.uk';
  const contact = '/console/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a';

  it("gives back what was typed, in the form's words, and signs in again to the page the form was on", () => {
    // Prepare: a manager's sign-off comment of two lines, with the form's hidden fields.
    const posted = new URLSearchParams({
      csrfToken: 'token',
      version: '7',
      signOff: 'return',
      comment: 'Please speak to the school first.\nThen decide again.',
    });
    // Act
    const view = sessionEndedView({ path: `${contact}/sign-off`, referer: `https://${host}${contact}`, host }, posted);
    // Assess
    expect(view).toEqual({
      signInHref: `/console/sign-in?returnTo=${encodeURIComponent(contact)}`,
      typed: [{ label: 'Comment', lines: ['Please speak to the school first.', 'Then decide again.'] }],
    });
  });

  it("names each child's rationale on the decide page, and leaves out what was not typed", () => {
    const posted = new URLSearchParams([
      ['rationale-0', 'Several level 3 needs; the family agrees to early help.'],
      ['overrideReason-0', '  '],
      ['rationale-1', ''],
      ['route-0', 'early-help-targeted'],
    ]);

    const view = sessionEndedView({ path: `${contact}/decide`, host }, posted);

    expect(view.typed).toEqual([
      { label: 'Rationale', lines: ['Several level 3 needs; the family agrees to early help.'] },
    ]);
    expect(view.signInHref).toBe(`/console/sign-in?returnTo=${encodeURIComponent(`${contact}/decide`)}`);
  });

  it("returns to the page of the address posted to when the Referer is missing or another site's", () => {
    expect(formPageOf(`${contact}/claim`, undefined, host)).toBe(contact);
    expect(formPageOf(`${contact}/claim`, 'https://evil.example/console/phone', host)).toBe(contact);
    expect(formPageOf(`${contact}/claim`, 'not a url', host)).toBe(contact);
    expect(formPageOf('/console/phone', undefined, host)).toBe('/console/phone');
    expect(formPageOf('/console/partner/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a/answer', undefined, host)).toBe(
      '/console/partner/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a',
    );
    expect(formPageOf('/console/meetings', `https://${host}/console/meetings?date=2026-12-01`, host)).toBe(
      '/console/meetings?date=2026-12-01',
    );
  });
});
