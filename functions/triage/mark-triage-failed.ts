import { markTriageFailed } from '../../shared/front-door/triage-steps';
import { contactStore } from '../lib/dependencies';
import { logger } from '../lib/observability';
import { triageStep } from '../lib/triage-step';

/** The Catch of every triage step ends here, so a failure is recorded on the contact. */
export const handler = triageStep(async ({ contactId, error }) => {
  // Error names only: a Cause can quote the data that made the step fail.
  logger.error('Triage failed', { error: error?.Error });
  return markTriageFailed(contactId, error?.Error ?? 'Unknown error', { store: contactStore(), now: new Date() });
});
