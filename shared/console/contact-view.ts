import { can, type StaffUser } from '../auth/roles';
import { clockTime, formatDate, formatLondonTime } from '../calendar/format';
import { awaitsWorkerDecision, groupedByDecision, isOpen, type Decision, type NotifiedContact } from '../contacts';
import type { AuditEvent, ContactMatches } from '../contacts/ports';
import { PRIMARY_NEEDS, childName, childNameOf } from '../notification';
import { agencyName, type Agency } from '../partners/agencies';
import { describeClock } from '../triage/clocks';
import { ROUTES, type EarlierContact } from '../triage/types';
import {
  factorName,
  concernsLabel,
  ownConcernsText,
  matchedOn,
  outcomeName,
  primaryNeedName,
  priorityName,
  referrerAgencyName,
  riskLevelName,
  routeName,
  statusName,
  themeName,
} from '../web/labels';
import { auditTrail, redAlertOf } from '../audit/trail';
import type { EmailContact } from './incoming-email';

/** Times as people read them: London time, GOV.UK style. */
const when = (iso?: string) => iso && formatLondonTime(iso);

/** The route, level and primary need choices of a decision form, with the user's choices kept. */
export const decisionOptions = (values: { route?: string; level?: string; primaryNeed?: string }) => ({
  routes: [
    { value: '', text: 'Choose a route' },
    ...Object.entries(ROUTES).map(([value, text]) => ({ value, text, selected: value === values.route })),
  ],
  levels: ['1', '2', '3', '4'].map((value) => ({ value, text: `Level ${value}`, checked: value === values.level })),
  primaryNeeds: [
    { value: '', text: 'Choose a primary need' },
    ...Object.entries(PRIMARY_NEEDS).map(([value, text]) => ({ value, text, selected: value === values.primaryNeed })),
  ],
});

const row = (key: string, value: string | undefined) => ({ key: { text: key }, value: { text: value || 'Not given' } });

/**
 * A decision's rows: one child's as before; several children's child by child, with children
 * who were given the same decision together.
 */
const decisionRows = (
  contact: NotifiedContact,
  decision: Pick<Decision, 'children'>,
  options: { details?: boolean } = {},
): ReturnType<typeof row>[] =>
  groupedByDecision(decision.children).flatMap((group) => {
    const d = group[0]!;
    const whose =
      contact.notification.children.length > 1
        ? ` (${group.map((c) => childNameOf(contact, c.childIndex)).join(', ')})`
        : '';
    return [
      row(`Decision${whose}`, outcomeName(d.level, d.route)),
      ...(options.details ? [row('Primary need', d.primaryNeed && primaryNeedName(d.primaryNeed))] : []),
      row('Rationale', d.rationale),
      ...(options.details ? [row('Reason for overriding', d.overrideReason)] : []),
    ];
  });
/** When a missing child came back or was found, as the referrer gave it: "9:30pm on 27 November 2026". */
const returnedAt = ({ returnedOn, returnedTime }: { returnedOn?: string; returnedTime?: string }) => {
  if (!returnedOn) return undefined;
  const [hour, minutes] = (returnedTime ?? '').split(':');
  return returnedTime ? `${clockTime(Number(hour), minutes!)} on ${formatDate(returnedOn)}` : formatDate(returnedOn);
};

/**
 * The screening results the referrer gave, child by child, as the levels-of-need engine reads
 * them (shared/rules/engine.ts): a CSE screening outcome and a count of missing episodes are the
 * child's own (the notification's, with one child); the DASH level is about the household's adult
 * victim and the return is the notification's, so they are every child's. Only results given.
 */
const screeningOf = (n: NotifiedContact['notification']) =>
  n.children
    .map((child, i) => {
      const all = n.concerns.screening;
      const own = child.concerns?.screening;
      const cse = own?.cseRisk ?? all.cseRisk;
      const missing = own?.missingEpisodes ?? all.missingEpisodes;
      const returned = returnedAt(all);
      return {
        title: n.children.length > 1 ? `Child ${i + 1}: ${childName(child)}` : childName(child),
        rows: [
          ...(all.dashRisk
            ? [row('DASH domestic abuse risk level (about the adult victim)', riskLevelName(all.dashRisk))]
            : []),
          ...(cse ? [row('Child sexual exploitation screening outcome', riskLevelName(cse))] : []),
          ...(missing !== undefined ? [row('Times gone missing in the last 90 days', String(missing))] : []),
          ...(returned ? [row('Came back or was found', returned)] : []),
        ],
      };
    })
    .filter((c) => c.rows.length > 0);

