import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  decidedBeforeReturnInterviewDue,
  screenedWithinOneWorkingDay,
  sendOutcome,
} from '../../shared/front-door/decisions';
import { rulesetCalendar } from '../../shared/rules';
import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import {
  acknowledgementDependencies,
  config,
  contactStore,
  handoverStore,
  mailer,
  officeCalendar,
} from '../lib/dependencies';
import { metrics } from '../lib/observability';
import { contactQueueConsumer } from '../lib/queue-consumer';

/**
 * Outcome queue consumer: tells the referrer the decision and hands over to the team, recording
 * each handover for the team to accept or return. Every
 * final decision, from the API or the console, passes through here once marked as new, so it
 * is counted here.
 */
export const handler = contactQueueConsumer(async (contactId, context, message) => {
  mailer().registerLambdaContext(context);
  const now = new Date();
  const contact = await sendOutcome(contactId, {
    store: contactStore(),
    mailer: mailer(),
    config: config(),
    handovers: handoverStore(),
    now,
    acknowledge: async (id) => sendAcknowledgement(id, { ...(await acknowledgementDependencies()), now }),
  });
  // A resend (a retried decision, an answer that upholds it) is not another decision.
  if (!message.newDecision) return;
  // One metric object per child (the CIN census counts children, and outcomes by route are each
  // child's) and per record: records of a batch run concurrently and must not share dimensions.
  for (const child of contact.decision.children) {
    const decided = metrics.singleMetric();
    decided.addDimensions({ route: child.route });
    decided.addMetric('DecisionsFinal', MetricUnit.Count, 1);
  }
  const screened = screenedWithinOneWorkingDay(contact, officeCalendar() ?? rulesetCalendar());
  if (screened !== undefined)
    metrics
      .singleMetric()
      .addMetric(screened ? 'ScreenedWithinOneWorkingDay' : 'ScreenedAfterOneWorkingDay', MetricUnit.Count, 1);
  const beforeInterview = decidedBeforeReturnInterviewDue(contact);
  if (beforeInterview !== undefined)
    metrics
      .singleMetric()
      .addMetric(
        beforeInterview ? 'DecidedBeforeReturnInterviewDue' : 'DecidedAfterReturnInterviewDue',
        MetricUnit.Count,
        1,
      );
});
