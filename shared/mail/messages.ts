import * as z from 'zod';
import type { ChildDecision, Contact, Decision, PartnerRequest } from '../contacts';
import { decidedFor, describeRoute, groupedByDecision } from '../contacts';
import { childName } from '../notification';
import type { RuntimeConfig } from '../config';
import { teamForRoute, type Route } from '../triage/types';
import { formatLondonTime } from '../calendar/format';

/**
 * The emails the front door sends, composed as plain data so that their wording can be tested
 * without a mail server. Ordinary email is not secure (domain brief §5): detail about children
 * and concerns goes only to secure domains, everyone else gets the reference and a link.
 *
 * Each email is written once as blocks and rendered twice, as plain text and as HTML, so the
 * two versions can never say different things.
 */
export interface EmailMessage {
  /** The same key always means the same email: a retried step must not send it twice. */
  idempotencyKey: string;
  /** The contact an email is about, tagged on the sent mail so a bounce or complaint finds its way back. */
  contactId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The SES message tag holding `contactId`; bounce and complaint events carry it back. */
export const CONTACT_ID_TAG = 'contact-id';

export type MailConfig = Pick<
  RuntimeConfig,
  | 'AREA_NAME'
  | 'PUBLIC_BASE_URL'
  | 'SECURE_EMAIL_DOMAINS'
  | 'DUTY_MANAGER_ADDRESS'
  | 'EMERGENCY_DUTY_TEAM_ADDRESS'
  | 'EARLY_HELP_TEAM_ADDRESS'
  | 'SOCIAL_CARE_TEAM_ADDRESS'
  | 'DUTY_TEAM_PHONE'
  | 'ESCALATION_GUIDANCE_URL'
>;

type Team = NonNullable<ReturnType<typeof teamForRoute>>;

/** A paragraph, a paragraph ending in a link, or a warning the HTML version makes bold. */
type Block = string | { text: string; href: string } | { warning: string };

export const isSecureAddress = (address: string, config: Pick<RuntimeConfig, 'SECURE_EMAIL_DOMAINS'>): boolean => {
  const domain = address.split('@').pop()?.toLowerCase() ?? '';
  return config.SECURE_EMAIL_DOMAINS.some((secure) => domain === secure || domain.endsWith(`.${secure}`));
};

const baseUrl = (config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) => config.PUBLIC_BASE_URL.replace(/\/$/, '');

/**
 * The referrer's status page, opened by the link's own random token (never the contact id). A
 * contact stored before links had tokens gets the start page, where the reference still works.
 */
export const statusPageUrl = (contact: Pick<Contact, 'statusToken'>, config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) =>
  contact.statusToken ? `${baseUrl(config)}/status/${contact.statusToken}` : `${baseUrl(config)}/`;

/** The contact in the triage console; staff sign in to see it, so the link itself reveals nothing. */
export const consoleContactUrl = (contactId: string, config: Pick<RuntimeConfig, 'PUBLIC_BASE_URL'>) =>
  `${baseUrl(config)}/console/contacts/${contactId}`;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const renderText = (blocks: Block[]) =>
  blocks
    .map((block) =>
      typeof block === 'string' ? block : 'warning' in block ? block.warning : `${block.text} ${block.href}`,
    )
    .join('\n\n');

const renderHtml = (subject: string, blocks: Block[]) => {
  const paragraph = (inner: string) =>
    `<p style="font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; margin: 0 0 20px;">${inner}</p>`;
  const body = blocks
    .map((block) =>
      typeof block === 'string'
        ? paragraph(escapeHtml(block).replace(/\n/g, '<br>'))
        : 'warning' in block
          ? paragraph(`<strong>${escapeHtml(block.warning)}</strong>`)
          : paragraph(`${escapeHtml(block.text)} <a href="${escapeHtml(block.href)}">${escapeHtml(block.href)}</a>`),
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="margin: 0; padding: 20px; color: #0b0c0c;">\n${body}\n</body>\n</html>\n`;
};

/** An email about a contact is keyed `<contactId>:<kind>`: once per contact and kind. The LADO pathway composes its emails with it too. */
export const compose = (
  about: { contactId: string; kind: string } | { idempotencyKey: string; contactId?: string },
  to: string,
  subject: string,
  blocks: Block[],
  config: MailConfig,
): EmailMessage => {
  const all = [...blocks, `${config.AREA_NAME} Front Door`, 'This is an automatic message. Do not reply to it.'];
  const keys =
    'kind' in about ? { idempotencyKey: `${about.contactId}:${about.kind}`, contactId: about.contactId } : about;
  return { ...keys, to, subject, text: `${renderText(all)}\n`, html: renderHtml(subject, all) };
};

const childrenSummary = (contact: Contact) => contact.notification.children.map(childName).join(', ');

/**
 * Referrers who gave no email address are not written to; those who gave no name are greeted
 * plainly, and so is an address not yet confirmed: the name is whatever the sender typed.
 */
const greeting = (contact: Contact) =>
  contact.notification.referrer.name && contact.acknowledgement?.addressConfirmed !== false
    ? `Dear ${contact.notification.referrer.name},`
    : 'Hello,';

const describeAgencyType = (type: string) =>
  type === 'anonymous' ? 'none (anonymous)' : `none (${type.replace(/-/g, ' ')})`;

const immediateDanger = (config: MailConfig): Block => ({
  warning: `If a child is in immediate danger, call 999 or the duty team on ${config.DUTY_TEAM_PHONE}. Do not wait for our decision.`,
});

/**
 * The acknowledgement. To an address not yet confirmed (`confirmUrl` given) it is generic: no
 * name, no children, no status link, only the reference, when a decision is due and the link
 * that confirms the address (shared/referrer/address-confirmation.ts).
 */
export const acknowledgementEmail = (
  contact: Contact,
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
      `A qualified social worker will decide what happens next by ${due}. We will email you the decision and the reasons for it.`,
      immediateDanger(config),
      { text: 'Check the status of your notification:', href: statusPageUrl(contact, config) },
    ],
    config,
  );
};

/**
 * A red contact needs someone now: the duty manager in office hours, the emergency duty team
 * outside them (domain brief §10). The alert names no child and links to the contact.
 */
export const dutyManagerAlert = (
  contact: Contact,
  config: MailConfig,
  when: { outOfHours: boolean } = { outOfHours: false },
): EmailMessage => {
  const to =
    when.outOfHours && config.EMERGENCY_DUTY_TEAM_ADDRESS
      ? config.EMERGENCY_DUTY_TEAM_ADDRESS
      : config.DUTY_MANAGER_ADDRESS;
  const recommendation = contact.recommendation;
  return compose(
    { contactId: contact.contactId, kind: 'duty-alert' },
    to,
    `RED: immediate risk notification ${contact.reference}`,
    [
      `A notification marked red has arrived: ${contact.reference}.`,
      ...(to === config.EMERGENCY_DUTY_TEAM_ADDRESS && when.outOfHours
        ? ['It arrived outside office hours, so it comes to the emergency duty team.']
        : []),
      contact.notification.immediateDanger
        ? 'The referrer says a child is in immediate danger.'
        : 'The levels-of-need rules assess the risk as immediate.',
      ...(recommendation
        ? [
            `Recommended: level ${recommendation.level}, ${describeRoute(recommendation.route)}. Decision due by ${formatLondonTime(recommendation.dueAt)}.`,
          ]
        : []),
      ...(recommendation?.caseHolders?.length
        ? recommendation.caseHolders.map(
            (c) =>
              `Child ${c.childIndex + 1} has an open ${c.kind === 'social-care' ? 'social care case; allocated worker' : 'early help case; lead professional'}: ${c.holder.name} (${c.holder.email}).`,
          )
        : []),
      `Referring agency: ${contact.notification.referrer.organisation ?? describeAgencyType(contact.notification.referrer.agencyType)}.`,
      { warning: 'Open the contact in the triage console now.' },
      { text: 'The contact:', href: consoleContactUrl(contact.contactId, config) },
    ],
    config,
  );
};

export const NEXT_STEPS: Record<Route, string> = {
  nfa: 'No further action will be taken by the council. Keep supporting the child and family as you would usually.',
  'information-advice': 'The family will be offered information and advice about universal and voluntary services.',
  'early-help-single-agency': 'Your agency is best placed to keep supporting the family, with advice from early help.',
  'early-help-targeted': 'The early help team will contact the family to offer targeted family support.',
  'csc-assessment': "Children's social care will carry out a child in need assessment.",
  'csc-strategy-discussion': "Children's social care will hold a strategy discussion with police and health.",
  'existing-open-case': 'The child already has an allocated worker, who has been told about your notification.',
};

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

/**
 * Emails about a decision are sent once per decision, not once per contact: a decision changed
 * on reconsideration is the contact's second (third...) and gets its own idempotency keys. The
 * first keeps the plain kind, so contacts decided before decisions were numbered are not re-sent.
 */
export const decisionNumber = (contact: Pick<Contact, 'previousDecisions'>): number =>
  (contact.previousDecisions?.length ?? 0) + 1;

const decisionKind = (contact: Contact, kind: string): string => {
  const sequence = decisionNumber(contact);
  return sequence > 1 ? `${kind}:${sequence}` : kind;
};

const describeDecision = (decision: Pick<ChildDecision, 'route' | 'level'>) =>
  `${describeRoute(decision.route)} (level of need ${decision.level})`;

/** Children are named only to a secure address; elsewhere by their place in the notification. */
const childLabel = (contact: Contact, childIndex: number, secure: boolean): string => {
  const child = contact.notification.children[childIndex];
  return secure && child ? childName(child) : `child ${childIndex + 1}`;
};

export const joinAnd = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/** One line for a whole decision: "<route> (level of need n)", or each group of children's. */
const describeWhole = (contact: Contact, decision: Pick<Decision, 'children'>, secure: boolean): string => {
  const groups = groupedByDecision(decision.children);
  if (groups.length === 1) return describeDecision(groups[0]![0]!);
  return groups
    .map((g) => `for ${joinAnd(g.map((c) => childLabel(contact, c.childIndex, secure)))}, ${describeDecision(g[0]!)}`)
    .join('; ');
};

export const outcomeEmail = (contact: Contact, config: MailConfig): EmailMessage | undefined => {
  const email = contact.notification.referrer.email;
  if (!email) return undefined;
  const decision = contact.decision!;
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

/** The answer to a referrer's request for reconsideration; sent once per contact. */
export const reconsiderationAnswerEmail = (contact: Contact, config: MailConfig): EmailMessage | undefined => {
  const email = contact.notification.referrer.email;
  if (!email) return undefined;
  const answer = contact.reconsideration!;
  const decision = contact.decision!;
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

/**
 * A partner agency's answer is late (domain brief §4: 48 hours). Sent once per request to the
 * address it went to; the question and the children are named only on a secure domain.
 */
export const partnerReminderEmail = (
  contact: Contact,
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

/**
 * The receiving teams are inside the secure network, so each gets the full handover for the
 * children it receives: a baby going to a strategy discussion and a teenager to early help are
 * two handovers, each naming its own children and decisions. A child routed to an open case goes
 * to the allocated worker's own address, not a team mailbox.
 */
export const teamHandoverEmails = (contact: Contact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision!;
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

/**
 * The decision before this one was replaced because a receiving team returned its handover
 * (shared/handovers), or because the referrer asked for it to be reconsidered.
 */
export const returnedByTeam = (contact: Pick<Contact, 'handoverReturn' | 'previousDecisions'>): boolean =>
  !!contact.handoverReturn && contact.handoverReturn.handoverId.startsWith(`${decisionNumber(contact) - 1}:`);

const whyReplaced = (contact: Contact): string =>
  returnedByTeam(contact)
    ? `after it was returned by the ${contact.handoverReturn!.team === 'early-help' ? 'early help' : 'social care'} team: ${contact.handoverReturn!.reason}`
    : 'after the referrer asked for it to be reconsidered';

/** The teams a decision hands children to, with the children each receives, in the decision's order. */
const childrenByTeam = (decision: Pick<Decision, 'children'>): Map<Team, ChildDecision[]> => {
  const teams = new Map<Team, ChildDecision[]>();
  for (const child of decision.children) {
    const team = teamForRoute(child.route);
    if (team) teams.set(team, [...(teams.get(team) ?? []), child]);
  }
  return teams;
};

const teamAddress = (team: Team, config: MailConfig): string =>
  team === 'early-help' ? config.EARLY_HELP_TEAM_ADDRESS : config.SOCIAL_CARE_TEAM_ADDRESS;

/**
 * Each team that received an earlier handover and receives no child under the new decision,
 * told it no longer stands when a reconsideration moved the children elsewhere (information
 * lost at hand-offs is a repeated finding of serious case reviews). A team that still receives
 * a child is told in its new handover instead.
 */
export const handoverReplacedEmails = (contact: Contact, config: MailConfig): EmailMessage[] => {
  const replaced = contact.previousDecisions?.at(-1);
  if (!replaced) return [];
  const decision = contact.decision!;
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

/** The allocated social worker of a child's open case, whom a contact routed to the open case goes to. */
const allocatedWorker = (contact: Contact, childIndex: number) =>
  contact.recommendation?.caseHolders?.find((c) => c.kind === 'social-care' && c.childIndex === childIndex);

/**
 * Where each child's handover goes, by address: a team mailbox, or for a child routed to an
 * open case, that child's allocated worker (the team's mailbox when the registry names nobody).
 */
export const handoversOf = (
  contact: Contact,
  config: MailConfig,
): Map<string, { kind: string; team: Team; children: ChildDecision[] }> => {
  const handovers = new Map<string, { kind: string; team: Team; children: ChildDecision[] }>();
  for (const [team, children] of childrenByTeam(contact.decision!)) {
    for (const child of children) {
      const worker =
        child.route === 'existing-open-case' ? allocatedWorker(contact, child.childIndex)?.holder.email : undefined;
      const to = worker ?? teamAddress(team, config);
      const handover = handovers.get(to) ?? {
        kind: worker ? `allocated-worker-${child.childIndex + 1}` : team,
        team,
        children: [],
      };
      handover.children.push(child);
      handovers.set(to, handover);
    }
  }
  return handovers;
};

/**
 * The allocated worker or lead professional of an open case is told of every decision about
 * their child (a strategy discussion they take part in, a step up from early help), unless the
 * handover already went to them. Detail only to a secure address.
 */
export const caseHolderNotices = (contact: Contact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision!;
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
/**
 * Other professionals the referrer named (the GP, the school's designated safeguarding lead, a
 * health visitor) are told the outcome, as the Ofsted inspection asked, but only at an address on
 * a secure domain: the email names the children and gives the reasons. An address given in the
 * form's "telephone number or email address" answer counts when it is an email address. Nobody
 * who is told otherwise (the referrer, a receiving team, an allocated worker) is told twice.
 */
export const professionalOutcomeEmails = (contact: Contact, config: MailConfig): EmailMessage[] => {
  const decision = contact.decision!;
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
