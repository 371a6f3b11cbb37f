import { describeRoute, type Contact } from '../contacts';
import { NEXT_STEPS } from '../mail/messages';

/**
 * What a referrer sees on their status page. Anyone holding the link can read it, so it says
 * where the notification is, the route decided and the standard next steps, never who the
 * children are. The free text (the decision's reasons, a manager's reconsideration answer) is
 * shown only once a one-time code has been entered (shared/referrer/status-access.ts).
 */
export type Stage = 'received' | 'being-reviewed' | 'decided';

export const STAGE_TEXT: Record<Stage, string> = {
  received: 'Received',
  'being-reviewed': 'Being reviewed',
  decided: 'Decided',
};

/** The status as the referrer would say it: a decision they asked us to look at again is not settled. */
export const statusText = (status: ReferrerStatus): string =>
  status.reconsideration?.status === 'requested' ? 'Reconsideration requested' : STAGE_TEXT[status.stage];

export interface ReferrerStatus {
  reference: string;
  stage: Stage;
  receivedAt: string;
  decisionDueAt?: string;
  decision?: { route: string; level: number; reasons?: string; nextSteps: string; decidedAt: string };
  reconsideration?: { status: 'requested' | 'upheld' | 'changed'; requestedAt: string; answer?: string; answeredAt?: string };
  /** A referrer may ask once, and only about a decision. */
  mayAskForReconsideration: boolean;
  /** There is free text to show, and it is not shown yet. */
  freeTextWithheld: boolean;
}

export const referrerStatus = (contact: Contact, options: { revealFreeText: boolean } = { revealFreeText: false }): ReferrerStatus => {
  const stage: Stage = contact.status === 'received' ? 'received' : contact.status === 'decided' ? 'decided' : 'being-reviewed';
  const decision = stage === 'decided' ? contact.decision : undefined;
  const r = contact.reconsideration;
  return {
    reference: contact.reference,
    stage,
    receivedAt: contact.receivedAt,
    decisionDueAt: contact.recommendation?.dueAt,
    decision: decision && {
      route: describeRoute(decision.route),
      level: decision.level,
      reasons: options.revealFreeText ? decision.rationale : undefined,
      nextSteps: NEXT_STEPS[decision.route],
      decidedAt: decision.decidedAt,
    },
    reconsideration: r && { status: r.status, requestedAt: r.requestedAt, answer: options.revealFreeText ? r.answer : undefined, answeredAt: r.answeredAt },
    mayAskForReconsideration: Boolean(decision) && !r,
    freeTextWithheld: Boolean(decision) && !options.revealFreeText,
  };
};
