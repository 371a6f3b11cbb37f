/**
 * What the case management system knows and the front door must not guess: which children have
 * an open case, of which kind, and who holds it. A child Front Door has no record for has no open
 * case ("unknown means not open"): guessing from earlier contacts sent children whose assessment
 * had long ended to a team mailbox instead of a strategy discussion (issue 9).
 */

export const CASE_KINDS = {
  'social-care': "Children's social care",
  'early-help': 'Early help',
} as const;
export type CaseKind = keyof typeof CASE_KINDS;

/** The allocated social worker, or the early help lead professional. */
export interface CaseHolder {
  name: string;
  email: string;
}

/** The case registry's record for one child key. */
export interface ChildCase {
  status: 'open' | 'closed';
  kind: CaseKind;
  holder?: CaseHolder;
  team?: string;
  /** When the case management system (or a worker) said so: a later statement wins. */
  recordedAt: string;
  recordedBy: string;
  source: 'api' | 'import' | 'console';
}

/** An open case as the triage engine sees it: for one child of the current notification. */
export interface OpenCase {
  childIndex: number;
  kind: CaseKind;
  holder: CaseHolder;
  team?: string;
}
