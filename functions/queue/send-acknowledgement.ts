import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import { acknowledgementDependencies, mailer } from '../lib/dependencies';
import { contactQueueConsumer } from '../lib/queue-consumer';

/**
 * Acknowledgement queue consumer: emails the referrer that the notification arrived, at the rate
 * SES allows (reserved concurrency and the mapping's maximum concurrency, one record at a time),
 * so a burst's acknowledgements wait in the queue rather than in triage executions. A throttled
 * send fails its record, which comes back after the visibility timeout.
 */
export const handler = contactQueueConsumer(
  async (contactId, context) => {
    mailer().registerLambdaContext(context);
    await sendAcknowledgement(contactId, { ...(await acknowledgementDependencies()), now: new Date() });
  },
  { oneAtATime: true },
);
