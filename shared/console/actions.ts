import type { EarlierContact } from '../triage/types';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  answerReconsideration,
  ChildDecisionFieldsSchema,
  ContactWrite,
  describeChildren,
  isOpen,
  type Contact,
  type ContactStatus,
  type DecisionFields,
  type Person,
} from '../contacts';
import type { ChildCase } from '../cases/case';
import type { CaseRegistry } from '../cases/ports';
import { matchKeysFor } from '../matching/keys';
import type { Child } from '../notification';
import { recommend } from '../rules';
import { reconsideredDecision } from '../referrer/reconsideration';
import { VersionConflict, type AuditEvent, type AuditTrail, type ChildIndex, type Contacts } from '../contacts/ports';
import type { MessageQueue } from '../front-door/ports';
import { agencyName, DEFAULT_AGENCIES, type Agency } from '../partners/agencies';

/** Partner agencies are asked to answer within 48 hours (domain brief §4). */
export const PARTNER_ANSWER_HOURS = 48;

const HOUR = 3600_000;
/**
 * A partner's answer informs the decision, so it falls due an hour before the decision does (for
 * reading it), and never more than 48 hours away; asked at the last moment, it still gets an hour.
 */
export const partnerAnswerDue = (now: Date, decisionDueAt: string | undefined): string => {
  const latest = now.getTime() + PARTNER_ANSWER_HOURS * HOUR;
  const beforeDecision = decisionDueAt ? Date.parse(decisionDueAt) - HOUR : latest;
  return new Date(Math.max(Math.min(latest, beforeDecision), now.getTime() + HOUR)).toISOString();
};

const text = (what: string, max = 4000) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

