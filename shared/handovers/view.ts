import { formatLondonTime } from '../calendar/format';
import { decidedFor, hasNotification, type Contact, type Decision, type NotifiedContact } from '../contacts';
import type { AuditEvent, ContactMatches } from '../contacts/ports';
import { auditTrail } from '../audit/trail';
import { ASSESSMENT_FACTORS, PRIMARY_NEEDS, childNameOf } from '../notification';
import { ROUTES } from '../triage/types';
import { concernsLabel, ownConcernsText } from '../web/labels';
import { HANDOVER_STATUSES, HANDOVER_TEAMS, hoursToAccept, teamMayRead, type Handover } from './handover';
import type { HandoverMeasures } from './measures';

/**
 * What a receiving team sees. A step-down or step-up must carry the whole record (domain brief
 * §10: information lost at hand-offs is a repeated finding of serious case reviews), so the
 * team's page shows the contact in full: each child and what was decided for them and why, the
 * concerns in the referrer's words, the family, the other professionals, the recommendation's
 * reasons, the earlier contacts found, and what partner agencies answered.
 */
const row = (key: string, value: string | undefined) => ({ key: { text: key }, value: { text: value || 'Not given' } });
const when = (iso?: string) => (iso ? formatLondonTime(iso) : undefined);
const hours = (value?: number) =>
  value === undefined
    ? 'None yet'
    : value < 1
      ? 'Under an hour'
      : `${Math.round(value)} hour${Math.round(value) === 1 ? '' : 's'}`;

const describeDecided = (decision: Pick<Decision, 'children'> | undefined, childIndex: number) => {
  const d = decidedFor(decision, childIndex);
  return d && `Level ${d.level}, ${ROUTES[d.route]}`;
};

/** The decision a handover hands over: the contact's current one, or the earlier one it was for. */
const decisionOf = (contact: NotifiedContact, handover: Handover): Decision | undefined =>
  handover.decisionNumber === (contact.previousDecisions?.length ?? 0) + 1
    ? contact.decision
    : contact.previousDecisions?.[handover.decisionNumber - 1];

/**
 * When a later decision took back a handover the team had accepted (a manager's reconsideration
 * sent the children elsewhere, or the front door decided again): the team no longer reads the
 * record (teamMayRead), so its list must say why the line is there and no longer opens.
 */
const withdrawnAt = (handover: Handover, contact: NotifiedContact | undefined): string | undefined => {
  if (!contact || teamMayRead(contact, [handover])) return undefined;
  const next =
    contact.previousDecisions?.[handover.decisionNumber] ??
    (handover.decisionNumber === (contact.previousDecisions?.length ?? 0) ? contact.decision : undefined);
  return next?.decidedAt ?? handover.statusAt;
};

/** One line in a team's list of handovers; a contact that has no notification (none is handed over) names no one. */
export const handoverLine = (handover: Handover, stored: Contact | undefined, now: Date) =>
  lineOf(handover, stored && hasNotification(stored) ? stored : undefined, now);

const lineOf = (handover: Handover, contact: NotifiedContact | undefined, now: Date) => ({
  contactId: handover.contactId,
  handoverId: handover.handoverId,
  reference: handover.reference,
  team: HANDOVER_TEAMS[handover.team],
  children: contact
    ? handover.childIndexes.map((i) => childNameOf(contact, i)).join(', ')
    : handover.childIndexes.map((i) => `Child ${i + 1}`).join(', '),
  // The decision this handover was for: a team that returned it is not shown where the child went next.
  decisions: contact
    ? handover.childIndexes
        .map((i) => describeDecided(decisionOf(contact, handover), i))
        .filter(Boolean)
        .join('; ')
    : '',
  sentAt: handover.sentAt,
  statusAt: handover.statusAt,
  status: HANDOVER_STATUSES[handover.status],
  waitingHours:
    handover.status === 'sent' ? hours((now.getTime() - Date.parse(handover.sentAt)) / 3600_000) : undefined,
  hoursToAccept: handover.status === 'accepted' ? hours(hoursToAccept(handover)) : undefined,
  returnReason: handover.returnReason,
  by: handover.acceptedBy?.name ?? handover.returnedBy?.name,
  ...acceptedState(handover, contact),
});

/** An accepted line's GOV.UK tag: still the team's, or withdrawn by a later decision (and when). */
const acceptedState = (
  handover: Handover,
  contact: NotifiedContact | undefined,
): { tag?: { text: string; classes: string }; withdrawnAt?: string } => {
  if (handover.status !== 'accepted') return {};
  const withdrawn = withdrawnAt(handover, contact);
  return withdrawn
    ? { withdrawnAt: withdrawn, tag: { text: 'Withdrawn', classes: 'govuk-tag--grey' } }
    : { tag: { text: 'Accepted', classes: 'govuk-tag--green' } };
};

export const measuresRows = (m: HandoverMeasures) => [
  row(
    'Waiting to be accepted',
    `${m.waiting}${m.oldestWaitingHours !== undefined ? ` (the oldest for ${hours(m.oldestWaitingHours).toLowerCase()})` : ''}`,
  ),
  row('Accepted in the last 30 days', String(m.accepted)),
  row('Median time to acceptance', hours(m.medianHoursToAccept)),
  row('Returned to the front door in the last 30 days', String(m.returned)),
];

