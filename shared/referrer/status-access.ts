import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { isStatusToken, statusTokenHash, type Contact } from '../contacts';
import type { Contacts } from '../contacts/ports';
import type { Mailer } from '../mail/mailer';
import type { StatusCode, StatusCodeStore } from './ports';
import { statusCodeEmail } from '../mail/status-code';
import type { MailConfig } from '../mail/message';

/**
 * Status links and the one-time codes that open their free text.
 *
 * A status link carries its own random token (192 bits), never the contact id, so holding a
 * contact id (from the API, the console or a log) opens nothing, and a link stops working after
 * the configured number of days. Without sign-in the page shows the stage, the route and the
 * standard next steps; the decision's reasons and a manager's reconsideration answer are free
 * text about the children, so they need a one-time code emailed to the referrer's own address.
 */
export const DEFAULT_STATUS_LINK_DAYS = 90;
/** How long a code works, how often it may be tried, and how many may be sent in an hour. */
export const CODE_MINUTES = 15;
export const CODE_ATTEMPTS = 5;
export const CODES_PER_HOUR = 3;

const sameSecret = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The contact a status link opens: none for a malformed, unknown or expired token (all a 404). */
export const openStatusLink = async (
  request: { token: string; now: Date; linkDays: number },
  deps: { store: Contacts },
): Promise<Contact | undefined> => {
  if (!isStatusToken(request.token)) return undefined;
  const contact = await deps.store.findByStatusToken(request.token);
  if (!contact?.statusToken || !sameSecret(contact.statusToken, request.token)) return undefined;
  const expires = new Date(contact.receivedAt).getTime() + request.linkDays * 86_400_000;
  return request.now.getTime() < expires ? contact : undefined;
};

/** Where a code goes: the address the referrer gave, never one typed on the page. */
export const referrerAddress = (contact: Contact): string | undefined =>
  contact.notification?.referrer.email ?? contact.incomingEmail?.from;

/** `j•••@school.example`: enough for a referrer to recognise their address, not to learn it. */
export const maskedAddress = (address: string): string => {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
};

const codeHash = (token: string, code: string) =>
  createHash('sha256').update(`front-door:status-code:${token}:${code}`).digest('hex');

export type SendCodeResult = 'sent' | 'too-many' | 'no-address';

export const sendStatusCode = async (
  request: { contact: Contact; now: Date },
  deps: { codes: StatusCodeStore; mailer: Mailer; config: MailConfig },
): Promise<SendCodeResult> => {
  const { contact, now } = request;
  const to = referrerAddress(contact);
  if (!to || !contact.statusToken) return 'no-address';
  const linkHash = statusTokenHash(contact.statusToken);
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const current = await deps.codes.get(linkHash);
  const recent = (current?.issued ?? []).filter((at) => at > hourAgo);
  if (recent.length >= CODES_PER_HOUR) return 'too-many';
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now.toISOString();
  const written = await deps.codes.put(linkHash, {
    codeHash: codeHash(contact.statusToken, code),
    validUntil: new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString(),
    attempts: 0,
    issued: [...recent, at],
    version: (current?.version ?? 0) + 1,
  });
  // Another request for this link (a double click) wrote a code since we read: that code is on
  // its way, and sending a second would make the first useless while both count to the limit.
  if (!written) return 'sent';
  await deps.mailer.sendOnce(statusCodeEmail(contact, to, { code, sentAt: at, minutes: CODE_MINUTES }, deps.config));
  return 'sent';
};

export type CheckCodeResult = 'ok' | 'wrong' | 'expired' | 'too-many-attempts';

/** A code opens the free text once; every try counts, so six digits cannot be guessed. */
export const checkStatusCode = async (
  request: { contact: Contact; code: string; now: Date },
  deps: { codes: StatusCodeStore },
): Promise<CheckCodeResult> => {
  const { contact, now } = request;
  if (!contact.statusToken) return 'expired';
  const linkHash = statusTokenHash(contact.statusToken);
  const record: StatusCode | undefined = await deps.codes.countAttempt(linkHash);
  if (!record || record.validUntil <= now.toISOString()) return 'expired';
  if (record.attempts > CODE_ATTEMPTS) return 'too-many-attempts';
  if (!sameSecret(record.codeHash, codeHash(contact.statusToken, request.code.replace(/\s/g, '')))) return 'wrong';
  // Spent. Refused only when a new code replaced this one since the try, which spends it anyway.
  await deps.codes.put(linkHash, { ...record, validUntil: now.toISOString(), version: record.version + 1 });
  return 'ok';
};
