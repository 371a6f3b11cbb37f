import type { Notification } from '../notification';
import type { EarlierContact, Recommendation } from '../triage/types';
import type { Decision } from './decision';
import type { ContactStatus } from './status';

/** `phone`: a worker recorded a telephone call in the referrer's guided form. */
export type Channel = 'api' | 'web' | 'email' | 'batch' | 'phone';

/** A contact as stored: the notification as the referrer sent it, and what happened to it. */
export interface Contact {
  contactId: string;
  reference: string;
  status: ContactStatus;
  channel: Channel;
  receivedAt: string;
  /** The status link's token (shared/contacts/identity.ts); absent only on contacts stored before links had one. */
  statusToken?: string;
  notification: Notification;
  recommendation?: Recommendation;
  decision?: Decision;
  /**
   * Decisions a manager replaced when answering a reconsideration request, oldest first: the
   * record keeps what was decided before, and the count numbers the outcome emails.
   */
  previousDecisions?: Decision[];
  triageFailure?: { error: string; at: string };
  /**
   * The referrer's acknowledgement: pending from the moment the contact awaits a decision until
   * it is sent (or found to have no address to go to), so a contact whose triage stopped in
   * between is found and finished.
   */
  acknowledgement?: {
    status: 'pending' | 'sent' | 'no-address';
    sentAt?: string;
    /**
     * False while the referrer's address awaits confirmation (shared/referrer/address-confirmation.ts):
     * emails to it then greet nobody by name. Absent on contacts acknowledged before addresses were confirmed.
     */
    addressConfirmed?: boolean;
  };
  /** A referrer may ask once for a decision to be looked at again (domain brief §5). */
  reconsideration?: {
    requestedAt: string;
    reason: string;
    status: 'requested' | 'upheld' | 'changed';
    answer?: string;
    answeredAt?: string;
    answeredBy?: string;
  };
  /**
   * An email that did not follow the template (status needs-completing, no notification yet):
   * a worker completes the notification from this text and these attachments, which stay in
   * the raw message in the inbound bucket.
   */
  incomingEmail?: IncomingEmail;
  /**
   * For an emailed notification: SES's SPF, DKIM and DMARC verdicts, and whether they show the
   * sender is who the From header says (shared/email-intake/sender.ts). When not, no reply was
   * sent; the console does not show this yet.
   */
  senderAuthentication?: { authenticated: boolean; spf?: string; dkim?: string; dmarc?: string };
  /** Set when mail to the referrer bounced or was complained about. */
  referrerNotReached?: { at: string; reason: string };
  updatedAt: string;
  /** When the retention policy deletes the record (epoch seconds); set by the store. */
  expiresAt?: number;
  /**
   * Bumped by every write, so two people acting on the same contact cannot overwrite each
   * other: the triage console writes only if the version is still the one its user saw.
   */
  version?: number;
  /** The worker who has claimed the contact, or been assigned it. */
  assignee?: Person | null;
  /** A decision that needs a manager's sign-off before the outcome is sent. */
  proposedDecision?: Decision;
  /** The manager's last sign-off answer: agreed, or returned to the worker with a comment. */
  signOff?: { outcome: 'agreed' | 'returned'; comment?: string; by: Person; at: string };
  escalation?: { reason: string; by: Person; at: string };
  /** Earlier contacts a worker has confirmed are about the same child or household. */
  links?: { contactId: string; reference: string; by: Person; at: string }[];
  partnerRequests?: PartnerRequest[];
  /**
   * The latest handover a receiving team returned to the front door, with its reason: the
   * returned decision is in `previousDecisions` and the contact waits for a decision again.
   */
  handoverReturn?: { handoverId: string; team: 'early-help' | 'social-care'; reason: string; by: Person; at: string };
}

/**
 * A contact whose decision stands. Its status says so, but the type of a stored contact does not
 * yet follow from its status: isDecided narrows a contact read from the store to one.
 */
export type DecidedContact = Contact & { status: 'decided'; decision: Decision };
export const isDecided = (contact: Contact): contact is DecidedContact =>
  contact.status === 'decided' && contact.decision !== undefined;

export interface IncomingEmail {
  from: string;
  subject: string;
  /** Plain text only: an HTML body is converted to text and never rendered. */
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
  rawMessage: { bucket: string; key: string };
  /** Why the email could not become a notification by itself, when it tried to follow the template. */
  templateErrors?: { path: string; message: string }[];
}

export type HouseholdContact = Omit<EarlierContact, 'matchedOn'>;

/** Someone signed in to the triage console, as recorded on the contact and in its audit trail. */
export interface Person {
  id: string;
  name: string;
}

/** A question to a partner agency, tracked against a due time (domain brief §4). */
export interface PartnerRequest {
  id: string;
  /** One of the stage's agencies (shared/partners/agencies.ts). */
  agency: string;
  question: string;
  requestedAt: string;
  requestedBy: Person;
  dueAt: string;
  /** The address the request went to, which an overdue reminder goes to (absent on early requests). */
  sentTo?: string;
  answer?: string;
  answeredAt?: string;
  /** Who answered: a worker recording the agency's reply, or someone from the agency in the console. */
  answeredBy?: Person;
}

/** What a referrer may see without signing in: nothing about the children. */
export const statusView = (contact: Contact) => ({
  reference: contact.reference,
  status: contact.status,
  receivedAt: contact.receivedAt,
  decisionDueAt: contact.recommendation?.dueAt,
  decidedAt: contact.decision?.decidedAt,
});

/**
 * The time a status's queue is ordered by: the decision's due time while one is awaited (most
 * urgent first), the decision's time once decided (so "decided today" is a range of it), and
 * the time received before triage has set a due time.
 */
export const queueTime = (contact: Pick<Contact, 'status' | 'receivedAt' | 'recommendation' | 'decision'>): string =>
  (contact.status === 'decided' ? contact.decision?.decidedAt : contact.recommendation?.dueAt) ?? contact.receivedAt;
