import type { Route } from '../triage/types';

/** What happens next on each route, in the referrer's words; the outcome email and the status page both say it. */
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
 * What a member of the public, family or an anonymous referrer is told once we have decided:
 * the stage in plain words and what anyone can do, never a child's route or the reasons
 * (isProfessionalAgencyType says why).
 */
export const CONFIDENTIAL_OUTCOME =
  'We have looked at your concern and decided what to do next. We cannot tell you the outcome because information about a child is confidential.';
export const PUBLIC_NEXT_STEPS =
  'If a child is in immediate danger, call 999. If you are worried about a child again, or find out something new, tell us again: you do not need to know what happened before.';
