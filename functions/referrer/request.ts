import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FormValues } from '../../shared/referrer/journey';

/** A submitted HTML form with every value of a repeated name (checkboxes), not just the last. */
export const formValues = (event: APIGatewayProxyEventV2): FormValues => {
  const raw =
    event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  const values: FormValues = {};
  for (const [name, value] of new URLSearchParams(raw)) (values[name] ??= []).push(value);
  return values;
};

/** API Gateway v2 passes cookies apart from the other headers. */
export const cookie = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const all = event.cookies ?? event.headers?.cookie?.split(';') ?? [];
  for (const pair of all) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
};
