import { sendOutcome } from '../../shared/front-door/decisions';
import { config, contactStore, mailer } from '../lib/dependencies';
import { contactQueueConsumer } from '../lib/queue-consumer';

/** Outcome queue consumer: tells the referrer the decision and hands over to the team. */
export const handler = contactQueueConsumer(async (contactId, context) => {
  mailer().registerLambdaContext(context);
  await sendOutcome(contactId, { store: contactStore(), mailer: mailer(), config: config() });
});
