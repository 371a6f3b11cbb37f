import {
  attemptCookieValue,
  authorizeUrl,
  logoutUrl,
  newSignInAttempt,
  pkceChallenge,
  readAttemptCookie,
  tokenRequest,
} from '../../shared/auth/oauth';

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
    for (const bad of [undefined, '', 'only-state', 'a.b.c']) expect(readAttemptCookie(bad)).toBeUndefined();
  });
});
