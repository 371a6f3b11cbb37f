import { createHmac, timingSafeEqual } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { z } from 'zod';
import { localUser } from './local-users';
import { rolesFromGroups, type StaffUser } from './roles';

/**
 * Sessions for the triage console. On AWS the cookie carries the Cognito ID token, verified on
 * every request; locally it carries a seeded user's id, signed with a secret only the local
 * stage's functions have.
 */
export const SESSION_COOKIE = 'fd_session';
const SESSION_HOURS = 8;

export const AuthSettingsSchema = z.discriminatedUnion('CONSOLE_AUTH', [
  z.object({ CONSOLE_AUTH: z.literal('local'), CONSOLE_SESSION_SECRET: z.string().min(32) }),
  z.object({
    CONSOLE_AUTH: z.literal('cognito'),
    COGNITO_USER_POOL_ID: z.string().min(1),
    COGNITO_CLIENT_ID: z.string().min(1),
    /** The hosted UI, e.g. https://front-door.auth.eu-west-2.amazoncognito.com */
    COGNITO_DOMAIN: z.url(),
  }),
]);
export type AuthSettings = z.output<typeof AuthSettingsSchema>;

export const authSettings = (env: NodeJS.ProcessEnv = process.env): AuthSettings => {
  const parsed = AuthSettingsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`The triage console is misconfigured: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
};

export const cookieValue = (cookies: string[] | undefined, name: string): string | undefined =>
  cookies?.map((c) => c.split('=')).find(([k]) => k === name)?.slice(1).join('=');

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A signed local session for one of the seeded users. */
export const localSessionToken = (userId: string, secret: string, now: Date): string => {
  const payload = Buffer.from(JSON.stringify({ sub: userId, exp: now.getTime() + SESSION_HOURS * 3600_000 })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
};

const readLocalSession = (token: string, secret: string, now: Date): StaffUser | undefined => {
  const [payload = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const { sub, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; exp: number };
  return exp > now.getTime() ? localUser(sub) : undefined;
};

let verifier: ReturnType<typeof CognitoJwtVerifier.create<{ userPoolId: string; clientId: string; tokenUse: 'id' }>> | undefined;

const readCognitoSession = async (token: string, settings: Extract<AuthSettings, { CONSOLE_AUTH: 'cognito' }>): Promise<StaffUser | undefined> => {
  verifier ??= CognitoJwtVerifier.create({ userPoolId: settings.COGNITO_USER_POOL_ID, clientId: settings.COGNITO_CLIENT_ID, tokenUse: 'id' });
  try {
    const claims = await verifier.verify(token);
    const id = String(claims['cognito:username'] ?? claims.sub);
    return { id, name: String(claims.name ?? claims.email ?? id), roles: rolesFromGroups(claims['cognito:groups']) };
  } catch {
    return undefined;
  }
};

/** The signed-in user, or undefined when the session is missing, forged or expired. */
export const sessionUser = async (cookies: string[] | undefined, settings: AuthSettings, now: Date): Promise<StaffUser | undefined> => {
  const token = cookieValue(cookies, SESSION_COOKIE);
  if (!token) return undefined;
  return settings.CONSOLE_AUTH === 'local' ? readLocalSession(token, settings.CONSOLE_SESSION_SECRET, now) : readCognitoSession(token, settings);
};

/** HttpOnly so scripts never see it; SameSite=Lax so other sites cannot post forms as the user. */
export const sessionCookie = (token: string, settings: AuthSettings): string =>
  `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_HOURS * 3600}${settings.CONSOLE_AUTH === 'cognito' ? '; Secure' : ''}`;

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
