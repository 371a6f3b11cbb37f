import type { EmailMessage } from './message';

/** The port every email goes out through (SES in AWS, the local mailbox on a laptop). */
export interface Mailer {
  /** Sends a message once per idempotency key, however often it is asked to. */
  sendOnce(message: EmailMessage): Promise<void>;
}
