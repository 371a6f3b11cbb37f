import type { OpenCase } from '../cases/open-case';
import type { Notification } from '../notification';

/**
 * The vocabulary the triage engine, the state machine and the console share. The engine itself
 * lives in shared/rules; this file only names what goes in and what comes out.
 */

export type Level = 1 | 2 | 3 | 4;

/** Routes from least to most intrusive (domain brief §2). */
export const ROUTES = {
  nfa: 'No further action',
  'information-advice': 'Information, advice and signposting',
  'early-help-single-agency': 'Early help: universal plus / single agency',
  'early-help-targeted': 'Early help: targeted family support',
  'csc-assessment': "Children's social care: child in need assessment (s17)",
  'csc-strategy-discussion': "Children's social care: strategy discussion (s47)",
  'existing-open-case': 'Existing open case: pass to the allocated worker',
} as const;
export type Route = keyof typeof ROUTES;

/**
 * How intrusive a route is, for summarising several children's routes as one (a queue line,
 * the state machine's red branch): the most intrusive child's route stands for the contact. An
 * open case ranks below a fresh statutory assessment, which it does not replace.
 */
const INTRUSIVENESS: Record<Route, number> = {
  nfa: 0,
  'information-advice': 1,
  'early-help-single-agency': 2,
  'early-help-targeted': 3,
  'existing-open-case': 4,
  'csc-assessment': 5,
  'csc-strategy-discussion': 6,
};

/** The most intrusive of several children's outcomes (by route, then level): the contact's headline. */
export const mostIntrusive = <T extends { route: Route; level: Level }>(items: readonly T[]): T =>
  items.reduce((most, item) =>
    INTRUSIVENESS[item.route] > INTRUSIVENESS[most.route] || (item.route === most.route && item.level > most.level)
      ? item
      : most,
  );

/** Which receiving team a route hands over to. */
export const teamForRoute = (route: Route): 'early-help' | 'social-care' | undefined => {
  switch (route) {
    case 'early-help-single-agency':
    case 'early-help-targeted':
      return 'early-help';
    case 'csc-assessment':
    case 'csc-strategy-discussion':
    case 'existing-open-case':
      return 'social-care';
    default:
      return undefined;
  }
};

export type Priority = 'red' | 'amber' | 'green';

/** One earlier contact that matched a child in this notification. */
export interface EarlierContact {
  contactId: string;
  reference: string;
  receivedAt: string;
  /** Index of the child in the *current* notification that this contact matched. */
  childIndex: number;
  /**
   * Index of the child in the *earlier* contact's notification that matched, whose level, route
   * and decision the summary shows (absent on matches stored before it was recorded).
   */
  matchedChildIndex?: number;
  matchedOn: ('name-dob-postcode' | 'nhs-number')[];
  status: string;
  level?: Level;
  route?: Route;
  decidedAt?: string;
}

export interface TriageHistory {
  earlierContacts: EarlierContact[];
  /** Open cases the case registry knows of for the children; a child not listed has none. */
  openCases?: OpenCase[];
}

export interface TriageInput {
  notification: Notification;
  history: TriageHistory;
  /** When the front door received the notification: the statutory clock starts here. */
  receivedAt: Date;
}

export interface Reason {
  kind: 'indicator' | 'rule' | 'history' | 'screening';
  id: string;
  /** Plain English a worker can paste into a rationale. */
  text: string;
  /** What in the notification made it fire (codes, screening values, counts), never free text. */
  evidence: string[];
}

export interface Clock {
  name: string;
  dueAt: string;
  /** When the clock started (absent on contacts triaged before clocks said so: their receipt). */
  startsAt?: string;
  /** What the clock runs from: receipt of the notification, or a missing child's return. */
  from?: 'received' | 'missing-return';
  /** A clock from the child's return that runs from receipt, because the referrer did not say when the child came back. */
  returnNotGiven?: true;
}

/**
 * The recommendation for one child. Age rules ("a baby under one with an injury") concern only
 * the child they describe; facts about the notification as a whole (a DASH level, the concerns
 * the referrer chose) apply to every child in it, as Working Together asks each child to be
 * assessed as an individual.
 */
export interface ChildRecommendation {
  /** Index of the child in the notification's `children`. */
  childIndex: number;
  level: Level;
  route: Route;
  priority: Priority;
  reasons: Reason[];
}

/**
 * The engine's answer for a notification: one recommendation per child in `children`, and a
 * headline for the contact as a whole (the most intrusive child's route, the highest level and
 * priority, the earliest due time, every theme and clock), which the queue and the state
 * machine route on.
 */
export interface Recommendation {
  children: ChildRecommendation[];
  level: Level;
  route: Route;
  priority: Priority;
  /** When the decision on this contact is due (ISO 8601, UTC). */
  dueAt: string;
  /** Daily multi-agency triage lists this contact belongs on (e.g. domestic-abuse, cse, missing). */
  themes: string[];
  /** Every child's reasons once each, with the evidence of all the children they fired for. */
  reasons: Reason[];
  /** Other statutory clocks this contact starts (e.g. a return home interview). */
  clocks: Clock[];
  /** Allocated workers and lead professionals of open cases, who are told of the contact. */
  caseHolders?: OpenCase[];
  ruleset: { id: string; version: string };
}

/** The engine's recommendation for one child of a contact. */
export const recommendedFor = (
  recommendation: Pick<Recommendation, 'children'> | undefined,
  childIndex: number,
): ChildRecommendation | undefined => recommendation?.children.find((c) => c.childIndex === childIndex);
