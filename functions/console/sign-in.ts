import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_USERS, localUser } from '../../shared/auth/local-users';
import {
  attemptCookieValue,
  authorizeUrl,
  logoutUrl,
  newSignInAttempt,
  readAttemptCookie,
  tokenRequest,
  type HostedUi,
} from '../../shared/auth/oauth';
import { ROLES } from '../../shared/auth/roles';
import { safeReturnPath } from '../../shared/auth/return-to';
import { readCookie } from '../../shared/auth/cookies';
import { authSettings, type AuthSettings } from '../../shared/config';
import { clearedSessionCookie, currentSession, localSessionToken, sessionCookie } from '../../shared/auth/session';
import { revokedSessions } from '../lib/dependencies';
import { formHandler } from '../lib/form-handler';
import { formFields, page, redirect } from '../lib/pages';
import { logger } from '../lib/observability';
import { message } from './lib';

type Cognito = Extract<AuthSettings, { CONSOLE_AUTH: 'cognito' }>;
const ATTEMPT_COOKIE = 'fd_oauth_attempt';

const origin = (event: APIGatewayProxyEventV2) => `https://${event.headers?.host}`;
const callbackUrl = (event: APIGatewayProxyEventV2) => `${origin(event)}/console/auth/callback`;
const hostedUi = (settings: Cognito): HostedUi => ({
  domain: settings.COGNITO_DOMAIN,
  clientId: settings.COGNITO_CLIENT_ID,
});

const localSignInPage = (returnTo: string | undefined, errors?: { text: string; href: string }[]) =>
  page(
    'console/sign-in.njk',
    {
      navigation: [{ href: '/console', text: 'Triage console', active: true }],
      errors,
      returnTo,
      users: LOCAL_USERS.map((u) => ({
        value: u.id,
        text: u.name,
        hint: { text: u.roles.map((r) => ROLES[r]).join(', ') },
      })),
    },
    errors ? 400 : 200,
  );

/** Cognito's hosted UI signs the user in and returns a code; the code (with its PKCE verifier) buys an ID token. */
const exchangeCode = async (
  code: string,
  verifier: string,
  event: APIGatewayProxyEventV2,
  settings: Cognito,
): Promise<string | undefined> => {
  const request = tokenRequest(hostedUi(settings), code, verifier, callbackUrl(event));
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: request.body,
  });
  if (!response.ok) return undefined;
  return ((await response.json()) as { id_token?: string }).id_token;
};

/**
 * GET/POST /console/sign-in, GET /console/auth/callback, POST /console/sign-out. Locally a
 * choice of seeded synthetic users; on AWS the Cognito hosted UI. Which one is decided by the
 * stack, which only gives local sign-in to the local stage.
 */
export const handler = formHandler(
  async (event: APIGatewayProxyEventV2) => {
    const settings = authSettings();
    const route = `${event.requestContext.http.method} ${event.rawPath}`;
    if (route === 'POST /console/sign-out') {
      // Clearing the cookie is not enough: a copy of the token (a shared computer, a proxy log)
      // would still work until it expired. The session is revoked where every console route checks.
      const session = await currentSession(event, settings, new Date(), revokedSessions());
      if (session) await revokedSessions().revoke(session.sessionId, session.expiresAt);
      const next =
        settings.CONSOLE_AUTH === 'cognito'
          ? logoutUrl(hostedUi(settings), `${origin(event)}/console/sign-in`)
          : '/console/sign-in';
      return redirect(next, [clearedSessionCookie(event)]);
    }

    // The page the user asked for before being sent to sign in, if it is a console page (return-to.ts).
    const askedFor = safeReturnPath(event.queryStringParameters?.returnTo);
    if (settings.CONSOLE_AUTH === 'local') {
      if (route === 'GET /console/sign-in') return localSignInPage(askedFor);
      if (route === 'POST /console/sign-in') {
        const fields = formFields(event);
        const returnTo = safeReturnPath(fields.returnTo);
        const user = localUser(fields.user ?? '');
        if (!user) return localSignInPage(returnTo, [{ text: 'Choose who to sign in as', href: '#user' }]);
        logger.info('Local sign-in', { role: user.roles[0] });
        return redirect(returnTo ?? '/console', [
          sessionCookie(event, localSessionToken(user.id, settings.CONSOLE_SESSION_SECRET, new Date())),
        ]);
      }
      return message(404, 'Page not found', 'Local sign-in has no such page.');
    }

    if (route === 'GET /console/sign-in') {
      const attempt = { ...newSignInAttempt(), ...(askedFor && { returnTo: askedFor }) };
      return redirect(authorizeUrl(hostedUi(settings), attempt, callbackUrl(event)), [
        `${ATTEMPT_COOKIE}=${attemptCookieValue(attempt)}; Path=/console/auth; HttpOnly; Secure; SameSite=Lax; Max-Age=600`,
      ]);
    }
    if (route === 'GET /console/auth/callback') {
      const { code, state } = event.queryStringParameters ?? {};
      const attempt = readAttemptCookie(readCookie(event, ATTEMPT_COOKIE));
      if (!code || !state || !attempt || state !== attempt.state)
        return message(400, 'Sign in again', 'The sign-in could not be checked. Sign in again.');
      const token = await exchangeCode(code, attempt.verifier, event, settings);
      if (!token) return message(401, 'Sign in again', 'The sign-in could not be completed. Sign in again.');
      return redirect(attempt.returnTo ?? '/console', [sessionCookie(event, token)]);
    }
    return message(404, 'Page not found', 'There is no such sign-in page.');
  },
  { forms: 'signed-in' },
);
