/** The ports of what a referrer proves: one-time codes for the status page, and confirmed email addresses. */

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
