import type { Contact } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { statusPageUrl, baseUrl } from './links';
import { immediateDanger } from './wording';

/** An email that could not be taken in. Nothing of it was kept, so the sender must send again. */
export const emailRefusedReply = (messageId: string, to: string, reason: string, config: MailConfig): EmailMessage =>
  compose(
    { idempotencyKey: `email-refused:${messageId}` },
    to,
    'We could not accept your email to the Front Door',
    [
      `We could not accept your email: ${reason}`,
      'We have not kept any of it, so nobody has seen your concern. Send it again, or use the online form:',
      { text: 'Tell us you are worried about a child:', href: `${baseUrl(config)}/notify` },
      immediateDanger(config),
    ],
    config,
  );

/** A free-text email was taken in; a worker will complete it, so no decision time is promised yet. */
export const emailReceivedReply = (
  contact: Pick<Contact, 'contactId' | 'reference' | 'statusToken'>,
  to: string,
  config: MailConfig,
): EmailMessage =>
  compose(
    { contactId: contact.contactId, kind: 'email-received' },
    to,
    `We have received your email: reference ${contact.reference}`,
    [
      `Thank you for your email. Your reference is ${contact.reference}. Use it whenever you contact us about this notification.`,
      'Your email did not follow our notification template, so a member of the Front Door team will read it and record the details. We may phone you to ask for anything that is missing.',
      'A qualified social worker will decide what happens next within one working day, and we will email you the decision and the reasons for it.',
      immediateDanger(config),
      { text: 'Check the status of your notification:', href: statusPageUrl(contact, config) },
    ],
    config,
  );
