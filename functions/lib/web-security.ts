import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { cookieName, readCookie, setCookie } from '../../shared/auth/cookies';
import { renderPage } from '../../shared/web/render';
import { SECURITY_HEADERS, type WebMiddleware } from './security-headers';

/**
 * The web handlers' form checks (middy middlewares): the origin checks and a per-browser form
 * token. They are plain objects, so they can be tested without middy itself.
 */
type Result = APIGatewayProxyStructuredResultV2;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isSafe = (event: APIGatewayProxyEventV2) => SAFE_METHODS.has(event.requestContext.http.method.toUpperCase());

export const refused = (message: string): Result => ({
  statusCode: 403,
  // Returned before the handler runs, so no later middleware adds the headers: they are here.
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body: renderPage('refused.njk', { message }),
});

/**
 * Why a form post must be refused as coming from another site, or undefined when it may go on.
 * `Sec-Fetch-Site` (sent by every current browser) names a cross-site request outright. An
 * `Origin` must be this site: `null` (a sandboxed frame, a redirect chain, a `data:` page) and
 * text that is not a URL are refused, not passed over. Where a session is at stake the Origin
 * must be present at all; browsers always send one with a form post.
 */
export const crossSiteReason = (
  event: APIGatewayProxyEventV2,
  options: { requireOrigin: boolean },
): string | undefined => {
  const site = event.headers?.['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return 'This form was sent from another site.';
  const origin = event.headers?.origin;
  if (origin === undefined) return options.requireOrigin ? 'This form was sent without saying where from.' : undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return 'This form was sent from a page that is not a web address.';
  }
  return origin === 'null' || host !== event.headers?.host ? 'This form was sent from another site.' : undefined;
};

export const sameOrigin = (options: { requireOrigin: boolean }): WebMiddleware => ({
  before: async (request) => {
    const reason = isSafe(request.event) ? undefined : crossSiteReason(request.event, options);
    return reason ? refused(reason) : undefined;
  },
});

/** The field every post form carries, and its cookie. */
export const FORM_TOKEN_FIELD = 'csrfToken';
export const FORM_TOKEN_COOKIE = 'fd_form_token';
const FORM_TOKEN_DAYS = 7;

const bodyText = (event: APIGatewayProxyEventV2) =>
  event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const POST_FORM = /<form\b[^>]*\bmethod="post"[^>]*>/gi;

/**
 * A random token per browser, in an HttpOnly `__Host-` cookie and in a hidden field of every
 * post form on every page we render; a post is accepted only when the two agree. Another site
 * can make the browser send the cookie, but can neither read it nor set it, so it cannot put the
 * matching value in the form. The field is added to the rendered HTML here, in one place, so no
 * form (sign-out and reconsideration included) can be written without it.
 */
export const formToken = (): WebMiddleware => ({
  before: async (request) => {
    const event = request.event;
    const cookie = readCookie(event, cookieName(FORM_TOKEN_COOKIE, event));
    (request.internal as Record<string, unknown>).formToken = cookie;
    if (isSafe(event)) return undefined;
    const given = new URLSearchParams(bodyText(event)).get(FORM_TOKEN_FIELD) ?? '';
    return cookie && equal(cookie, given)
      ? undefined
      : refused('This form has expired or was not sent from this service.');
  },
  after: async (request) => {
    const response = request.response;
    if (!response) return;
    let token = (request.internal as Record<string, unknown>).formToken as string | undefined;
    const cookies = [...(response.cookies ?? [])];
    if (!token) {
      token = randomBytes(32).toString('base64url');
      cookies.push(setCookie(request.event, FORM_TOKEN_COOKIE, token, FORM_TOKEN_DAYS * 24 * 3600));
    }
    const isPage = String(response.headers?.['content-type'] ?? '').startsWith('text/html');
    const body =
      isPage && response.body
        ? response.body.replace(
            POST_FORM,
            (tag) => `${tag}<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}">`,
          )
        : response.body;
    request.response = { ...response, body, cookies };
  },
});
