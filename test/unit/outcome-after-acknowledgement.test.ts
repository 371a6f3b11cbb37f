import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { contactQueueConsumer } from '../../functions/lib/queue-consumer';
import { SYSTEM_ACTIONS, systemEvent } from '../../shared/audit/system-events';
import type { Contact, DecidedContact } from '../../shared/contacts';
import { sendOutcome } from '../../shared/front-door/decisions';
import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import { InMemoryHandoverStore } from '../../shared/handovers/in-memory-handover-store';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { TEST_MATCH_KEY } from '../support/match-key';
import { memoryPorts } from '../support/memory-contact-store';
import { memoryReferrerAddresses } from '../support/memory-referrer-addresses';

// middy is ESM-only and jest runs CommonJS: the consumer is tested without its middlewares.
jest.mock('../../functions/lib/middleware', () => ({ withObservability: <T>(handler: T) => handler }));

/**
 * The referrer never hears the outcome before the acknowledgement: in a burst a worker may decide
 * a contact whose acknowledgement still waits in its queue, and the outcome's consumer then sends
 * the acknowledgement first (a red contact's only once its duty alert is recorded).
 */
const now = new Date('2026-11-20T14:01:00Z');
const config = testRuntimeConfig();

const decided = (extra: Partial<Contact> = {}): DecidedContact =>
  ({
    contactId: 'c1',
    reference: 'CFC-TEST-0003',
    status: 'decided',
    channel: 'api',
    receivedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T14:00:00.000Z',
    version: 3,
    notification: aSchoolNeglectNotification(),
    acknowledgement: { status: 'pending' },
    decision: {
      children: [{ childIndex: 0, route: 'early-help-targeted', level: 3, rationale: 'Targeted early help agreed.' }],
      decidedAt: '2026-11-20T14:00:00.000Z',
      decidedBy: 'sam.okafor',
    },
    ...extra,
  }) as DecidedContact;

const setUp = (contact: DecidedContact) => {
  const ports = memoryPorts(contact);
  const acknowledgementDeps = {
    store: ports.store,
    mailer: ports.mailer,
    config,
    now,
    addresses: memoryReferrerAddresses().addresses,
    matchKey: TEST_MATCH_KEY,
  };
  const deps = {
    ...ports,
    config,
    handovers: new InMemoryHandoverStore(),
    now,
    acknowledge: (contactId: string) => sendAcknowledgement(contactId, acknowledgementDeps),
  };
  const toReferrer = () =>
    [...ports.sent.values()].filter((m) => m.to === contact.notification!.referrer.email).map((m) => m.subject);
  return { ports, deps, acknowledgementDeps, toReferrer };
};

describe('the outcome of a contact whose acknowledgement is still pending', () => {
  it('is sent after the acknowledgement, which its own queue then does not send again', async () => {
    // Prepare
    const { ports, deps, acknowledgementDeps, toReferrer } = setUp(decided());

    // Act: the outcome's message arrives first, the acknowledgement's after.
    await sendOutcome('c1', deps);
    await sendAcknowledgement('c1', acknowledgementDeps);

    // Assess
    const subjects = toReferrer();
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toContain('We have received your notification');
    expect(subjects[1]).not.toContain('We have received your notification');
    expect(ports.contacts.get('c1')!.acknowledgement).toMatchObject({ status: 'sent' });
  });

  it('of a red contact waits (the message fails and comes back) until the duty alert is recorded', async () => {
    // Prepare
    const { ports, deps, toReferrer } = setUp(
      decided({ recommendation: { priority: 'red', dueAt: '2026-11-20T14:00:00.000Z' } as Contact['recommendation'] }),
    );

    // Act
    const before = sendOutcome('c1', deps);

    // Assess: nothing sent while the alert is not recorded, then both in order once it is.
    await expect(before).rejects.toThrow('duty alert is not yet recorded');
    expect(toReferrer()).toEqual([]);
    await ports.store.appendEvent(systemEvent('c1', now.toISOString(), SYSTEM_ACTIONS.dutyManagerAlerted));
    await sendOutcome('c1', deps);
    expect(toReferrer()[0]).toContain('We have received your notification');
    expect(toReferrer()).toHaveLength(2);
  });

  it('is sent alone when the acknowledgement has already gone', async () => {
    // Prepare
    const { deps, toReferrer } = setUp(decided({ acknowledgement: { status: 'sent', sentAt: now.toISOString() } }));

    // Act
    await sendOutcome('c1', deps);

    // Assess
    expect(toReferrer()).toHaveLength(1);
    expect(toReferrer()[0]).not.toContain('We have received your notification');
  });
});

describe("the outcome queue's message of a red contact decided before its duty alert is recorded", () => {
  it('is reported failed, so SQS keeps it, and sends the outcome after the acknowledgement once the alert is recorded', async () => {
    // Prepare: the outcome consumer's batch handling around the use case, as functions/queue/send-outcome.ts has it.
    const { ports, deps, toReferrer } = setUp(
      decided({ recommendation: { priority: 'red', dueAt: '2026-11-20T14:00:00.000Z' } as Contact['recommendation'] }),
    );
    // A batch-mate whose outcome goes at once (a batch that fails whole comes back whole).
    await ports.store.create(
      decided({
        contactId: 'c2',
        reference: 'CFC-TEST-0004',
        acknowledgement: { status: 'sent', sentAt: now.toISOString() },
      }),
    );
    const consume = contactQueueConsumer(async (contactId) => void (await sendOutcome(contactId, deps)));
    const batch = {
      Records: ['c1', 'c2'].map((contactId) => ({
        messageId: `outcome-${contactId}`,
        body: JSON.stringify({ contactId, newDecision: true }),
      })),
    } as unknown as SQSEvent;
    const redelivered = { Records: [batch.Records[0]] } as SQSEvent;
    const context = { getRemainingTimeInMillis: () => 5_000, functionName: 'send-outcome' } as unknown as Context;
    const failed = (response: unknown) =>
      (response as SQSBatchResponse).batchItemFailures.map((failure) => failure.itemIdentifier);

    // Act: received before the alert is recorded, and again (after its visibility timeout) once it is.
    const early = await consume(batch, context);
    await ports.store.appendEvent(systemEvent('c1', now.toISOString(), SYSTEM_ACTIONS.dutyManagerAlerted));
    const again = await consume(redelivered, context);

    // Assess: failed, not done, the first time (the queue's receives outlast the alert: see the
    // stack test), so it came back; then acknowledgement and outcome, in that order.
    expect(failed(early)).toEqual(['outcome-c1']);
    expect(failed(again)).toEqual([]);
    const aboutC1 = toReferrer().filter((subject) => subject.includes('CFC-TEST-0003'));
    expect(aboutC1).toHaveLength(2);
    expect(aboutC1[0]).toContain('We have received your notification');
  });
});
