import { type Contact, type DecidedContact, groupedByDecision } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose, type Block } from './render';
import { isSecureAddress } from './secure-address';
import { statusPageUrl } from './links';
import { CONFIDENTIAL_OUTCOME, NEXT_STEPS, PUBLIC_NEXT_STEPS } from './next-steps';
import { isProfessionalAgencyType } from '../notification';
import { decisionKind } from './decision-sequence';
import { childLabel, describeDecision, greeting, immediateDanger, joinAnd } from './wording';

/**
 * Referrers who disagree should know both steps, in order (domain brief §5). A referrer who has
 * already asked (a decision changed on reconsideration) is offered only the second: asking is once.
 */
const howToDisagree = (contact: Contact, config: MailConfig): Block[] => [
  ...(contact.reconsideration
    ? [
        {
          text: 'You can see this decision and the manager’s answer on the status page:',
          href: statusPageUrl(contact, config),
        },
      ]
    : [
        {
          text: 'If you disagree with this decision, you can ask us once to reconsider it, with your reasons, from the status page:',
          href: statusPageUrl(contact, config),
        },
      ]),
  {
    text: "If you still disagree, follow the local safeguarding partnership's guidance on resolving professional disagreements:",
    href: config.ESCALATION_GUIDANCE_URL,
  },
];

export const outcomeEmail = (contact: DecidedContact, config: MailConfig): EmailMessage | undefined => {
  const email = contact.notification.referrer.email;
  if (!email) return undefined;
  // Not a professional: never the route or reasons (a strategy discussion could tip someone off).
  if (!isProfessionalAgencyType(contact.notification.referrer.agencyType)) {
    return compose(
      { contactId: contact.contactId, kind: decisionKind(contact, 'outcome') },
      email,
      `Your notification ${contact.reference}`,
      [
        greeting(contact),
        CONFIDENTIAL_OUTCOME,
        `What happens next: ${PUBLIC_NEXT_STEPS}`,
        immediateDanger(config),
        `Thank you for telling us. Your reference is ${contact.reference}.`,
      ],
      config,
    );
  }
  const decision = contact.decision;
  const secure = isSecureAddress(email, config);
  const groups = groupedByDecision(decision.children);
  const single = groups.length === 1;
  const perGroup: Block[] = groups.map((group) => {
    const d = group[0]!;
    const lines = [
      single
        ? `Decision: ${describeDecision(d)}.`
        : `For ${joinAnd(group.map((c) => childLabel(contact, c.childIndex, secure)))}: ${describeDecision(d)}.`,
      ...(secure ? [`Why: ${d.rationale}`] : []),
      `What happens next: ${NEXT_STEPS[d.route]}`,
    ];
    return lines.join(single ? '\n\n' : '\n');
  });
  return compose(
    { contactId: contact.contactId, kind: decisionKind(contact, 'outcome') },
    email,
    `Decision on your notification ${contact.reference}`,
    [
      greeting(contact),
      single
        ? `We have decided what happens next for notification ${contact.reference}.`
        : `We have decided what happens next for each child in notification ${contact.reference}${secure ? '' : ' (children are numbered in the order you told us about them)'}.`,
      ...perGroup,
      ...(secure
        ? []
        : [
            'The reasons are on the status page linked below (we email you a code to open them), because this email address is not on a secure network.',
          ]),
      ...howToDisagree(contact, config),
    ],
    config,
  );
};