const TWELVE_MONTHS = 365 * 24 * 3600_000;
const RECONSIDERATION_STATUSES = {
  requested: "Waiting for a manager's answer",
  upheld: 'Decision upheld',
  changed: 'Decision changed',
} as const;

export interface ContactPageState {
  errors?: { text: string; href: string }[];
  /** What was typed into a form that was refused, so it is shown again rather than lost. */
  kept?: { action: string; values: Record<string, string> };
  conflict?: string;
  done?: string;
}

/**
 * What the handler reads for a contact's page; the view model is built from these alone. The
 * contact's triage meeting records are drawn beside it (functions/console/contact-meetings.ts).
 */
export interface ContactViewInput {
  contact: NotifiedContact;
  user: StaffUser;
  state?: ContactPageState;
  events: AuditEvent[];
  matches: ContactMatches;
  agencies: readonly Agency[];
  now: Date;
}

export interface IncomingEmailViewInput {
  contact: EmailContact;
  user: StaffUser;
  state?: ContactPageState;
  events: AuditEvent[];
}

/**
 * A free-text email's contact before a worker completes it: the email as received (text only,
 * escaped like everything else), its attachments and template errors, and the way to complete it.
 */
export const incomingEmailView = ({ contact, user, state = {}, events }: IncomingEmailViewInput) => {
  const email = contact.incomingEmail;
  return {
    ...state,
    contact,
    email,
    canAct: can(user, 'act'),
    emailRows: [
      row('From', email.from),
      row('Subject', email.subject),
      row('Received', when(contact.receivedAt)),
      row('Assigned to', contact.assignee?.name || 'Nobody'),
    ],
    // Paragraphs and lines as the sender wrote them, each escaped: the GOV.UK styles have no pre-wrap class.
    paragraphs: email.text
      .split(/\r?\n\s*\r?\n/)
      .filter((p) => p.trim())
      .map((p) => p.split(/\r?\n/)),
    attachmentRows: email.attachments.map((a) =>
      row(a.filename, `${a.contentType}, ${Math.max(1, Math.round(a.size / 1024))} KB`),
    ),
    templateErrorRows: email.templateErrors?.map((e) => row(e.path, e.message)),
    trail: auditTrail(contact, events),
  };
};

/** "and 270 more" lines under a history table, for each child or address that had more than it keeps. */
const moreOf = (
  matches: ContactMatches,
  kind: 'child' | 'household',
  whose: (childIndex: number) => string | undefined,
) =>
  matches.more
    .filter((m) => m.kind === kind)
    .map(
      (m) =>
        `${whose(m.childIndex) ?? `Child ${m.childIndex + 1}`}: and ${m.count} more earlier contact${m.count === 1 ? '' : 's'} not listed`,
    );

const keptFor = (state: ContactPageState, action: string): Record<string, string> =>
  state.kept?.action === action ? state.kept.values : {};

/**
 * The contact page: the notification, the recommendation, history, partner requests and audit
 * trail, from what the handler read; pure, so that what a worker sees can be tested without a store.
 */
