import type { Notification } from '../notification';
import type { EarlierContact, Recommendation } from '../triage/types';
import type { Decision } from './decision';
import type { ContactStatus } from './status';

export type Channel = 'api' | 'web' | 'email' | 'batch';

/** A contact as stored: the notification as the referrer sent it, and what happened to it. */
export interface Contact {
  contactId: string;
  reference: string;
  status: ContactStatus;
  channel: Channel;
  receivedAt: string;
  notification: Notification;
  matches?: EarlierContact[];
  recommendation?: Recommendation;
  decision?: Decision;
  triageFailure?: { error: string; at: string };
  /** A referrer may ask once for a decision to be looked at again (domain brief §5). */
  reconsideration?: {
    requestedAt: string;
    reason: string;
    status: 'requested' | 'upheld' | 'changed';
    answer?: string;
    answeredAt?: string;
    answeredBy?: string;
  };
  /** Set when mail to the referrer bounced or was complained about. */
  referrerNotReached?: { at: string; reason: string };
  updatedAt: string;
}

/** What a referrer may see without signing in: nothing about the children. */
export const statusView = (contact: Contact) => ({
  reference: contact.reference,
  status: contact.status,
  receivedAt: contact.receivedAt,
  decisionDueAt: contact.recommendation?.dueAt,
  decidedAt: contact.decision?.decidedAt,
});
