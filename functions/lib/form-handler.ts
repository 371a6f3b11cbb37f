import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { webHandler } from './middleware';
import { formToken, sameOrigin } from './web-security';

/**
 * A web handler that takes HTML form posts: the origin checks and the form token on top of
 * webHandler's. Forms that act on a signed-in session (the console) also require an `Origin`
 * header; public forms (the referrer's) refuse a wrong one and rely on the token when a privacy
 * setting drops it.
 */
export const formHandler = (
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: { forms: 'signed-in' | 'public'; metrics?: boolean },
) =>
  webHandler(handler, options)
    .use(sameOrigin({ requireOrigin: options.forms === 'signed-in' }))
    .use(formToken());
