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
