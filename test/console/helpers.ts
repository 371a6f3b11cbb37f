import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

/** HTTP helpers for driving the console the way a browser without JavaScript would. */
export const notification = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', 'notifications', `${name}.json`), 'utf8'));

export const submitAndTriage = async (system: RunningLocalSystem, name: string): Promise<string> => {
  const response = await fetch(`${system.endpoints.api}/api/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(notification(name)),
  });
  const { contactId } = (await response.json()) as { contactId: string };
  // Triage ends by recording the acknowledgement, a write after the contact reaches awaiting
  // decision: a version read before it would make the test's next console action a conflict.
  await waitFor(
    async () => {
      const contact = await contactOf(system, contactId);
      return contact.status === 'awaiting-decision' && contact.acknowledgement?.status !== 'pending' ? true : undefined;
    },
    `contact ${contactId} to be triaged and acknowledged`,
    30_000,
  );
  return contactId;
};

type ContactState = { status: string; acknowledgement?: { status: string } };
const contactOf = async (system: RunningLocalSystem, contactId: string): Promise<ContactState> =>
  (await fetch(`${system.endpoints.api}/api/contacts/${contactId}`)).json() as Promise<ContactState>;

export const statusOf = async (system: RunningLocalSystem, contactId: string): Promise<string> =>
  (await contactOf(system, contactId)).status;

/**
 * The form token a browser would hold: the cookie any of the site's pages sets, whose value the
 * pages' post forms carry. One per running system, as if every helper call were the same browser.
 */
const formTokens = new WeakMap<RunningLocalSystem, Promise<string>>();
export const formTokenCookie = (system: RunningLocalSystem): Promise<string> => {
  if (!formTokens.has(system)) {
    formTokens.set(
      system,
      fetch(`${system.endpoints.api}/console/sign-in`, { redirect: 'manual' }).then((response) => {
        const cookie = response.headers.getSetCookie().find((c) => c.startsWith('fd_form_token='));
        if (!cookie) throw new Error('No form token cookie was set');
        return cookie.split(';')[0]!;
      }),
    );
  }
  return formTokens.get(system)!;
};

export const signIn = async (system: RunningLocalSystem, user: string): Promise<string> => {
  const response = await post(system, '/console/sign-in', { user });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('fd_session='));
  if (response.status !== 303 || !cookie) throw new Error(`Sign-in as ${user} failed with ${response.status}`);
  return cookie.split(';')[0]!;
};

export const get = (system: RunningLocalSystem, path: string, cookie?: string) =>
  fetch(`${system.endpoints.api}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

/** A form post as a browser sends it from one of the site's own pages: its origin and its form token. */
export const post = async (
  system: RunningLocalSystem,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
) => {
  const token = await formTokenCookie(system);
  return fetch(`${system.endpoints.api}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: system.endpoints.api,
      'sec-fetch-site': 'same-origin',
      cookie: [cookie, token].filter(Boolean).join('; '),
    },
    body: new URLSearchParams({ ...fields, csrfToken: token.split('=')[1]! }).toString(),
    redirect: 'manual',
  });
};

/** The version a form on the contact page carries, as the user last saw it. */
export const versionOnPage = async (system: RunningLocalSystem, contactId: string, cookie: string): Promise<string> => {
  const html = await (await get(system, `/console/contacts/${contactId}`, cookie)).text();
  return /name="version" value="(\d+)"/.exec(html)![1]!;
};

/**
 * A console action's answer as a person sees it after post/redirect/get: the redirect back to the
 * contact's own address, and the page it leads to, showing what the action left to say (its
 * errors, what was typed, a conflict) from the short-lived cookie it set.
 */
export const followed = async (system: RunningLocalSystem, response: Response, cookie: string) => {
  const flash = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.startsWith('console-flash='));
  const location = response.headers.get('location') ?? '';
  const page = await get(system, location, [cookie, ...flash].join('; '));
  return { status: response.status, location, text: await page.text() };
};
