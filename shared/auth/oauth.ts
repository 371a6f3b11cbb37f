import { createHash, randomBytes } from 'node:crypto';
import { safeReturnPath } from './return-to';

/**
 * The OAuth 2.0 authorisation-code flow with Cognito's hosted UI, as pure URL and value
 * building. PKCE (RFC 7636) binds the code to the browser that asked for it, so a code
 * intercepted on its way back cannot be exchanged by anyone else.
 */
export interface HostedUi {
  domain: string;
  clientId: string;
}

export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** A fresh state (against cross-site requests) and PKCE verifier for one sign-in. */
export const newSignInAttempt = () => ({
  state: randomBytes(16).toString('base64url'),
  verifier: randomBytes(32).toString('base64url'),
});

export const authorizeUrl = (ui: HostedUi, attempt: { state: string; verifier: string }, redirectUri: string): string =>
  `${ui.domain}/oauth2/authorize?${new URLSearchParams({
    client_id: ui.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    state: attempt.state,
    code_challenge: pkceChallenge(attempt.verifier),
    code_challenge_method: 'S256',
  })}`;

export const tokenRequest = (ui: HostedUi, code: string, verifier: string, redirectUri: string) => ({
  url: `${ui.domain}/oauth2/token`,
  body: new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: ui.clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  }),
});

/** Signing out of the console also ends the hosted UI's session, or the next sign-in would be silent. */
export const logoutUrl = (ui: HostedUi, logoutUri: string): string =>
  `${ui.domain}/logout?${new URLSearchParams({ client_id: ui.clientId, logout_uri: logoutUri })}`;

/** One sign-in: its state, its PKCE verifier, and the console page to return to afterwards. */
export interface SignInAttempt {
  state: string;
  verifier: string;
  returnTo?: string;
}

/**
 * The sign-in attempt travels in one short-lived HttpOnly cookie, `<state>.<verifier>` and, when
 * the user asked for a page, `.<that page, base64url>`: kept out of the hosted UI's URLs and
 * logs, and checked again on the way back, as if it had never been checked.
 */
export const attemptCookieValue = (attempt: SignInAttempt): string =>
  [
    attempt.state,
    attempt.verifier,
    ...(attempt.returnTo ? [Buffer.from(attempt.returnTo).toString('base64url')] : []),
  ].join('.');
export const readAttemptCookie = (value: string | undefined): SignInAttempt | undefined => {
  const [state, verifier, returnTo, ...rest] = (value ?? '').split('.');
  if (!state || !verifier || rest.length > 0) return undefined;
  const page = returnTo === undefined ? undefined : safeReturnPath(Buffer.from(returnTo, 'base64url').toString('utf8'));
  return { state, verifier, ...(page && { returnTo: page }) };
};
