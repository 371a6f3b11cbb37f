import type { Contact } from '../contacts';
import type { RuntimeConfig } from '../config';

export const baseUrl = (config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) => config.PUBLIC_BASE_URL.replace(/\/$/, '');

/**
 * The referrer's status page, opened by the link's own random token (never the contact id). A
 * contact stored before links had tokens gets the start page, where the reference still works.
 */
export const statusPageUrl = (contact: Pick<Contact, 'statusToken'>, config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) =>
  contact.statusToken ? `${baseUrl(config)}/status/${contact.statusToken}` : `${baseUrl(config)}/`;

/** The contact in the triage console; staff sign in to see it, so the link itself reveals nothing. */
export const consoleContactUrl = (contactId: string, config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) =>
  `${baseUrl(config)}/console/contacts/${contactId}`;
