import { matchEarlierContacts } from '../../shared/front-door/triage-steps';
import { contactStore, matchKey } from '../lib/dependencies';
import { triageStep } from '../lib/triage-step';

export const handler = triageStep(async ({ contactId }) =>
  matchEarlierContacts(contactId, { store: contactStore(), matchKey: await matchKey(), now: new Date() }),
);
