import { type Contact, type DecidedContact, groupedByDecision } from '../contacts';
import { formatLondonTime } from '../calendar/format';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { consoleContactUrl } from './links';
import { decisionKind, returnedByTeam } from './decision-sequence';
import { childLabel, describeDecision, describeWhole, joinAnd } from './wording';
import { childrenByTeam, handoversOf, teamAddress } from './handover-routing';

/**
 * The receiving teams are inside the secure network, so each gets the full handover for the
 * children it receives: a baby going to a strategy discussion and a teenager to early help are
 * two handovers, each naming its own children and decisions. A child routed to an open case goes
 * to the allocated worker's own address, not a team mailbox.
 */
export const teamHandoverEmails = (contact: DecidedContact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision;
  const replaced = contact.previousDecisions?.at(-1);
  return [...handoversOf(contact, config)].map(([to, { kind, team, children }]) =>
    compose(
      { contactId: contact.contactId, kind: decisionKind(contact, `handover-${kind}`) },
      to,
      `New ${team === 'early-help' ? 'early help request' : 'referral'} from the front door: ${contact.reference}`,
      [
        `The front door has decided ${describeWhole(contact, { children }, true)} for ${contact.reference}.`,
        `Children: ${joinAnd(children.map((c) => childLabel(contact, c.childIndex, true)))}.`,
        // Information lost at hand-offs is a repeated finding (domain brief §10): name the siblings too.
        ...decision.children
          .filter((c) => !children.includes(c))
          .map(
            (c) =>
              `Also in this notification: ${childLabel(contact, c.childIndex, true)}, decided ${describeDecision(c)}.`,
          ),
        `Decided by ${decision.decidedBy} at ${formatLondonTime(decision.decidedAt)}.`,
        ...groupedByDecision(children).map((g) =>
          g.length === children.length
            ? `Rationale: ${g[0]!.rationale}`
            : `Rationale for ${joinAnd(g.map((c) => childLabel(contact, c.childIndex, true)))}: ${g[0]!.rationale}`,
        ),
        ...(replaced
          ? [
              `This replaces the earlier decision, ${describeWhole(contact, replaced, true)}, changed ${whyReplaced(contact)}.`,
            ]
          : []),
        'Under the no-quibble agreement this route is accepted by the receiving team, with quality assurance afterwards.',
        { text: 'Open the contact in the triage console:', href: consoleContactUrl(contact.contactId, config) },
      ],
      config,
    ),
  );
};

const whyReplaced = (contact: Contact): string =>
  returnedByTeam(contact)
    ? `after it was returned by the ${contact.handoverReturn!.team === 'early-help' ? 'early help' : 'social care'} team: ${contact.handoverReturn!.reason}`
    : 'after the referrer asked for it to be reconsidered';

/**
 * Each team that received an earlier handover and receives no child under the new decision,
 * told it no longer stands when a reconsideration moved the children elsewhere (information
 * lost at hand-offs is a repeated finding of serious case reviews). A team that still receives
 * a child is told in its new handover instead.
 */
export const handoverReplacedEmails = (contact: DecidedContact, config: MailConfig): EmailMessage[] => {
  const replaced = contact.previousDecisions?.at(-1);
  if (!replaced) return [];
  const decision = contact.decision;
  const now = childrenByTeam(decision);
  return [...childrenByTeam(replaced).keys()]
    .filter((team) => !now.has(team))
    .map((team) =>
      compose(
        { contactId: contact.contactId, kind: decisionKind(contact, `handover-replaced-${team}`) },
        teamAddress(team, config),
        `Handover replaced: ${contact.reference} no longer comes to you`,
        [
          `The front door's earlier decision for ${contact.reference}, ${describeWhole(contact, replaced, false)}, has been replaced ${whyReplaced(contact)}.`,
          `The new decision is ${describeWhole(contact, decision, false)}, decided by ${decision.decidedBy} at ${formatLondonTime(decision.decidedAt)}. The receiving team has been sent the whole record.`,
          'If you have already started work with the family, contact the front door so that nothing you know is lost.',
        ],
        config,
      ),
    );
};
