import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { INBOUND_PREFIX } from '../../shared/email-intake/inbound';
import { keyHashOf } from '../../shared/front-door/idempotency';
import type { RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

/** Small helpers over the local system's HTTP API, as a referrer's or a worker's client would call it. */
export const apiClient = (system: RunningLocalSystem) => {
  const url = (path: string) => `${system.endpoints.api}${path}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url(path), {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const contact = async (contactId: string) => (await call('GET', `/api/contacts/${contactId}`)).body;
  return {
    call,
    submit: (notification: unknown, headers?: Record<string, string>) =>
      call('POST', '/api/notifications', notification, headers),
    decide: (contactId: string, decision: unknown) => call('POST', `/api/contacts/${contactId}/decision`, decision),
    contact,
    /** Waits for the contact to reach a status, for the queue consumer and state machine run on their own. */
    contactInStatus: (contactId: string, status: string, timeoutMs = 30_000) =>
      waitFor(
        async () => {
          const current = await contact(contactId);
          return current?.status === status ? current : undefined;
        },
        `contact ${contactId} to be ${status}`,
        timeoutMs,
      ),
    /**
     * The contact an inbound email became, found as the intake function finds it: through the
     * record of its idempotency key (the raw message's key), since contact ids are random.
     */
    contactIdOfEmail: (messageId: string, timeoutMs = 30_000) =>
      waitFor(
        async () => {
          const db = DynamoDBDocumentClient.from(new DynamoDBClient(system.clientConfig('dynamodb')));
          const key = { pk: `KEY#${keyHashOf({ scope: 'email', key: `${INBOUND_PREFIX}${messageId}` })}`, sk: 'KEY' };
          const { Item } = await db.send(
            new GetCommand({ TableName: system.endpoints.outputs.ContactsTableName!, Key: key }),
          );
          return Item?.contactId as string | undefined;
        },
        `the contact of email ${messageId}`,
        timeoutMs,
      ),
    emailsTo: async (address: string) => (await system.mailbox()).filter((m) => m.destination.to.includes(address)),
    /** The first email to the address (or to any of several) whose subject matches. */
    emailTo: (address: string | string[], subject: RegExp, timeoutMs = 30_000) => {
      const addresses = [address].flat();
      return waitFor(
        async () =>
          (await system.mailbox()).find(
            (m) => m.destination.to.some((to) => addresses.includes(to)) && subject.test(m.subject),
          ),
        `an email to ${addresses.join(' or ')} matching ${subject}`,
        timeoutMs,
      );
    },
  };
};

/** The triage state machine's local ARN, as the local runtime names it from the template. */
export const triageStateMachineArn = (system: RunningLocalSystem): string => {
  const { summary } = system.endpoints as unknown as { summary: { stateMachines: string[] } };
  const name = summary.stateMachines.find((id) => id.startsWith('TriageStateMachine'));
  if (!name) throw new Error('The local system runs no triage state machine');
  return `arn:aws:states:${system.endpoints.region}:000000000000:stateMachine:${name}`;
};
