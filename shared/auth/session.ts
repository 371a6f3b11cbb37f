import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { AuthSettings } from '../config';
import { cookieName, readCookie, setCookie, type CookieRequest } from './cookies';
import { localUser } from './local-users';
import { partnerAgencyOf, rolesFromGroups, type StaffUser } from './roles';

/**
 * Sessions for the triage console. On AWS the cookie carries the Cognito ID token, verified on
 * every request; locally it carries a seeded user's id, signed with a secret only the local
 * stage's functions have. Either way a signed-out session is refused at once, not when its
 * signature expires: a token copied from a shared computer must not outlive the sign-out.
 */
export const SESSION_COOKIE = 'fd_session';
const SESSION_HOURS = 8;

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A signed session, and what sign-out needs to revoke it: its id and when it would have ended. */
export interface Session {
  user: StaffUser;
  sessionId: string;
  expiresAt: Date;
}

/** Sessions ended by signing out, remembered until they would have expired anyway. */
export interface RevokedSessions {
  revoke(sessionId: string, until: Date): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
}

/** A signed local session for one of the seeded users, with its own id so that signing out can revoke it. */
export const localSessionToken = (userId: string, secret: string, now: Date): string => {
  const payload = Buffer.from(
    JSON.stringify({
      sub: userId,
      sid: randomBytes(16).toString('base64url'),
      exp: now.getTime() + SESSION_HOURS * 3600_000,
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
};

const readLocalSession = (token: string, secret: string, now: Date): Session | undefined => {
  const [payload = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const { sub, sid, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub: string;
    sid?: string;
    exp: number;
  };
  const user = localUser(sub);
  return user && sid && exp > now.getTime() ? { user, sessionId: sid, expiresAt: new Date(exp) } : undefined;
};

let verifier:
  | ReturnType<typeof CognitoJwtVerifier.create<{ userPoolId: string; clientId: string; tokenUse: 'id' }>>
  | undefined;

const readCognitoSession = async (
  token: string,
  settings: Extract<AuthSettings, { CONSOLE_AUTH: 'cognito' }>,
): Promise<Session | undefined> => {
  verifier ??= CognitoJwtVerifier.create({
    userPoolId: settings.COGNITO_USER_POOL_ID,
    clientId: settings.COGNITO_CLIENT_ID,
    tokenUse: 'id',
  });
  try {
    const claims = await verifier.verify(token);
    const id = String(claims['cognito:username'] ?? claims.sub);
    // Cognito gives every ID token its own jti: revoking it ends this sign-in, not the user's others.
    const sessionId = String(claims.jti ?? token.split('.')[2]);
    const groups = claims['cognito:groups'];
    const agency = partnerAgencyOf(groups, settings.PARTNER_AGENCIES);
    const user: StaffUser = {
      id,
      name: String(claims.name ?? claims.email ?? id),
      roles: rolesFromGroups(groups, settings.PARTNER_AGENCIES),
      ...(agency && { agency }),
    };
    return { user, sessionId, expiresAt: new Date(claims.exp * 1000) };
  } catch {
    return undefined;
  }
};

/** The session in the request's cookie, or undefined when it is missing, forged, expired or signed out. */
export const currentSession = async (
  request: CookieRequest,
  settings: AuthSettings,
  now: Date,
  revoked: RevokedSessions,
): Promise<Session | undefined> => {
  const token = readCookie(request, cookieName(SESSION_COOKIE, request));
  if (!token) return undefined;
  const session =
    settings.CONSOLE_AUTH === 'local'
      ? readLocalSession(token, settings.CONSOLE_SESSION_SECRET, now)
      : await readCognitoSession(token, settings);
  return session && !(await revoked.isRevoked(session.sessionId)) ? session : undefined;
};

/** HttpOnly so scripts never see it; SameSite=Lax as a second line behind the form token; `__Host-` and Secure outside loopback. */
export const sessionCookie = (request: CookieRequest, token: string): string =>
  setCookie(request, SESSION_COOKIE, token, SESSION_HOURS * 3600);
export const clearedSessionCookie = (request: CookieRequest): string => setCookie(request, SESSION_COOKIE, '', 0);