export const contactView = ({ contact, user, state = {}, events, matches, agencies, now: at }: ContactViewInput) => {
  const n = contact.notification;
  const now = at.getTime();
  const linked = new Set((contact.links ?? []).map((l) => l.contactId));
  const outcomeOf = (m: Pick<EarlierContact, 'route' | 'level' | 'status'>) =>
    m.route ? outcomeName(m.level ?? 0, m.route) : statusName(m.status);
  // People by name (issue 12): a decision records who decided by user id, the audit trail by name.
  const names = new Map(events.map((e) => [e.actor.id, e.actor.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const history = matches.earlier.map((m) => ({
    contactId: m.contactId,
    reference: m.reference,
    receivedAt: m.receivedAt,
    matchedOn: `${n.children[m.childIndex] ? `${childName(n.children[m.childIndex]!)}: ` : ''}${matchedOn(m.matchedOn)}`,
    outcome: outcomeOf(m),
    linked: linked.has(m.contactId),
  }));
  for (const link of contact.links ?? []) {
    if (!history.some((h) => h.contactId === link.contactId)) {
      history.push({
        contactId: link.contactId,
        reference: link.reference,
        receivedAt: link.at,
        matchedOn: `Linked by ${link.by.name}`,
        outcome: '',
        linked: true,
      });
    }
  }
  const householdHistory = matches.household.map((m) => ({
    contactId: m.contactId,
    reference: m.reference,
    receivedAt: m.receivedAt,
    address: n.children[m.childIndex] && `${childName(n.children[m.childIndex]!)}'s address`,
    outcome: outcomeOf(m),
  }));
  const decision = contact.decision;
  const consent =
    n.consent.status === 'given'
      ? 'Given'
      : `${n.consent.status === 'refused' ? 'Refused' : 'Not sought'}: ${n.consent.reason}`;
  const dueAt = contact.recommendation?.dueAt;
  const overdue = isOpen(contact.status) && !!dueAt && new Date(dueAt).getTime() < now;
  const red = contact.recommendation?.priority === 'red' && {
    reasons: [
      ...(n.immediateDanger ? ['The referrer says a child is in immediate danger.'] : []),
      ...contact.recommendation.children
        .filter((c) => c.priority === 'red')
        .flatMap((c) =>
          c.reasons.map((r) => `${n.children.length > 1 ? `${childNameOf(contact, c.childIndex)}: ` : ''}${r.text}`),
        ),
    ],
    alert: redAlertOf(events),
  };
  return {
    ...state,
    contact,
    statusName: statusName(contact.status),
    red,
    overdue,
    open: isOpen(contact.status),
    canDecideNow: awaitsWorkerDecision(contact.status),
    canAct: can(user, 'act'),
    canManage: can(user, 'manage'),
    tags: [
      ...(contact.recommendation
        ? [
            {
              text: `${priorityName(contact.recommendation.priority)} priority`,
              classes: { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' }[
                contact.recommendation.priority
              ],
            },
          ]
        : []),
      ...(overdue ? [{ text: 'Overdue', classes: 'govuk-tag--red' }] : []),
      ...(contact.escalation ? [{ text: 'Escalated', classes: 'govuk-tag--yellow' }] : []),
      ...(contact.referrerNotReached ? [{ text: 'Referrer not reached', classes: 'govuk-tag--red' }] : []),
    ],
    summaryRows: [
      row('Status', statusName(contact.status)),
      row('Received', when(contact.receivedAt)),
      row('Decision due', dueAt && `${when(dueAt)}${overdue ? ' (overdue)' : ''}`),
      row('Assigned to', contact.assignee?.name || 'Nobody'),
      ...(contact.escalation ? [row('Escalated', `${contact.escalation.by.name}: ${contact.escalation.reason}`)] : []),
      ...(decision
        ? [
            ...decisionRows(contact, decision),
            row('Decided by', `${nameOf(decision.decidedBy)} at ${when(decision.decidedAt)}`),
          ]
        : []),
      ...(contact.previousDecisions ?? []).map((d) =>
        row(
          'Replaced decision',
          `${d.children.map((c) => `${n.children.length > 1 ? `${childNameOf(contact, c.childIndex)}: ` : ''}${outcomeName(c.level, c.route)}: ${c.rationale}`).join('; ')} (${nameOf(d.decidedBy)} at ${when(d.decidedAt)})`,
        ),
      ),
    ],
    proposedRows: contact.proposedDecision && [
      ...decisionRows(contact, contact.proposedDecision, { details: true }),
      row(
        'Proposed by',
        `${nameOf(contact.proposedDecision.decidedBy)} at ${when(contact.proposedDecision.decidedAt)}`,
      ),
    ],
    reconsiderationRows: contact.reconsideration && [
      row('Requested', when(contact.reconsideration.requestedAt)),
      row('Reason', contact.reconsideration.reason),
      row('Status', RECONSIDERATION_STATUSES[contact.reconsideration.status]),
      ...(contact.reconsideration.answer
        ? [row('Answer', `${contact.reconsideration.answer} (${contact.reconsideration.answeredBy})`)]
        : []),
    ],
    // A manager changing the decision on reconsideration records the new one in the same form.
    reconsiderationDecision: decisionOptions(keptFor(state, 'answer-reconsideration')),
    // A manager may change one child's decision; the others keep theirs.
    reconsiderationChildren: [
      { value: '', text: 'Every child in this notification' },
      ...n.children.map((c, i) => ({
        value: String(i),
        text: childName(c),
        selected: keptFor(state, 'answer-reconsideration').childIndex === String(i),
      })),
    ],
    kept: {
      reconsider: keptFor(state, 'answer-reconsideration'),
      request: keptFor(state, 'request-information'),
      escalate: keptFor(state, 'escalate'),
    },
    recommendationRows: contact.recommendation && [
      ...(n.children.length > 1
        ? contact.recommendation.children.map((c) =>
            row(
              childNameOf(contact, c.childIndex),
              `${outcomeName(c.level, c.route)}, ${priorityName(c.priority).toLowerCase()} priority`,
            ),
          )
        : [
            row('Level of need', `Level ${contact.recommendation.level}`),
            row('Route', routeName(contact.recommendation.route)),
            row('Priority', priorityName(contact.recommendation.priority)),
          ]),
      row('Themes', contact.recommendation.themes.map(themeName).join(', ') || 'None'),
      row(
        'Other clocks',
        contact.recommendation.clocks.map((c) => describeClock(c, new Date(now), formatLondonTime)).join('; ') ||
          'None',
      ),
      row('Ruleset', `${contact.recommendation.ruleset.id} version ${contact.recommendation.ruleset.version}`),
    ],
    screening: screeningOf(n),
    notificationRows: [
      row('Referrer', [n.referrer.name, n.referrer.role, n.referrer.organisation].filter(Boolean).join(', ')),
      row("Referrer's agency", referrerAgencyName(n.referrer.agencyType)),
      row('Referrer contact', [n.referrer.email, n.referrer.phone].filter(Boolean).join(', ')),
      row('Immediate danger', n.immediateDanger ? 'Yes' : 'No'),
      row(concernsLabel(n), n.concerns.factors.map(factorName).join('; ')),
      row('What happened', n.concerns.description),
      row('What the referrer expects', n.expectation),
      row('Consent to share', consent),
      row("Child's views", n.childViews),
      row('Parents and carers', n.parentsAndCarers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
      row('Household', n.householdMembers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
      row('Other professionals', n.otherProfessionals.map((p) => `${p.name}, ${p.role}, ${p.organisation}`).join('; ')),
      row('Agency reference', n.agencyReference),
    ],
    children: n.children.map((c) => ({
      name: childName(c),
      rows: [
        row(
          'Date of birth',
          c.dateOfBirth
            ? formatDate(c.dateOfBirth)
            : c.expectedDateOfDelivery
              ? `Not born yet: expected ${formatDate(c.expectedDateOfDelivery)}`
              : c.approximateAge !== undefined
                ? `Not known (about ${c.approximateAge} years old)`
                : 'Not known',
        ),
        row('Address', `${c.address.line1}, ${c.address.town}, ${c.address.postcode}`),
        row('School', c.school),
        row(
          'First language',
          `${c.firstLanguage ?? 'Not known'}${c.interpreterNeeded ? ' (needs an interpreter)' : c.interpreterNeeded === undefined ? ' (interpreter need not known)' : ''}`,
        ),
        row('Disability', c.disability),
        row('NHS number', c.nhsNumber),
        ...(c.concerns ? [row('Concerns about this child only', ownConcernsText(c.concerns))] : []),
      ],
    })),
    recontacts: matches.earlier.filter((m) => now - new Date(m.receivedAt).getTime() < TWELVE_MONTHS).length,
    moreHistory: moreOf(matches, 'child', (i) => n.children[i] && childName(n.children[i]!)),
    moreHousehold: moreOf(matches, 'household', (i) => n.children[i] && `${childName(n.children[i]!)}'s address`),
    history,
    householdHistory,
    agencyOptions: agencies.map((a) => ({
      value: a.id,
      text: a.name,
      selected: a.id === keptFor(state, 'request-information').agency,
    })),
    partnerRequests: (contact.partnerRequests ?? []).map((r) => ({
      id: r.id,
      agency: agencyName(agencies, r.agency),
      answered: !!r.answer,
      title: `${agencyName(agencies, r.agency)}: ${r.answer ? 'answered' : new Date(r.dueAt).getTime() < now ? 'overdue' : 'waiting'}`,
      rows: [
        row('Asked', `${r.question} (${r.requestedBy.name}, ${when(r.requestedAt)})`),
        row('Sent to', r.sentTo),
        row('Due', when(r.dueAt)),
        row('Answer', r.answer ? `${r.answer} (${r.answeredBy?.name}, ${when(r.answeredAt)})` : 'Not yet'),
      ],
    })),
    trail: auditTrail(contact, events),
  };
};
