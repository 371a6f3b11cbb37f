import type { RuntimeConfig } from '../config';

/**
 * The emails the front door sends, composed as plain data so that their wording can be tested
 * without a mail server. Ordinary email is not secure (domain brief §5): detail about children
 * and concerns goes only to secure domains (secure-address.ts), everyone else gets the reference
 * and a link.
 */

export interface EmailMessage {
  /** The same key always means the same email: a retried step must not send it twice. */
  idempotencyKey: string;
  /** The contact an email is about, tagged on the sent mail so a bounce or complaint finds its way back. */
  contactId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** What the email templates read from the runtime configuration. */
export type MailConfig = Pick<
  RuntimeConfig,
  | 'AREA_NAME'
  | 'PUBLIC_BASE_URL'
  | 'SECURE_EMAIL_DOMAINS'
  | 'DUTY_MANAGER_ADDRESS'
  | 'EMERGENCY_DUTY_TEAM_ADDRESS'
  | 'EARLY_HELP_TEAM_ADDRESS'
  | 'SOCIAL_CARE_TEAM_ADDRESS'
  | 'DUTY_TEAM_PHONE'
  | 'ESCALATION_GUIDANCE_URL'
>;