/** Everything a worker or manager can do to a contact from the console, other than deciding it. */
export const ActionSchemas = {
  claim: z.object({}),
  unassign: z.object({}),
  assign: z.object({ assignee: text('the user name of the worker to assign') }),
  escalate: z.object({ reason: text('why you are escalating this contact to a manager') }),
  link: z.object({ linkedContactId: z.string().min(1), linkedReference: z.string().min(1) }),
  unlink: z.object({ linkedContactId: z.string().min(1) }),
  'request-information': z.object({
    // Any agency in the stage configuration; checked against it when the action is performed.
    agency: z.string({ message: 'Choose which agency to ask' }).trim().min(1, 'Choose which agency to ask'),
    question: text('what you are asking the agency'),
    // Kept so that a reminder can go to the same address if the answer is late.
    sentTo: z
      .string({ message: 'Enter the email address you sent the request to' })
      .trim()
      .email('Enter the email address you sent the request to, like name@agency.example'),
  }),
  'record-answer': z.object({ requestId: z.string().min(1), answer: text("the agency's answer") }),
  // What the worker has learnt from the case management system, when it has not told Front Door.
  'record-case': z
    .object({
      childIndex: z.coerce.number().int().min(0),
      caseStatus: z.enum(['open', 'closed'], {
        message: 'Choose whether the child has an open case or the case is closed',
      }),
      kind: z.enum(['social-care', 'early-help'], {
        message: 'Choose whether it is a social care or an early help case',
      }),
      holderName: z.string().trim().max(200).optional(),
      holderEmail: z.string().trim().max(320).optional(),
      team: z.string().trim().max(200).optional(),
    })
    .superRefine((c, ctx) => {
      if (c.caseStatus !== 'open') return;
      if (!c.holderName)
        ctx.addIssue({
          code: 'custom',
          path: ['holderName'],
          message: 'Enter the name of the allocated worker or lead professional',
        });
      if (!c.holderEmail || !z.email().safeParse(c.holderEmail).success)
        ctx.addIssue({
          code: 'custom',
          path: ['holderEmail'],
          message: 'Enter their email address, like name@council.example',
        });
    }),
  'answer-reconsideration': z
    .object({
      reconsiderationStatus: z.enum(['upheld', 'changed'], {
        message: 'Choose whether the decision is upheld or changed',
      }),
      answer: text('your answer to the referrer'),
      // The new decision, from the same form: asked for only when the decision is changed.
      route: z.string().optional(),
      level: z.string().optional(),
      primaryNeed: z.string().optional(),
      rationale: z.string().optional(),
      // Which child's decision changes; empty for every child.
      childIndex: z.string().optional(),
    })
    .transform(
      (
        { reconsiderationStatus, answer, childIndex, ...fields },
        ctx,
      ): {
        reconsiderationStatus: 'upheld' | 'changed';
        answer: string;
        decision?: DecisionFields;
        childIndex?: number;
      } => {
        if (reconsiderationStatus === 'upheld') return { reconsiderationStatus, answer };
        const decision = ChildDecisionFieldsSchema.safeParse(decisionFields(fields));
        if (decision.success)
          return {
            reconsiderationStatus,
            answer,
            decision: decision.data,
            ...(childIndex && /^\d+$/.test(childIndex) && { childIndex: Number(childIndex) }),
          };
        for (const issue of decision.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        return z.NEVER;
      },
    ),
} as const;
/** A decision as a GOV.UK form posts it: every field a string, empty when not chosen. */
export const decisionFields = (fields: {
  route?: string;
  level?: string;
  primaryNeed?: string;
  rationale?: string;
  overrideReason?: string;
}) => ({
  route: fields.route || undefined,
  level: fields.level ? Number(fields.level) : undefined,
  primaryNeed: fields.primaryNeed || undefined,
  rationale: fields.rationale ?? '',
  overrideReason: fields.overrideReason?.trim() || undefined,
});

export type ActionKind = keyof typeof ActionSchemas;
export type ActionInput<K extends ActionKind> = z.output<(typeof ActionSchemas)[K]>;

/** Actions only a manager may take; the rest are open to workers and managers. */
export const MANAGER_ACTIONS: readonly ActionKind[] = ['assign', 'answer-reconsideration'];

export const isActionKind = (kind: string): kind is ActionKind => kind in ActionSchemas;

/**
 * `sendOutcome`: the outcome queue's consumer has emails to send after the write;
 * `newDecision` when the write made a new decision final.
 */
type Plan =
  | {
      write: ContactWrite<ContactStatus>;
      action: string;
      detail?: string;
      sendOutcome?: true;
      newDecision?: true;
      caseStatement?: { child: Child; record: ChildCase };
    }
  | { refused: string };

const person = (actor: AuditEvent['actor']): Person => ({ id: actor.id, name: actor.name });

/** What an action changes on the contact and how the audit trail describes it: pure. */
export const planAction = <K extends ActionKind>(
  kind: K,
  input: ActionInput<K>,
  contact: Contact,
  actor: AuditEvent['actor'],
  now: Date,
  /** The contact's earlier contacts (stored beside it), for an action that recommends again. */
  earlierContacts: EarlierContact[] = [],
  /** The stage's partner agencies, by whose names requests and answers are recorded. */
  agencies: readonly Agency[] = DEFAULT_AGENCIES,
): Plan => {
  const at = now.toISOString();
  const by = person(actor);
  const open = isOpen(contact.status);
  switch (kind) {
    case 'claim':
      if (!open) return { refused: 'Only contacts that are still open can be claimed' };
      if (contact.assignee?.id === actor.id) return { refused: 'You have already claimed this contact' };
      return {
        write: ContactWrite.change(contact, { assignee: by }),
        action: contact.assignee ? `Claimed from ${contact.assignee.name}` : 'Claimed',
      };
    case 'unassign':
      if (!contact.assignee) return { refused: 'Nobody is assigned to this contact' };
      if (contact.assignee.id !== actor.id && actor.role !== 'manager')
        return { refused: 'Only a manager can unassign someone else' };
      return { write: ContactWrite.change(contact, { assignee: null }), action: `Unassigned ${contact.assignee.name}` };
    case 'assign': {
      const { assignee } = input as ActionInput<'assign'>;
      if (!open) return { refused: 'Only contacts that are still open can be assigned' };
      return {
        write: ContactWrite.change(contact, { assignee: { id: assignee, name: assignee } }),
        action: 'Assigned',
        detail: `To ${assignee}`,
      };
    }
    case 'escalate': {
      const { reason } = input as ActionInput<'escalate'>;
      if (!open) return { refused: 'Only contacts that are still open can be escalated' };
      return {
        write: ContactWrite.change(contact, { escalation: { reason, by, at } }),
        action: 'Escalated to a manager',
        detail: reason,
      };
    }
    case 'link': {
      const { linkedContactId, linkedReference } = input as ActionInput<'link'>;
      if (linkedContactId === contact.contactId) return { refused: 'A contact cannot be linked to itself' };
      if (contact.links?.some((l) => l.contactId === linkedContactId))
        return { refused: `${linkedReference} is already linked` };
      return {
        write: ContactWrite.change(contact, {
          links: [...(contact.links ?? []), { contactId: linkedContactId, reference: linkedReference, by, at }],
        }),
        action: 'Linked an earlier contact',
        detail: linkedReference,
      };
    }
    case 'unlink': {
      const { linkedContactId } = input as ActionInput<'unlink'>;
      const link = contact.links?.find((l) => l.contactId === linkedContactId);
      if (!link) return { refused: 'That contact is not linked' };
      return {
        write: ContactWrite.change(contact, { links: contact.links!.filter((l) => l !== link) }),
        action: 'Unlinked an earlier contact',
        detail: link.reference,
      };
    }
    case 'request-information': {
      const { agency, question, sentTo } = input as ActionInput<'request-information'>;
      const dueAt = partnerAnswerDue(now, contact.recommendation?.dueAt);
      const request = { id: randomUUID(), agency, question, requestedAt: at, requestedBy: by, dueAt, sentTo };
      return {
        write: ContactWrite.change(contact, { partnerRequests: [...(contact.partnerRequests ?? []), request] }),
        action: `Asked ${agencyName(agencies, agency)} for information`,
        detail: `Due ${dueAt}`,
      };
    }
    case 'record-answer': {
      const { requestId, answer } = input as ActionInput<'record-answer'>;
      const request = contact.partnerRequests?.find((r) => r.id === requestId);
      if (!request) return { refused: 'That information request does not exist' };
      if (request.answer) return { refused: 'That information request has already been answered' };
      const answered = { ...request, answer, answeredAt: at, answeredBy: by };
      return {
        write: ContactWrite.change(contact, {
          partnerRequests: contact.partnerRequests!.map((r) => (r.id === requestId ? answered : r)),
        }),
        action: `Recorded ${agencyName(agencies, request.agency)}'s answer`,
      };
    }
    case 'record-case': {
      const { childIndex, caseStatus, kind, holderName, holderEmail, team } = input as ActionInput<'record-case'>;
      const child = contact.notification?.children[childIndex];
      if (!child) return { refused: 'That child is not in this notification' };
      const record: ChildCase = {
        status: caseStatus,
        kind,
        ...(caseStatus === 'open' && { holder: { name: holderName!, email: holderEmail! } }),
        ...(team && { team }),
        recordedAt: at,
        recordedBy: actor.id,
        source: 'console',
      };
      const openCases = [
        ...(contact.recommendation?.caseHolders ?? []).filter((c) => c.childIndex !== childIndex),
        ...(record.holder ? [{ childIndex, kind, holder: record.holder, ...(team && { team }) }] : []),
      ];
      // A contact still waiting for its decision is recommended again with what is now known.
      const changes =
        isOpen(contact.status) && contact.recommendation && contact.notification
          ? {
              recommendation: recommend({
                notification: contact.notification,
                history: { earlierContacts, openCases },
                receivedAt: new Date(contact.receivedAt),
              }),
            }
          : {};
      return {
        write: ContactWrite.change(contact, changes),
        action: `Recorded ${caseStatus === 'open' ? 'an open' : 'a closed'} ${kind === 'social-care' ? 'social care' : 'early help'} case for child ${childIndex + 1}`,
        ...(record.holder && {
          detail: `${kind === 'social-care' ? 'Allocated worker' : 'Lead professional'}: ${record.holder.name}${team ? `, ${team}` : ''}`,
        }),
        caseStatement: { child, record },
      };
    }
    case 'answer-reconsideration': {
      const answered = input as ActionInput<'answer-reconsideration'>;
      const previous = contact.decision;
      if (contact.reconsideration?.status !== 'requested' || contact.status !== 'decided' || !previous)
        return { refused: 'There is no reconsideration request to answer' };
      const reconsideration = {
        ...contact.reconsideration,
        status: answered.reconsiderationStatus,
        answer: answered.answer,
        answeredAt: at,
        answeredBy: actor.name,
      };
      const action = `Answered the referrer's reconsideration request: ${answered.reconsiderationStatus}`;
      // Either way the referrer is emailed the answer, by the consumer that sends outcomes.
      if (!answered.decision)
        return {
          write: ContactWrite.within(contact, answerReconsideration(contact, reconsideration)),
          action,
          sendOutcome: true,
        };
      // The new decision is one child's (the others keep theirs) or the same for every child.
      const reconsidered = reconsideredDecision(
        previous,
        { fields: answered.decision, childIndex: answered.childIndex },
        { at, actorId: actor.id },
      );
      if ('refused' in reconsidered) return reconsidered;
      const { decision } = reconsidered;
      return {
        // The decision a manager replaces stays on the record; the audit trail names both.
        write: ContactWrite.within(contact, answerReconsideration(contact, reconsideration, decision)),
        action,
        detail: `Decision changed from ${describeChildren(previous)} to ${describeChildren(decision)}`,
        sendOutcome: true,
        newDecision: true,
      };
    }
  }
  return { refused: 'Unknown action' };
};

export type ActionResult =
  | { outcome: 'done'; contact: Contact }
  | { outcome: 'not-found' }
  | { outcome: 'invalid'; errors: { path: string; message: string }[] }
  | { outcome: 'refused'; reason: string; contact: Contact }
  | { outcome: 'conflict'; reason: string; contact: Contact };

export const STALE_MESSAGE =
  'Someone else changed this contact after you opened it. Check what they did, then try again.';

/** Validates, plans and writes one action at the version the user saw, then audits it. */
export const performAction = async (
  request: {
    contactId: string;
    kind: ActionKind;
    fields: Record<string, string>;
    expectedVersion: number;
    actor: AuditEvent['actor'];
    now: Date;
  },
  deps: {
    store: Contacts & AuditTrail & ChildIndex;
    outcomeQueue: MessageQueue;
    /** The case registry, and the match key its children's keys are made with. */
    cases?: { registry: CaseRegistry; matchKey: string };
    agencies?: readonly Agency[];
  },
): Promise<ActionResult> => {
  const parsed = ActionSchemas[request.kind].safeParse(request.fields);
  if (!parsed.success)
    return {
      outcome: 'invalid',
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  const agencies = deps.agencies ?? DEFAULT_AGENCIES;
  if (
    request.kind === 'request-information' &&
    !agencies.some((a) => a.id === (parsed.data as ActionInput<'request-information'>).agency)
  ) {
    return { outcome: 'invalid', errors: [{ path: 'agency', message: 'Choose which agency to ask' }] };
  }
  const contact = await deps.store.get(request.contactId);
  if (!contact) return { outcome: 'not-found' };
  if ((contact.version ?? 0) !== request.expectedVersion)
    return { outcome: 'conflict', reason: STALE_MESSAGE, contact };
  const earlier = request.kind === 'record-case' ? (await deps.store.getMatches(contact.contactId)).earlier : [];
  const plan = planAction(
    request.kind,
    parsed.data as ActionInput<ActionKind>,
    contact,
    request.actor,
    request.now,
    earlier,
    agencies,
  );
  if ('refused' in plan) return { outcome: 'refused', reason: plan.refused, contact };
  if (plan.caseStatement) {
    if (!deps.cases) throw new Error('Recording a case needs the case registry');
    // The newest statement wins in the registry, so writing before the contact is safe to repeat.
    const { registry, matchKey } = deps.cases;
    await registry.record(
      matchKeysFor(plan.caseStatement.child, matchKey).map((k) => k.key),
      plan.caseStatement.record,
    );
  }
  try {
    const updated = await deps.store.update(
      contact.contactId,
      request.expectedVersion,
      plan.write,
      request.now.toISOString(),
    );
    await deps.store.appendEvent({
      contactId: contact.contactId,
      at: request.now.toISOString(),
      actor: request.actor,
      action: plan.action,
      detail: plan.detail,
    });
    if (plan.sendOutcome)
      await deps.outcomeQueue.send({
        contactId: contact.contactId,
        ...(plan.newDecision && { newDecision: plan.newDecision }),
      });
    return { outcome: 'done', contact: updated };
  } catch (error) {
    if (error instanceof VersionConflict && error.current)
      return { outcome: 'conflict', reason: STALE_MESSAGE, contact: error.current };
    throw error;
  }
};
