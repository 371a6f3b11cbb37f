import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '../../shared/notification';

/** HTTP answers shared by the API handlers, so every route speaks the same JSON. */
export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const problem = (statusCode: number, message: string, errors?: FieldError[]) =>
  json(statusCode, errors ? { message, errors } : { message });

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 };

export const readJsonBody = (event: APIGatewayProxyEventV2): JsonBody => {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) {
    return { ok: false, response: problem(415, 'Send the notification as JSON with Content-Type: application/json') };
  }
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, response: problem(400, 'The request body is not valid JSON', [{ path: '(body)', message: 'The request body is not valid JSON' }]) };
  }
};

/**
 * Who is calling. On AWS the decision routes are IAM-authorised, so the caller's ARN is known;
 * the local runtime only serves loopback and has no IAM, so it names the local user.
 */
export const callerOf = (event: APIGatewayProxyEventV2): string => {
  const iam = (event.requestContext as { authorizer?: { iam?: { userArn?: string } } }).authorizer?.iam;
  return iam?.userArn ?? 'local user (loopback)';
};
