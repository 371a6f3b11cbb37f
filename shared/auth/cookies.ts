/**
 * Cookies that carry a session or a form token. Outside plain-HTTP loopback (the local system)
 * they are `Secure` and named with the `__Host-` prefix, which browsers accept only from HTTPS,
 * for the whole site and never from a subdomain: no other site under the same domain can set or
 * overwrite them ("cookie tossing"). Browsers refuse `__Host-` cookies over plain HTTP, so the
 * local system uses the bare name.
 */
const PLAIN_LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?$/i;

export interface CookieRequest {
  headers?: Record<string, string | undefined>;
  cookies?: string[];
}

/** True everywhere but on the local system's own loopback address. */
export const secureCookies = (request: CookieRequest): boolean =>
  !PLAIN_LOOPBACK_HOST.test(request.headers?.host ?? '');

export const cookieName = (base: string, request: CookieRequest): string =>
  secureCookies(request) ? `__Host-${base}` : base;

/** The value of a cookie, from API Gateway's cookie list or a plain Cookie header. */
export const readCookie = (request: CookieRequest, name: string): string | undefined => {
  const all = request.cookies ?? request.headers?.cookie?.split(';') ?? [];
  for (const pair of all) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
};

export const setCookie = (request: CookieRequest, base: string, value: string, maxAgeSeconds: number): string =>
  `${cookieName(base, request)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secureCookies(request) ? '; Secure' : ''}`;
