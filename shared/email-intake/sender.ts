import * as z from 'zod';

/**
 * Who an inbound email is really from. The `From` header is whatever the sender typed, so the
 * front door trusts it only as far as SES's verdicts on the message allow: DMARC passing, or,
 * where the sender's domain publishes no DMARC policy, SPF or DKIM passing for it. A sender
 * that fails is flagged on the contact for the worker, and is never replied to (a reply would
 * go to whoever was impersonated). Only a well-formed address is ever stored or replied to.
 */
export interface SenderVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
}

export interface SenderAuthentication extends SenderVerdicts {
  authenticated: boolean;
}

export const senderAuthentication = (verdicts: SenderVerdicts): SenderAuthentication => {
  const pass = (v?: string) => v === 'PASS';
  const authenticated =
    pass(verdicts.dmarc) || (verdicts.dmarc === 'GRAY' && (pass(verdicts.spf) || pass(verdicts.dkim)));
  return { ...verdicts, authenticated };
};

const Address = z.email();

/** The address, lower-cased, when it is a plain valid address; nothing for markup, quotes or spaces. */
export const validAddress = (address: string | undefined): string | undefined => {
  const trimmed = address?.trim().toLowerCase();
  return trimmed && trimmed.length <= 254 && Address.safeParse(trimmed).success ? trimmed : undefined;
};
