import { matchEarlierContacts } from '../../shared/front-door/triage-steps';
import { contactStore } from '../lib/dependencies';
import { triageStep } from '../lib/triage-step';

export const handler = triageStep(({ contactId }) =>
  matchEarlierContacts(contactId, { store: contactStore(), now: new Date() }),
);
