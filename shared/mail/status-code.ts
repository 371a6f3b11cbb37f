import type { Contact } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';

/** The one-time code that opens a status page's free text; it says nothing about the children. */
export const statusCodeEmail = (
  contact: Pick<Contact, 'contactId' | 'reference'>,
  to: string,
  code: { code: string; sentAt: string; minutes: number },
  config: MailConfig,
): EmailMessage =>
  compose(
    { idempotencyKey: `status-code:${contact.contactId}:${code.sentAt}`, contactId: contact.contactId },
    to,
    `Your code to see the decision on ${contact.reference}`,
    [
      `Your code is ${code.code}`,
      `Enter it on the status page to see the reasons for the decision. It works once, for ${code.minutes} minutes.`,
      'If you did not ask for a code, you can ignore this email: nobody can see the reasons without it.',
    ],
    config,
  );
