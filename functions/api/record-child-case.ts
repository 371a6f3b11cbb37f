import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { recordChildCase, recordChildCases } from '../../shared/cases/record-cases';
import { caseRegistry, matchKey } from '../lib/dependencies';
import { callerOf, json, problem, readJsonBody } from '../lib/http';
import { webHandler } from '../lib/middleware';
import { logger } from '../lib/observability';

/**
 * PUT /api/children/{key}/case and PUT /api/children/cases (IAM-authorised): the case management
 * system tells Front Door which children have an open case and who holds it.
 */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  const body = readJsonBody(event);
  if (!body.ok) return body.response;
  const request = { body: body.value, recordedBy: callerOf(event), source: 'api' as const, now: new Date() };
  const key = event.pathParameters?.key;
  const deps = { registry: caseRegistry(), matchKey: await matchKey() };
  const result =
    key === undefined ? await recordChildCases(request, deps) : await recordChildCase({ ...request, key }, deps);
  if (result.outcome === 'invalid') return problem(400, 'The case has errors; nothing was recorded', result.errors);
  logger.info('Child cases recorded', { recorded: result.recorded });
  return json(200, { recorded: result.recorded });
});
