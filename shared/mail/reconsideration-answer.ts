import type { DecidedContact } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { isSecureAddress } from './secure-address';
import { statusPageUrl } from './links';
import { CONFIDENTIAL_OUTCOME, PUBLIC_NEXT_STEPS } from './next-steps';
import { isProfessionalAgencyType } from '../notification';
import { describeWhole, greeting } from './wording';

/** The answer to a referrer's request for reconsideration; sent once per contact. */
export const reconsiderationAnswerEmail = (contact: DecidedContact, config: MailConfig): EmailMessage | undefined => {
  const email = contact.notification.referrer.email;
  if (!email) return undefined;
  // Only a professional may ask (shared/referrer/status.ts); one who asked before that rule is
  // told that we looked again, never the route or the reasons.
  if (!isProfessionalAgencyType(contact.notification.referrer.agencyType)) {
    return compose(
      { contactId: contact.contactId, kind: 'reconsideration-answer' },
      email,
      `Your notification ${contact.reference}`,
      [
        greeting(contact),
        `A manager has looked again at notification ${contact.reference}, as you asked. ${CONFIDENTIAL_OUTCOME}`,
        `What happens next: ${PUBLIC_NEXT_STEPS}`,
      ],
      config,
    );
  }
  const answer = contact.reconsideration!;
  const decision = contact.decision;
  const previous = contact.previousDecisions?.at(-1);
  const secure = isSecureAddress(email, config);
  return compose(
    { contactId: contact.contactId, kind: 'reconsideration-answer' },
    email,
    `Our answer to your request to reconsider ${contact.reference}`,
    [
      greeting(contact),
      `A manager has looked again at the decision on notification ${contact.reference}, as you asked.`,
      answer.status === 'changed'
        ? `The decision has changed${previous ? ` from ${describeWhole(contact, previous, secure)}` : ''}. It is now: ${describeWhole(contact, decision, secure)}. We have sent you the new decision in a separate email.`
        : `The decision stays the same: ${describeWhole(contact, decision, secure)}.`,
      secure && answer.answer ? `Why: ${answer.answer}` : 'The manager’s reasons are on the status page linked below.',
      { text: 'Status page:', href: statusPageUrl(contact, config) },
      {
        text: "If you still disagree, follow the local safeguarding partnership's guidance on resolving professional disagreements:",
        href: config.ESCALATION_GUIDANCE_URL,
      },
    ],
    config,
  );
};
