import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { isContactId, isDecided } from '../../shared/contacts';
import { recordDecision } from '../../shared/front-door/decisions';
import { config, contactStore, outcomeQueue } from '../lib/dependencies';
import { callerOf, json, problem, readJsonBody } from '../lib/http';
import { webHandler } from '../lib/middleware';
import { logger, metrics } from '../lib/observability';

/** POST /api/contacts/{id}/decision: a triage worker's decision (IAM-authorised on AWS). */
export const handler = webHandler(
  async (event: APIGatewayProxyEventV2) => {
    const contactId = event.pathParameters?.id ?? '';
    if (!isContactId(contactId)) return problem(404, 'No contact has that id');
    const body = readJsonBody(event);
    if (!body.ok) return body.response;
    const result = await recordDecision(
      {
        contactId,
        body: body.value,
        decidedBy: callerOf(event),
        now: new Date(),
        signOffRoutes: config().SIGN_OFF_ROUTES,
      },
      { store: contactStore(), outcomeQueue: outcomeQueue() },
    );
    switch (result.outcome) {
      case 'invalid':
        return problem(400, 'The decision has errors', result.errors);
      case 'not-found':
        return problem(404, 'No contact has that id');
      case 'conflict':
        logger.info('Decision refused', { contactId, status: result.contact.status });
        return json(409, { message: result.reason, status: result.contact.status, decision: result.contact.decision });
      case 'recorded':
      case 'already-recorded': {
        const { contact } = result;
        const { status, reference } = contact;
        // A decision that needs sign-off is not final: the outcome waits for a manager.
        const decision = isDecided(contact) ? contact.decision : contact.proposedDecision;
        if (result.outcome === 'recorded') {
          for (const child of decision.children) {
            const recorded = metrics.singleMetric();
            recorded.addDimension('route', child.route);
            recorded.addMetric(
              result.signOff.length ? 'DecisionsAwaitingSignOff' : 'DecisionsRecorded',
              MetricUnit.Count,
              1,
            );
          }
          logger.info('Decision recorded', { contactId, routes: decision.children.map((c) => c.route), status });
        }
        const signOff = result.signOff.length
          ? { signOffRequired: true, signOffReasons: result.signOff }
          : { signOffRequired: false };
        return json(result.outcome === 'recorded' ? 201 : 200, { contactId, reference, status, decision, ...signOff });
      }
    }
  },
  { metrics: true },
);
