import { alertDutyManager } from '../../shared/front-door/triage-steps';
import { acknowledgementQueue, config, contactStore, mailer, officeCalendar } from '../lib/dependencies';
import { triageStep } from '../lib/triage-step';

export const handler = triageStep(({ contactId }, context) => {
  mailer().registerLambdaContext(context);
  return alertDutyManager(contactId, {
    store: contactStore(),
    mailer: mailer(),
    config: config(),
    now: new Date(),
    calendar: officeCalendar(),
    acknowledgements: acknowledgementQueue(),
  });
});
