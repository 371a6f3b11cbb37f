import type { EmailMessage } from '../mail/message';

/**
 * The small interfaces the front door's use cases need from the outside world. The AWS
 * adapters in shared/aws implement them; tests may implement them in memory. The contact
 * store's ports belong to the contact (shared/contacts/ports.ts) and are re-exported here for
 * the use cases that import them from this file.
 */
export * from '../contacts/ports';

/** A status page's one-time code, kept only as a hash, with the tries and sends that limit it. */
export interface StatusCode {
  codeHash: string;
  validUntil: string;
  attempts: number;
  /** When codes were sent for this link, for the hourly limit. */
  issued: string[];
  /** One more with every write but a try (0 before the first), so a write from a stale read is refused. */
  version: number;
}

/** One-time codes by the hash of their status link's token. */
export interface StatusCodeStore {
  get(linkHash: string): Promise<StatusCode | undefined>;
  /**
   * Writes `code`, whose version is one more than the record it was made from, only if nothing
   * else wrote since that record was read; false (nothing written) otherwise.
   */
  put(linkHash: string, code: StatusCode): Promise<boolean>;
  /** Counts one try at the code in the same write that reads it; undefined when there is no code. */
  countAttempt(linkHash: string): Promise<StatusCode | undefined>;
}

/** A confirmation link's offer: whose address it confirms, held only as a hash, and for which contact. */
export interface AddressConfirmationOffer {
  addressHash: string;
  contactId: string;
  validUntil: string;
}

/** Referrers' email addresses proven by a link sent to them (shared/referrer/address-confirmation.ts). */
export interface ReferrerAddresses {
  isConfirmed(addressHash: string): Promise<boolean>;
  /** Keeps a confirmation link's offer under the hash of its token; offering the same token again is harmless. */
  offer(tokenHash: string, offer: AddressConfirmationOffer): Promise<void>;
  findOffer(tokenHash: string): Promise<AddressConfirmationOffer | undefined>;
  confirm(addressHash: string, at: string): Promise<void>;
}

export interface Mailer {
  /** Sends a message once per idempotency key, however often it is asked to. */
  sendOnce(message: EmailMessage): Promise<void>;
}

export interface ContactMessage {
  contactId: string;
  newDecision?: true;
}

export interface MessageQueue {
  /** `newDecision` marks the message that follows a decision becoming final, so it is counted once. */
  send(body: ContactMessage): Promise<void>;
}

/** A contact's latest triage execution: `ended` is aborted, failed or timed out. */
export interface TriageRun {
  attempt: number;
  state: 'running' | 'succeeded' | 'ended';
}

export interface TriageWorkflow {
  /** Starts triage for a contact; starting it again is not an error and starts nothing new. */
  start(contactId: string): Promise<'started' | 'already-started'>;
  /** Starts the given attempt (2, 3…) under its own name; an attempt already started is not started again. */
  startAttempt(contactId: string, attempt: number): Promise<'started' | 'already-started'>;
  /** The contact's latest execution among its first `maxAttempts`, if it has one. */
  latestRun(contactId: string, maxAttempts: number): Promise<TriageRun | undefined>;
  /** Contacts with an execution that was aborted, failed or timed out since `since`. */
  contactsWithEndedRuns(since: Date): Promise<string[]>;
}
