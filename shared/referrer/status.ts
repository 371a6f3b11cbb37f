import { describeRoute, groupedByDecision, type Contact } from '../contacts';
import { joinAnd } from '../mail/wording';
import { CONFIDENTIAL_OUTCOME, NEXT_STEPS, PUBLIC_NEXT_STEPS } from '../mail/next-steps';
import { isProfessionalAgencyType } from '../notification';

/**
 * What a referrer sees on their status page. Anyone holding the link can read it, so it says
 * where the notification is, the route decided and the standard next steps, never who the
 * children are. The free text (the decision's reasons, a manager's reconsideration answer) is
 * shown only once a one-time code has been entered (shared/referrer/status-access.ts). Only a
 * professional referrer is told the route: anyone else (a member of the public, family, an
 * anonymous referrer) sees that we have decided and the standard next steps, code or not, since
 * telling them a strategy discussion is to be held could tip off whoever harms the child.
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
  /**
   * One entry per child, in the order the referrer gave them, numbered rather than named (a
   * single child has no number); children with the same decision share an entry.
   */
  decision?: {
    children: { label?: string; route: string; level: number; reasons?: string; nextSteps: string }[];
    decidedAt: string;
  };
  /** Decided, told to a referrer who is not a professional: no route, no reasons. */
  confidentialOutcome?: { text: string; nextSteps: string; decidedAt: string };
  reconsideration?: {
    status: 'requested' | 'upheld' | 'changed';
    requestedAt: string;
    answer?: string;
    answeredAt?: string;
  };
  /** Told the route and, with a code, the reasons (isProfessionalAgencyType). */
  professional: boolean;
  /** A referrer may ask once, and only about a decision. */
  mayAskForReconsideration: boolean;
  /** There is free text to show, and it is not shown yet. */
  freeTextWithheld: boolean;
}

export const referrerStatus = (
  contact: Contact,
  options: { revealFreeText: boolean } = { revealFreeText: false },
): ReferrerStatus => {
  const stage: Stage =
    contact.status === 'received' ? 'received' : contact.status === 'decided' ? 'decided' : 'being-reviewed';
  const decided = stage === 'decided' ? contact.decision : undefined;
  const professional = isProfessionalAgencyType(contact.notification?.referrer.agencyType);
  const decision = professional ? decided : undefined;
  const revealFreeText = professional && options.revealFreeText;
  const r = contact.reconsideration;
  const childCount = contact.notification?.children.length ?? 1;
  return {
    reference: contact.reference,
    stage,
    receivedAt: contact.receivedAt,
    decisionDueAt: contact.recommendation?.dueAt,
    decision: decision && {
      children: groupedByDecision(decision.children).map((group) => ({
        label:
          group.length === childCount
            ? undefined
            : `${group.length > 1 ? 'Children' : 'Child'} ${joinAnd(group.map((c) => String(c.childIndex + 1)))}`,
        route: describeRoute(group[0]!.route),
        level: group[0]!.level,
        reasons: revealFreeText ? group[0]!.rationale : undefined,
        nextSteps: NEXT_STEPS[group[0]!.route],
      })),
      decidedAt: decision.decidedAt,
    },
    confidentialOutcome:
      decided && !professional
        ? { text: CONFIDENTIAL_OUTCOME, nextSteps: PUBLIC_NEXT_STEPS, decidedAt: decided.decidedAt }
        : undefined,
    reconsideration: r && {
      status: r.status,
      requestedAt: r.requestedAt,
      answer: revealFreeText ? r.answer : undefined,
      answeredAt: r.answeredAt,
    },
    professional,
    mayAskForReconsideration: Boolean(decision) && !r,
    freeTextWithheld: Boolean(decision) && !revealFreeText,
  };
};
