import { contactQueueConsumer } from '../lib/queue-consumer';
import { triageWorkflow } from '../lib/dependencies';
import { logger } from '../lib/observability';

/** Triage queue consumer: starts the triage state machine once per contact. */
export const handler = contactQueueConsumer(async (contactId) => {
  const started = await triageWorkflow().start(contactId);
  logger.info('Triage requested', { contactId, started });
});
