import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readCookie, cookieName, setCookie } from '../../shared/auth/cookies';
import { redirect } from '../lib/pages';
import type { ContactPageState } from '../../shared/console/contact-view';

/**
 * Post/redirect/get for the console's actions (GOV.UK: a page's address must survive a reload):
 * a refused or invalid action redirects back to the contact, and what its page must say (the
 * errors, the words typed, a conflict) rides in a short-lived cookie the contact page reads once.
 * HttpOnly, for the whole site as `__Host-` cookies must be, and tied to the one contact.
 */
const FLASH = 'console-flash';
const FLASH_SECONDS = 120;
/** Browsers keep about 4 KB a cookie; past that the page is shown at once instead of redirecting. */
const MAX_COOKIE = 3800;

interface Flash {
  contactId: string;
  state: ContactPageState;
}

export const redirectWithState = (
  event: APIGatewayProxyEventV2,
  contactId: string,
  state: ContactPageState,
  fallback: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const value = Buffer.from(JSON.stringify({ contactId, state } satisfies Flash)).toString('base64url');
  const cookie = setCookie(event, FLASH, value, FLASH_SECONDS);
  if (cookie.length > MAX_COOKIE) return fallback();
  return Promise.resolve(redirect(`/console/contacts/${contactId}`, [cookie]));
};

/** What a redirected action left for this contact's page, and the cookie that clears it. */
export const takeState = (
  event: APIGatewayProxyEventV2,
  contactId: string,
): { state?: ContactPageState; clear?: string } => {
  const value = readCookie(event, cookieName(FLASH, event));
  if (!value) return {};
  const clear = setCookie(event, FLASH, '', 0);
  try {
    const flash = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Flash;
    if (flash.contactId !== contactId) return { clear };
    const { errors, kept, conflict } = flash.state;
    // Only the shapes the console wrote: anything else in the cookie is ignored.
    return {
      clear,
      state: {
        errors: Array.isArray(errors)
          ? errors
              .filter((e) => typeof e?.text === 'string' && typeof e?.href === 'string')
              .map(({ text, href }) => ({ text, href }))
          : undefined,
        kept:
          kept && typeof kept.action === 'string' && typeof kept.values === 'object'
            ? {
                action: kept.action,
                values: Object.fromEntries(Object.entries(kept.values ?? {}).filter(([, v]) => typeof v === 'string')),
              }
            : undefined,
        conflict: typeof conflict === 'string' ? conflict : undefined,
      },
    };
  } catch {
    return { clear };
  }
};
