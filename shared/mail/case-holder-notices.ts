import { type DecidedContact, decidedFor } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { isSecureAddress } from './secure-address';
import { consoleContactUrl } from './links';
import { decisionKind } from './decision-sequence';
import { describeDecision } from './wording';
import { handoversOf } from './handover-routing';
import { childName } from '../notification';

/**
 * The allocated worker or lead professional of an open case is told of every decision about
 * their child (a strategy discussion they take part in, a step up from early help), unless the
 * handover already went to them. Detail only to a secure address.
 */
export const caseHolderNotices = (contact: DecidedContact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision;
  const handedTo = new Set(handoversOf(contact, config).keys());
  const seen = new Set<string>();
  return (contact.recommendation?.caseHolders ?? []).flatMap((openCase) => {
    const to = openCase.holder.email;
    const decided = decidedFor(decision, openCase.childIndex);
    if (!decided || handedTo.has(to) || seen.has(to)) return [];
    seen.add(to);
    const role = openCase.kind === 'social-care' ? 'allocated worker' : 'lead professional';
    const secure = isSecureAddress(to, config);
    return [
      compose(
        {
          idempotencyKey: `${contact.contactId}:${decisionKind(contact, 'case-holder')}:${to}`,
          contactId: contact.contactId,
        },
        to,
        `A child you are ${role} for: front door decision ${contact.reference}`,
        [
          `Dear ${openCase.holder.name},`,
          `You are recorded as the ${role} for ${secure && contact.notification.children[openCase.childIndex] ? childName(contact.notification.children[openCase.childIndex]!) : 'a child'} in notification ${contact.reference}.`,
          `The front door has decided ${describeDecision(decided)} for this child.`,
          ...(secure
            ? [`Rationale: ${decided.rationale}`]
            : ['The details are in the triage console, because this email address is not on a secure network.']),
          decided.route === 'csc-strategy-discussion'
            ? {
                warning:
                  'A strategy discussion is being arranged: please take part and share what you know about the child.',
              }
            : 'Please take this into account in your work with the family.',
          { text: 'Open the contact in the triage console:', href: consoleContactUrl(contact.contactId, config) },
        ],
        config,
      ),
    ];
  });
};
