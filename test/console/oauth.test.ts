import {
  attemptCookieValue,
  authorizeUrl,
  logoutUrl,
  newSignInAttempt,
  pkceChallenge,
  readAttemptCookie,
  tokenRequest,
} from '../../shared/auth/oauth';
import { safeReturnPath, signInPath } from '../../shared/auth/return-to';

const ui = { domain: 'https://front-door-prod.auth.eu-west-2.amazoncognito.com', clientId: 'client123' };

describe('Cognito hosted UI sign-in with PKCE', () => {
  it('derives the S256 challenge as RFC 7636 does', () => {
    // The RFC's own example (appendix B).
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('asks for a code bound to the challenge and the state', () => {
    const attempt = { state: 's1', verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' };
    const url = new URL(authorizeUrl(ui, attempt, 'https://console.example/console/auth/callback'));
    expect(url.origin + url.pathname).toBe(`${ui.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client123',
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: 'https://console.example/console/auth/callback',
      state: 's1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code with its verifier', () => {
    const request = tokenRequest(ui, 'the-code', 'the-verifier', 'https://console.example/console/auth/callback');
    expect(request.url).toBe(`${ui.domain}/oauth2/token`);
    expect(Object.fromEntries(request.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'the-code',
      redirect_uri: 'https://console.example/console/auth/callback',
      code_verifier: 'the-verifier',
    });
  });

  it('ends the hosted UI session on sign-out', () => {
    const url = new URL(logoutUrl(ui, 'https://console.example/console/sign-in'));
    expect(url.pathname).toBe('/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client123',
      logout_uri: 'https://console.example/console/sign-in',
    });
  });

  it('keeps each attempt unguessable and reads back only a well-formed cookie', () => {
    const [a, b] = [newSignInAttempt(), newSignInAttempt()];
    expect(a.state).not.toBe(b.state);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readAttemptCookie(attemptCookieValue(a))).toEqual(a);
    for (const bad of [undefined, '', 'only-state', 'a.b.c.d']) expect(readAttemptCookie(bad)).toBeUndefined();
  });

  it('carries the page asked for through the hosted UI in the attempt cookie, checked again on the way back', () => {
    // Prepare
    const attempt = { ...newSignInAttempt(), returnTo: '/console/handovers/01jd5k9w3m8v2r7t6y4x0c1b9a' };
    const tampered = `${attempt.state}.${attempt.verifier}.${Buffer.from('//evil.example').toString('base64url')}`;
    // Act
    const back = readAttemptCookie(attemptCookieValue(attempt));
    // Assess: the page comes back; a page changed to another site is dropped, the sign-in kept.
    expect(back).toEqual(attempt);
    expect(readAttemptCookie(tampered)).toEqual({ state: attempt.state, verifier: attempt.verifier });
  });
});

describe('returning to the page asked for after signing in', () => {
  it('accepts a console page on this site, with its query', () => {
    for (const page of [
      '/console',
      '/console/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a',
      '/console/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a/decide',
      '/console/handovers/01jd5k9w3m8v2r7t6y4x0c1b9a',
      '/console?tab=missing&cursor=abc%3D',
    ])
      expect(safeReturnPath(page)).toBe(page);
  });

  it('refuses anywhere else: other sites however written, other pages of this site, and the sign-in pages', () => {
    for (const page of [
      undefined,
      '',
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      'https://evil.example/console',
      'javascript:alert(1)',
      '/%2f%2fevil.example',
      '/console//evil.example',
      '/console/%2f%2fevil.example',
      '/console/%5cevil.example',
      '/console/../api/contacts',
      '/console/%2e%2e/%2e%2e/evil',
      '/console%2f..%2fapi',
      '/console/contacts/x%0d%0aSet-Cookie:a=b',
      '/console/contacts/x\r\nLocation: https://evil.example',
      '/console/%E0%A4%A',
      '/notify/check',
      '/consoleevil',
      '/console/sign-in?returnTo=/console',
      '/console/auth/callback',
      '/console/sign-out',
      `/console/${'a'.repeat(600)}`,
    ])
      expect([page, safeReturnPath(page)]).toEqual([page, undefined]);
  });

  it('sends to the sign-in page with the page to return to, and plainly when there is none', () => {
    expect(signInPath('/console/contacts/01jd5k9w3m8v2r7t6y4x0c1b9a')).toBe(
      '/console/sign-in?returnTo=%2Fconsole%2Fcontacts%2F01jd5k9w3m8v2r7t6y4x0c1b9a',
    );
    expect(signInPath('/console')).toBe('/console/sign-in');
    expect(signInPath('//evil.example')).toBe('/console/sign-in');
  });
});
