import * as z from 'zod';
import { type DecidedContact, groupedByDecision } from '../contacts';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { isSecureAddress } from './secure-address';
import { NEXT_STEPS } from './next-steps';
import { decisionKind } from './decision-sequence';
import { childLabel, childrenSummary, describeDecision, immediateDanger, joinAnd } from './wording';
import { handoversOf } from './handover-routing';

/**
 * Other professionals the referrer named (the GP, the school's designated safeguarding lead, a
 * health visitor) are told the outcome, as the Ofsted inspection asked, but only at an address on
 * a secure domain: the email names the children and gives the reasons. An address given in the
 * form's "telephone number or email address" answer counts when it is an email address. Nobody
 * who is told otherwise (the referrer, a receiving team, an allocated worker) is told twice.
 */
export const professionalOutcomeEmails = (contact: DecidedContact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision;
  const toldAlready = new Set(
    [
      contact.notification.referrer.email,
      ...handoversOf(contact, config).keys(),
      ...(contact.recommendation?.caseHolders ?? []).map((c) => c.holder.email),
    ]
      .filter((a): a is string => !!a)
      .map((a) => a.toLowerCase()),
  );
  const seen = new Set<string>();
  return contact.notification.otherProfessionals.flatMap((professional) => {
    const given =
      professional.email ??
      (z.email().safeParse(professional.contact?.trim()).success ? professional.contact!.trim() : undefined);
    const to = given?.toLowerCase();
    if (!to || !isSecureAddress(to, config) || toldAlready.has(to) || seen.has(to)) return [];
    seen.add(to);
    const groups = groupedByDecision(decision.children);
    return [
      compose(
        {
          idempotencyKey: `${contact.contactId}:${decisionKind(contact, 'professional')}:${to}`,
          contactId: contact.contactId,
        },
        to,
        `Front door decision about a child you work with: ${contact.reference}`,
        [
          `Dear ${professional.name},`,
          `You were named as ${professional.role} at ${professional.organisation} in notification ${contact.reference} about ${childrenSummary(contact)}. We are telling you what the front door decided, so that you can take it into account in your work with the family.`,
          ...groups.map((g) =>
            [
              groups.length === 1
                ? `Decision: ${describeDecision(g[0]!)}.`
                : `For ${joinAnd(g.map((c) => childLabel(contact, c.childIndex, true)))}: ${describeDecision(g[0]!)}.`,
              `Why: ${g[0]!.rationale}`,
              `What happens next: ${NEXT_STEPS[g[0]!.route]}`,
            ].join('\n'),
          ),
          'If you know something that changes this picture, or you become more worried, contact the front door, quoting the reference.',
          immediateDanger(config),
        ],
        config,
      ),
    ];
  });
};