/** The whole record, as the receiving team reads it. */
export const handoverRecord = (
  contact: NotifiedContact,
  handovers: Handover[],
  matches: ContactMatches,
  events: AuditEvent[],
) => {
  const n = contact.notification;
  const consent =
    n.consent.status === 'given'
      ? 'Given'
      : `${n.consent.status === 'refused' ? 'Refused' : 'Not sought'}: ${n.consent.reason}`;
  return {
    handovers: handovers.map((h) => {
      const decision = decisionOf(contact, h);
      return {
        handoverId: h.handoverId,
        status: h.status,
        title: `${HANDOVER_TEAMS[h.team]}: ${h.childIndexes.map((i) => childNameOf(contact, i)).join(', ')}`,
        rows: [
          row('Status', HANDOVER_STATUSES[h.status]),
          row('Sent', when(h.sentAt)),
          row('Sent to', h.to),
          ...h.childIndexes.flatMap((i) => {
            const d = decidedFor(decision, i);
            return d
              ? [
                  row(
                    `Decision for ${childNameOf(contact, i)}`,
                    `Level ${d.level}, ${ROUTES[d.route]}${d.primaryNeed ? ` (primary need ${d.primaryNeed} ${PRIMARY_NEEDS[d.primaryNeed]})` : ''}`,
                  ),
                  row('Rationale', d.rationale),
                ]
              : [];
          }),
          ...(decision ? [row('Decided by', `${decision.decidedBy} on ${when(decision.decidedAt)}`)] : []),
          ...(h.status === 'accepted'
            ? [
                row(
                  'Accepted',
                  `${h.acceptedBy?.name} on ${when(h.statusAt)}, ${hours(hoursToAccept(h)).toLowerCase()} after it was sent`,
                ),
              ]
            : []),
          ...(h.status === 'returned'
            ? [row('Returned', `${h.returnedBy?.name} on ${when(h.statusAt)}: ${h.returnReason}`)]
            : []),
        ],
      };
    }),
    // Siblings handed elsewhere are named too, so that nobody works with half a family.
    otherChildren: (contact.decision?.children ?? [])
      .filter((c) => !handovers.some((h) => h.childIndexes.includes(c.childIndex)))
      .map((c) => row(childNameOf(contact, c.childIndex), `Level ${c.level}, ${ROUTES[c.route]}: ${c.rationale}`)),
    children: n.children.map((c, i) => ({
      name: childNameOf(contact, i),
      rows: [
        row(
          'Date of birth',
          c.dateOfBirth ??
            (c.expectedDateOfDelivery
              ? `Expected ${c.expectedDateOfDelivery}`
              : c.approximateAge !== undefined
                ? `Not known (about ${c.approximateAge} years old)`
                : 'Not known'),
        ),
        row('Address', `${c.address.line1}, ${c.address.town}, ${c.address.postcode}`),
        row('School', c.school),
        row(
          'First language',
          c.firstLanguage ? `${c.firstLanguage}${c.interpreterNeeded ? ' (needs an interpreter)' : ''}` : undefined,
        ),
        row('Disability', c.disability),
        row('NHS number', c.nhsNumber),
        ...(c.concerns ? [row('Concerns about this child only', ownConcernsText(c.concerns))] : []),
      ],
    })),
    concernRows: [
      row('Received', when(contact.receivedAt)),
      row('Referrer', [n.referrer.name, n.referrer.role, n.referrer.organisation].filter(Boolean).join(', ')),
      row('Referrer contact', [n.referrer.email, n.referrer.phone].filter(Boolean).join(', ')),
      row('Immediate danger', n.immediateDanger ? 'Yes' : 'No'),
      row(concernsLabel(n), n.concerns.factors.map((f) => `${f} ${ASSESSMENT_FACTORS[f]}`).join('; ')),
      row('What happened', n.concerns.description),
      row('What the referrer expects', n.expectation),
      row('Consent to share', consent),
      row("Child's views", n.childViews),
      row('Parents and carers', n.parentsAndCarers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
      row('Household', n.householdMembers.map((p) => `${p.name} (${p.relationship})`).join('; ')),
      row('Other professionals', n.otherProfessionals.map((p) => `${p.name}, ${p.role}, ${p.organisation}`).join('; ')),
    ],
    reasons: contact.recommendation?.reasons.map((r) => r.text) ?? [],
    history: matches.earlier.map((m) =>
      row(
        `${m.reference} (${when(m.receivedAt)})`,
        `${childNameOf(contact, m.childIndex)}; ${m.route ? `level ${m.level}, ${ROUTES[m.route]}` : m.status}`,
      ),
    ),
    household: matches.household.map((m) =>
      row(
        `${m.reference} (${when(m.receivedAt)})`,
        `Another child at ${childNameOf(contact, m.childIndex)}'s address; ${m.route ? `level ${m.level}, ${ROUTES[m.route]}` : m.status}`,
      ),
    ),
    partnerAnswers: (contact.partnerRequests ?? []).map((r) =>
      row(
        `${r.agency}: ${r.question}`,
        r.answer ? `${r.answer} (${r.answeredBy?.name}, ${when(r.answeredAt)})` : 'Not answered',
      ),
    ),
    earlierDecisions: (contact.previousDecisions ?? []).map((d) =>
      row(
        `Earlier decision (${d.decidedBy}, ${when(d.decidedAt)})`,
        d.children
          .map((c) => `${childNameOf(contact, c.childIndex)}: level ${c.level}, ${ROUTES[c.route]}: ${c.rationale}`)
          .join('; '),
      ),
    ),
    // The same story the contact page tells (the audit trail's template reads entries, not raw events).
    trail: auditTrail(contact, events),
  };
};
