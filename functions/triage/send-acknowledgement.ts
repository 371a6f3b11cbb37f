import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import { config, contactStore, mailer, matchKey, referrerAddresses } from '../lib/dependencies';
import { triageStep } from '../lib/triage-step';

export const handler = triageStep(async ({ contactId }, context) => {
  mailer().registerLambdaContext(context);
  return sendAcknowledgement(contactId, {
    store: contactStore(),
    mailer: mailer(),
    config: config(),
    addresses: referrerAddresses(),
    matchKey: await matchKey(),
  });
});
