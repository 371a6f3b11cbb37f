import { referAllegation } from '../../shared/lado/referral';
import { referralMeasures } from '../../shared/lado/measures';
import { config, contactStore, mailer } from '../lib/dependencies';
import { logger } from '../lib/observability';
import { triageStep } from '../lib/triage-step';
import { allegationStore, ladoCalendar, ladoSettings, matchKey, publishMeasures } from './dependencies';

/** Triage step ReferAllegation: returns routing facts only (whether the child's triage carries on), never the adult's details. */
export const handler = triageStep(async ({ contactId }, context) => {
  mailer().registerLambdaContext(context);
  const result = await referAllegation(contactId, {
    contacts: contactStore(),
    allegations: allegationStore(),
    mailer: mailer(),
    mail: config(),
    settings: ladoSettings(),
    matchKey: await matchKey(),
    calendar: ladoCalendar(),
    now: new Date(),
  });
  if (result.allegation)
    logger.info('Allegation referred to the LADO', {
      allegationId: result.allegation.allegationId,
      childContact: result.childContact,
    });
  publishMeasures(referralMeasures(result));
  return result;
});
