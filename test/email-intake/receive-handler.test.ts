import type { Context, SESEvent } from 'aws-lambda';

/**
 * The email intake handler replies (acknowledgement, refusal, "we need more") through the
 * idempotent mailer. Unless the invocation's context is registered, Powertools cannot tell an
 * interrupted send from one still running, and the reply stays "in progress" until the record
 * expires (days) instead of being retried once the Lambda has timed out.
 */
const registerLambdaContext = jest.fn();
jest.mock('../../functions/lib/dependencies', () => ({
  config: () => ({ INBOUND_EMAIL_BUCKET: 'inbound' }),
  contactStore: () => ({}),
  triageQueue: () => ({}),
  mailer: () => ({ registerLambdaContext }),
  rawMessages: () => ({ get: async () => Buffer.from(''), delete: async () => undefined }),
}));
// middy is ESM-only and jest runs CommonJS: the handler is tested without its logging wrapper.
jest.mock('../../functions/lib/middleware', () => ({ withObservability: <T>(handler: T) => handler }));
jest.mock('../../shared/email-intake/receive', () => ({
  INBOUND_PREFIX: 'inbound/',
  receiveEmail: async () => ({ outcome: 'needs-completing' }),
}));

import { handler } from '../../functions/email-intake/receive';

describe('email intake handler', () => {
  it('registers the Lambda context with the idempotent mailer before replying', async () => {
    // Prepare
    const context = {
      functionName: 'ReceiveEmail',
      awsRequestId: 'r-1',
      getRemainingTimeInMillis: () => 5000,
    } as unknown as Context;
    const event = { Records: [{ ses: { mail: { messageId: 'm-1' }, receipt: {} } }] } as unknown as SESEvent;

    // Act
    await handler(event, context);

    // Assess
    expect(registerLambdaContext).toHaveBeenCalledWith(context);
  });
});
