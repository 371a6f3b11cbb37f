import type { OpenCase } from '../cases/case';
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
}

export interface Recommendation {
  level: Level;
  route: Route;
  priority: Priority;
  /** When the decision on this contact is due (ISO 8601, UTC). */
  dueAt: string;
  /** Daily multi-agency triage lists this contact belongs on (e.g. domestic-abuse, cse, missing). */
  themes: string[];
  reasons: Reason[];
  /** Other statutory clocks this contact starts (e.g. a return home interview). */
  clocks: Clock[];
  /** Allocated workers and lead professionals of open cases, who are told of the contact. */
  caseHolders?: OpenCase[];
  ruleset: { id: string; version: string };
}
