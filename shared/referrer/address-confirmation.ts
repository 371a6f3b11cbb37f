import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ContactWrite, hasNotification, modifyContact, type Contact, type NotifiedContact } from '../contacts';
import type { RuntimeConfig } from '../config';
import type { Contacts } from '../contacts/ports';
import type { ReferrerAddresses } from './ports';
import { isSecureAddress } from '../mail/secure-address';

/**
 * Anyone can type any email address into a notification, and the council then writes to it.
 * So the first acknowledgement to an address the front door has never confirmed (and that is
 * not on a secure domain) carries only the reference, generic text and a link to confirm the
 * address. Whoever opens that link and presses the button has shown they read that mailbox;
 * from then on the address is confirmed, and emails to it greet the referrer by name and carry
 * the status link. A notification emailed from an address SES authenticated needs no link.
 *
 * Addresses are kept only as keyed hashes (HMAC with the area's match key, as children's match
 * keys are: an unkeyed hash of an address can be found again by hashing guesses), link tokens
 * (random, 192 bits) as plain hashes. The link is a page with a button, never a
 * GET that confirms: mail scanners open links in emails by themselves.
 */
export const addressHash = (address: string, matchKey: string): string =>
  createHmac('sha256', matchKey).update(`front-door:referrer-address:${address.trim().toLowerCase()}`).digest('hex');

const tokenHash = (token: string): string =>
  createHash('sha256').update(`front-door:address-confirmation:${token}`).digest('hex');
const isToken = (value: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(value);

export const confirmationUrl = (token: string, config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>): string =>
  `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/confirm-email/${token}`;

type Deps = {
  addresses: ReferrerAddresses;
  matchKey: string;
  config: Pick<RuntimeConfig, 'SECURE_EMAIL_DOMAINS' | 'PUBLIC_BASE_URL' | 'STATUS_LINK_DAYS'>;
};

/** An emailed notification whose sender SES authenticated came from the mailbox it names. */
const authenticatedSender = (contact: Contact, email: string): boolean =>
  contact.channel === 'email' &&
  contact.senderAuthentication?.authenticated === true &&
  contact.incomingEmail?.from.toLowerCase() === email.toLowerCase();

/**
 * Whether the referrer's address may get detail; when not, a confirmation link (its offer kept)
 * for the acknowledgement to carry. No address: nothing to decide.
 */
export const acknowledgementAddress = async (
  contact: Contact,
  now: Date,
  deps: Deps,
): Promise<{ confirmed: true } | { confirmed: false; confirmUrl: string } | undefined> => {
  const email = contact.notification?.referrer.email;
  if (!email) return undefined;
  if (
    isSecureAddress(email, deps.config) ||
    authenticatedSender(contact, email) ||
    (await deps.addresses.isConfirmed(addressHash(email, deps.matchKey)))
  )
    return { confirmed: true };
  const token = randomBytes(24).toString('base64url');
  const validUntil = new Date(now.getTime() + deps.config.STATUS_LINK_DAYS * 86_400_000).toISOString();
  await deps.addresses.offer(tokenHash(token), {
    addressHash: addressHash(email, deps.matchKey),
    contactId: contact.contactId,
    validUntil,
  });
  return { confirmed: false, confirmUrl: confirmationUrl(token, deps.config) };
};

/** The contact a confirmation link was sent for, while the link works: none for a malformed, unknown or expired token. */
export const openConfirmation = async (
  request: { token: string; now: Date },
  deps: { addresses: ReferrerAddresses; store: Contacts },
): Promise<NotifiedContact | undefined> => {
  if (!isToken(request.token)) return undefined;
  const offer = await deps.addresses.findOffer(tokenHash(request.token));
  if (!offer || offer.validUntil <= request.now.toISOString()) return undefined;
  // A link is offered only in the acknowledgement of a notification.
  const contact = await deps.store.get(offer.contactId);
  return contact && hasNotification(contact) ? contact : undefined;
};

/**
 * Confirms the address a link was sent to, and marks its contact so that the emails still to
 * come about it greet the referrer by name. Confirming twice is harmless.
 */
export const confirmAddress = async (
  request: { token: string; now: Date },
  deps: { addresses: ReferrerAddresses; matchKey: string; store: Contacts },
): Promise<Contact | undefined> => {
  const contact = await openConfirmation(request, deps);
  if (!contact) return undefined;
  const at = request.now.toISOString();
  await deps.addresses.confirm(addressHash(contact.notification.referrer.email!, deps.matchKey), at);
  const modified = await modifyContact(
    deps.store,
    contact.contactId,
    (current) =>
      current.acknowledgement?.addressConfirmed === false
        ? {
            write: ContactWrite.change(current, {
              acknowledgement: { ...current.acknowledgement, addressConfirmed: true },
            }),
          }
        : { stop: 'already-confirmed' },
    { now: at, current: contact },
  );
  return modified.outcome === 'not-found' ? undefined : modified.contact;
};
