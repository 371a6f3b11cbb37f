import type { NotifiedContact, PartnerRequest } from '../contacts';
import { formatLondonTime } from '../calendar/format';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { isSecureAddress } from './secure-address';
import { childrenSummary } from './wording';

/**
 * A partner agency's answer is late (domain brief §4: 48 hours). Sent once per request to the
 * address it went to; the question and the children are named only on a secure domain.
 */
export const partnerReminderEmail = (
  contact: NotifiedContact,
  request: PartnerRequest & { sentTo: string },
  config: MailConfig,
): EmailMessage => {
  const secure = isSecureAddress(request.sentTo, config);
  return compose(
    { idempotencyKey: `${contact.contactId}:partner-reminder:${request.id}`, contactId: contact.contactId },
    request.sentTo,
    `Reminder: we are waiting for your answer about ${contact.reference}`,
    [
      `On ${formatLondonTime(request.requestedAt)} the Front Door asked you for information about notification ${contact.reference}. We asked for an answer by ${formatLondonTime(request.dueAt)} and have not had one yet.`,
      ...(secure
        ? [`Children: ${childrenSummary(contact)}.`, `The question: ${request.question}`]
        : [
            'Reply to the request we sent you, quoting the reference. We have not repeated its details because this email address is not on a secure network.',
          ]),
      'A social worker is waiting for your answer to decide what happens next for the child.',
    ],
    config,
  );
};
