import type { Notification } from '../notification';
import type { EarlierContact, Recommendation } from '../triage/types';
import type { Decision } from './decision';
import type { ContactStatus } from './status';

/** `phone`: a worker recorded a telephone call in the referrer's guided form. */
export type Channel = 'api' | 'web' | 'email' | 'batch' | 'phone';

/**
 * Every field a contact may hold in any status: the shape it is stored and written in. What a
 * contact in a given status has is its variant (Contact, below); a record read from storage
 * becomes one only through contactFrom (shared/contacts/upgrade.ts), which checks it.
 */
export interface ContactRecord {
  contactId: string;
  reference: string;
  status: ContactStatus;
  channel: Channel;
  receivedAt: string;
  /** The status link's token (shared/contacts/identity.ts); absent only on contacts stored before links had one. */
  statusToken?: string;
  /** Absent only while the contact needs completing: a free-text email is not a notification yet. */
  notification?: Notification;
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
 * A contact in status S: the record's fields with what that status guarantees (`Has`) made
 * required, and what it rules out (`Lacks`) made absent.
 */
type InStatus<S extends ContactStatus, Has, Lacks extends keyof ContactRecord = never> = Omit<
  ContactRecord,
  'status' | keyof Has | Lacks
> & { status: S } & Has & { [K in Lacks]?: undefined };

/** A free-text email a worker has yet to turn into a notification: the email, and no notification. */
export type NeedsCompletingContact = InStatus<
  'needs-completing',
  { incomingEmail: IncomingEmail },
  'notification' | 'decision'
>;
/** Accepted and waiting for triage. */
export type ReceivedContact = InStatus<'received', { notification: Notification }, 'decision'>;
/** Being triaged by the state machine. */
export type TriagingContact = InStatus<'triaging', { notification: Notification }, 'decision'>;
/**
 * Waiting for a worker's decision: triaged (usually with a recommendation; not when a worker
 * decided a failed triage and a manager or a receiving team sent the decision back), or returned.
 */
export type AwaitingDecisionContact = InStatus<'awaiting-decision', { notification: Notification }, 'decision'>;
/** A worker's decision waiting for a manager's sign-off. */
export type AwaitingManagerContact = InStatus<
  'awaiting-manager',
  { notification: Notification; proposedDecision: Decision },
  'decision'
>;
/** The decision stands (a manager may still replace it when answering a reconsideration request). */
export type DecidedContact = InStatus<'decided', { notification: Notification; decision: Decision }>;
/** Automatic triage stopped; a worker looks at it, and may decide it. */
export type TriageFailedContact = InStatus<
  'triage-failed',
  { notification: Notification; triageFailure: { error: string; at: string } },
  'decision'
>;
/** An allegation about an adult that went to the LADO only. */
export type ReferredToLadoContact = InStatus<'referred-to-lado', { notification: Notification }, 'decision'>;

/** A contact as its status says it is: the compiler, not a cast, knows what each one has. */
export type Contact =
  | NeedsCompletingContact
  | ReceivedContact
  | TriagingContact
  | AwaitingDecisionContact
  | AwaitingManagerContact
  | DecidedContact
  | TriageFailedContact
  | ReferredToLadoContact;

/** The contact in status S. */
export type ContactIn<S extends ContactStatus> = Extract<Contact, { status: S }>;
/** Every contact with a notification: all but those that need completing. */
export type NotifiedContact = Exclude<Contact, NeedsCompletingContact>;

/** A guard for contacts in one of the given statuses. */
export const inStatus =
  <S extends ContactStatus>(...statuses: readonly S[]) =>
  (contact: Contact): contact is ContactIn<S> =>
    (statuses as readonly ContactStatus[]).includes(contact.status);

/**
 * The contact a store wrote or found in `status`: checked, for the caller's type comes from it.
 * A store that answers with another status is broken, and says so.
 */
export const expectStatus = <S extends ContactStatus>(contact: Contact, status: S): ContactIn<S> => {
  if (!inStatus(status)(contact)) throw new Error(`Contact ${contact.contactId} is ${contact.status}, not ${status}`);
  return contact;
};

export const isDecided = inStatus('decided');
export const isAwaitingManager = inStatus('awaiting-manager');
/** A worker may decide it now: triaged (or failed triage) and no decision waiting for sign-off. */
export const isDecidable = inStatus('awaiting-decision', 'triage-failed');
export const needsCompleting = inStatus('needs-completing');
export const hasNotification = (contact: Contact): contact is NotifiedContact => contact.status !== 'needs-completing';

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
 * What the stall sweeper looks at (shared/front-door/stalled.ts): triage not finished (never
 * begun or begun), or the referrer's acknowledgement still pending. The stores keep exactly these
 * in an index of their own (ContactQueries.listUnsettled), so a sweep never reads the whole queue
 * of contacts awaiting a decision to find the few whose acknowledgement is pending.
 */
export const isUnsettled = (contact: Pick<ContactRecord, 'status' | 'acknowledgement'>): boolean =>
  contact.status === 'received' || contact.status === 'triaging' || contact.acknowledgement?.status === 'pending';

/**
 * The time a status's queue is ordered by: the decision's due time while one is awaited (most
 * urgent first), the decision's time once decided (so "decided today" is a range of it), and
 * the time received before triage has set a due time.
 */
export const queueTime = (
  contact: Pick<ContactRecord, 'status' | 'receivedAt' | 'recommendation' | 'decision'>,
): string =>
  (contact.status === 'decided' ? contact.decision?.decidedAt : contact.recommendation?.dueAt) ?? contact.receivedAt;
