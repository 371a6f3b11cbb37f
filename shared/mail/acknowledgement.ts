import type { NotifiedContact } from '../contacts';
import { formatLondonTime } from '../calendar/format';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { isSecureAddress } from './secure-address';
import { statusPageUrl } from './links';
import { isProfessionalAgencyType } from '../notification';
import { childrenSummary, greeting, immediateDanger } from './wording';

/**
 * The acknowledgement. To an address not yet confirmed (`confirmUrl` given) it is generic: no
 * name, no children, no status link, only the reference, when a decision is due and the link
 * that confirms the address (shared/referrer/address-confirmation.ts).
 */
export const acknowledgementEmail = (
  contact: NotifiedContact,
  config: MailConfig,
  confirmUrl?: string,
): EmailMessage | undefined => {
  const email = contact.notification.referrer.email;
  if (!email) return undefined;
  const due = contact.recommendation
    ? formatLondonTime(contact.recommendation.dueAt)
    : 'the end of the next working day';
  const secure = isSecureAddress(email, config);
  if (confirmUrl) {
    return compose(
      { contactId: contact.contactId, kind: 'acknowledgement' },
      email,
      `We have received your notification ${contact.reference}`,
      [
        'Hello,',
        `We have received a notification about a child that gave this email address for the person who sent it. Its reference is ${contact.reference}.`,
        `A qualified social worker will decide what happens next by ${due}.`,
        {
          text: 'If you sent it, confirm that this is your email address, so that we can send you its details and a link to follow it:',
          href: confirmUrl,
        },
        'If you did not send it, you do not need to do anything. We will not send details of it to this address.',
        immediateDanger(config),
      ],
      config,
    );
  }
  return compose(
    { contactId: contact.contactId, kind: 'acknowledgement' },
    email,
    `We have received your notification ${contact.reference}`,
    [
      greeting(contact),
      `Thank you for telling us you are worried about ${secure ? childrenSummary(contact) : 'a child'}.\nYour reference is ${contact.reference}. Use it whenever you contact us about this notification.`,
      `A qualified social worker will decide what happens next by ${due}. ${
        isProfessionalAgencyType(contact.notification.referrer.agencyType)
          ? 'We will email you the decision and the reasons for it.'
          : 'We will email you when we have decided. We cannot tell you the outcome, because information about a child is confidential.'
      }`,
      immediateDanger(config),
      { text: 'Check the status of your notification:', href: statusPageUrl(contact, config) },
    ],
    config,
  );
};
