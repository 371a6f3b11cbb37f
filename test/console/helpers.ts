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
  await waitFor(async () => ((await statusOf(system, contactId)) === 'awaiting-decision' ? true : undefined), `contact ${contactId} to be triaged`, 30_000);
  return contactId;
};

export const statusOf = async (system: RunningLocalSystem, contactId: string): Promise<string> =>
  ((await (await fetch(`${system.endpoints.api}/api/contacts/${contactId}`)).json()) as { status: string }).status;

export const signIn = async (system: RunningLocalSystem, user: string): Promise<string> => {
  const response = await fetch(`${system.endpoints.api}/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie()[0];
  if (response.status !== 303 || !cookie) throw new Error(`Sign-in as ${user} failed with ${response.status}`);
  return cookie.split(';')[0]!;
};

export const get = (system: RunningLocalSystem, path: string, cookie?: string) =>
  fetch(`${system.endpoints.api}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

export const post = (system: RunningLocalSystem, path: string, fields: Record<string, string>, cookie?: string) =>
  fetch(`${system.endpoints.api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** The version a form on the contact page carries, as the user last saw it. */
export const versionOnPage = async (system: RunningLocalSystem, contactId: string, cookie: string): Promise<string> => {
  const html = await (await get(system, `/console/contacts/${contactId}`, cookie)).text();
  return /name="version" value="(\d+)"/.exec(html)![1]!;
};
