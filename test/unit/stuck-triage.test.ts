import { SYSTEM_ACTIONS, systemEvent } from '../../shared/audit/system-events';
import type { Contact, ContactStatus } from '../../shared/contacts';
import { VersionConflict } from '../../shared/contacts/ports';
import type { MessageQueue, QueueBacklog } from '../../shared/front-door/ports';
import { MAX_TRIAGE_ATTEMPTS, requeueStalledContacts, resumeTriage } from '../../shared/front-door/stalled';
import { sendAcknowledgement } from '../../shared/front-door/triage-steps';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { memoryReferrerAddresses } from '../support/memory-referrer-addresses';
import { TEST_MATCH_KEY } from '../support/match-key';
import { memoryTriageWorkflow } from '../support/memory-triage-workflow';

const now = new Date('2026-11-30T10:00:00Z');

/** The in-memory contact store, and a look at a contact as stored. */
const memoryStore = (contacts: Contact[]) => {
  const store = new MemoryContactStore(contacts);
  return { store, contact: (id: string) => store.contacts.get(id)! };
};

const contact = (contactId: string, status: ContactStatus, extra: Partial<Contact> = {}) =>
  ({
    contactId,
    reference: `CFC-${contactId}`,
    status,
    channel: 'api',
    notification: { children: [] },
    receivedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...extra,
  }) as Contact;
const noQueue: MessageQueue & QueueBacklog = { send: async () => undefined, messagesHeld: async () => 0 };
const red = { priority: 'red' } as Contact['recommendation'];
/** A queue that records what is sent to it, holding `held` messages besides those. */
const recordingQueue = (held = 0) => {
  const sent: string[] = [];
  return {
    sent,
    send: async ({ contactId }: { contactId: string }) => void sent.push(contactId),
    messagesHeld: async () => held + sent.length,
  };
};

describe('nothing stuck: triage that stopped part-way is started again', () => {
  it('restarts, under the next attempt, contacts whose execution ended while received, triaging or red with the acknowledgement pending', async () => {
    // Prepare
    const { store } = memoryStore([
      contact('received', 'received'),
      contact('triaging', 'triaging'),
      // A red contact's acknowledgement is queued after the duty manager's alert, which may not have gone.
      contact('unacknowledged', 'awaiting-decision', { acknowledgement: { status: 'pending' }, recommendation: red }),
      contact('acknowledged', 'awaiting-decision', { acknowledgement: { status: 'sent' } }),
      contact('failed', 'triage-failed'),
    ]);
    const { workflow, started } = memoryTriageWorkflow({
      received: ['ended'],
      triaging: ['ended', 'ended'],
      unacknowledged: ['ended'],
      acknowledged: ['ended'],
      failed: ['ended'],
    });

    // Act
    const result = await requeueStalledContacts({
      store,
      triageQueue: noQueue,
      acknowledgementQueue: noQueue,
      workflow,
      now,
    });

    // Assess
    expect(result).toEqual({ requeued: 0, restarted: 3, waiting: 0, acknowledgementsRequeued: 0 });
    expect(started.sort()).toEqual(['received#2', 'triaging#3', 'unacknowledged#2']);
  });

  it('never starts a second live execution: a running one is left alone, and a second sweep starts nothing more', async () => {
    // Prepare
    const { store } = memoryStore([contact('running', 'triaging'), contact('ended', 'triaging')]);
    const { workflow, started } = memoryTriageWorkflow({ running: ['ended', 'running'], ended: ['ended'] });

    // Act
    const first = await resumeTriage('running', { store, workflow, now });
    await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue: noQueue, workflow, now });
    await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue: noQueue, workflow, now });

    // Assess
    expect(first).toBe('running');
    expect(started).toEqual(['ended#2']);
  });

  it(`hands a contact to a worker as triage-failed after ${MAX_TRIAGE_ATTEMPTS} attempts instead of trying for ever`, async () => {
    // Prepare
    const { store, contact: stored } = memoryStore([contact('hopeless', 'triaging')]);
    const { workflow, started } = memoryTriageWorkflow({ hopeless: Array(MAX_TRIAGE_ATTEMPTS).fill('ended') });

    // Act
    const outcome = await resumeTriage('hopeless', { store, workflow, now });

    // Assess
    expect(outcome).toBe('gave-up');
    expect(started).toEqual([]);
    expect(stored('hopeless').status).toBe('triage-failed');
  });

  it("an engineer's replay also restarts a triage-failed contact, but not a triaged one", async () => {
    // Prepare
    const { store } = memoryStore([
      contact('failed', 'triage-failed'),
      contact('done', 'awaiting-decision', { acknowledgement: { status: 'sent' } }),
    ]);
    const { workflow, started } = memoryTriageWorkflow({ failed: ['ended'], done: ['succeeded'] });

    // Act
    const failed = await resumeTriage('failed', { store, workflow, now }, { includeFailed: true });
    const done = await resumeTriage('done', { store, workflow, now }, { includeFailed: true });

    // Assess
    expect([failed, done]).toEqual(['restarted', 'not-needed']);
    expect(started).toEqual(['failed#2']);
  });
});

describe('an acknowledgement left unqueued is queued again, not triage restarted', () => {
  const unacknowledged = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      contact(`unacknowledged-${i}`, 'awaiting-decision', { acknowledgement: { status: 'pending' } }),
    );
  const endedRuns = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`unacknowledged-${i}`, ['ended' as const]]));

  it('queues the acknowledgement of a triaged contact whose execution ended before queuing it', async () => {
    // Prepare
    const { store } = memoryStore(unacknowledged(2));
    const { workflow, started } = memoryTriageWorkflow(endedRuns(2));
    const acknowledgementQueue = recordingQueue();

    // Act
    const result = await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue, workflow, now });

    // Assess
    expect(result).toEqual({ requeued: 0, restarted: 0, waiting: 0, acknowledgementsRequeued: 2 });
    expect(acknowledgementQueue.sent.sort()).toEqual(['unacknowledged-0', 'unacknowledged-1']);
    expect(started).toEqual([]);
  });

  it('queues the acknowledgement of a contact whose run succeeded but whose message went missing, once it is old enough', async () => {
    // Prepare: no ended run points at either; one was received long ago, one just now.
    const longAgo = new Date(now.getTime() - 60 * 60_000).toISOString();
    const { store } = memoryStore([
      contact('old', 'awaiting-decision', { acknowledgement: { status: 'pending' }, receivedAt: longAgo }),
      contact('new', 'awaiting-decision', { acknowledgement: { status: 'pending' } }),
      contact('sent', 'awaiting-decision', { acknowledgement: { status: 'sent' }, receivedAt: longAgo }),
    ]);
    const { workflow, started } = memoryTriageWorkflow({});
    const acknowledgementQueue = recordingQueue();

    // Act
    const result = await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue, workflow, now });

    // Assess
    expect(result.acknowledgementsRequeued).toBe(1);
    expect(acknowledgementQueue.sent).toEqual(['old']);
    expect(started).toEqual([]);
  });

  it('queues the lost acknowledgement of a contact a manager is signing off or a worker has decided', async () => {
    // Prepare: triage succeeded long ago; the message went missing; workers have moved both on since.
    const longAgo = new Date(now.getTime() - 60 * 60_000).toISOString();
    const { store } = memoryStore([
      contact('signing-off', 'awaiting-manager', { acknowledgement: { status: 'pending' }, receivedAt: longAgo }),
      contact('decided', 'decided', { acknowledgement: { status: 'pending' }, receivedAt: longAgo }),
      contact('failed', 'triage-failed', { acknowledgement: { status: 'pending' }, receivedAt: longAgo }),
    ]);
    const { workflow } = memoryTriageWorkflow({});
    const acknowledgementQueue = recordingQueue();

    // Act
    const result = await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue, workflow, now });

    // Assess: both triaged contacts' referrers are owed it; triage-failed is a worker's to handle.
    expect(acknowledgementQueue.sent.sort()).toEqual(['decided', 'signing-off']);
    expect(result.acknowledgementsRequeued).toBe(2);
  });

  it('reads only the unsettled contacts, never the whole queue of contacts awaiting a decision', async () => {
    // Prepare: a long queue awaiting decision, acknowledged, and among it one old contact still pending.
    const longAgo = new Date(now.getTime() - 60 * 60_000).toISOString();
    const acknowledged = Array.from({ length: 50 }, (_, i) =>
      contact(`acknowledged-${i}`, 'awaiting-decision', { acknowledgement: { status: 'sent' }, receivedAt: longAgo }),
    );
    const { store } = memoryStore([
      ...acknowledged,
      contact('pending', 'awaiting-decision', { acknowledgement: { status: 'pending' }, receivedAt: longAgo }),
      contact('stalled', 'received', { receivedAt: longAgo }),
    ]);
    const queuesRead: string[] = [];
    const listByStatus = store.listByStatus.bind(store);
    store.listByStatus = (status, range) => {
      queuesRead.push(status);
      return listByStatus(status, range);
    };
    const { workflow } = memoryTriageWorkflow({});
    const triageQueue = recordingQueue();
    const acknowledgementQueue = recordingQueue();

    // Act
    const result = await requeueStalledContacts({ store, triageQueue, acknowledgementQueue, workflow, now });

    // Assess: the same contacts found as before, and no queue read by status.
    expect(result).toEqual({ requeued: 1, restarted: 0, waiting: 0, acknowledgementsRequeued: 1 });
    expect(triageQueue.sent).toEqual(['stalled']);
    expect(acknowledgementQueue.sent).toEqual(['pending']);
    expect(queuesRead).toEqual([]);
  });

  it("queues a red contact's lost acknowledgement once its duty alert is recorded, and not before", async () => {
    // Prepare: both red, old, pending and with runs that succeeded; only one's alert is recorded.
    const longAgo = new Date(now.getTime() - 60 * 60_000).toISOString();
    const pendingRed = { acknowledgement: { status: 'pending' as const }, recommendation: red, receivedAt: longAgo };
    const { store } = memoryStore([
      contact('alerted', 'awaiting-decision', pendingRed),
      contact('not-alerted', 'awaiting-decision', pendingRed),
    ]);
    await store.appendEvent(systemEvent('alerted', longAgo, SYSTEM_ACTIONS.dutyManagerAlerted));
    const { workflow, started } = memoryTriageWorkflow({});
    const acknowledgementQueue = recordingQueue();

    // Act
    const result = await requeueStalledContacts({ store, triageQueue: noQueue, acknowledgementQueue, workflow, now });

    // Assess: the alerted one's acknowledgement is queued; the other waits for its alert.
    expect(result.acknowledgementsRequeued).toBe(1);
    expect(acknowledgementQueue.sent).toEqual(['alerted']);
    expect(started).toEqual([]);
  });

  it('queues none again while the acknowledgement queue holds as many messages, then not a second time', async () => {
    // Prepare
    const { store } = memoryStore(unacknowledged(3));
    const { workflow } = memoryTriageWorkflow(endedRuns(3));
    const busy = recordingQueue(3);
    const drained = recordingQueue(2);

    // Act
    const waiting = await requeueStalledContacts({
      store,
      triageQueue: noQueue,
      acknowledgementQueue: busy,
      workflow,
      now,
    });
    const lost = await requeueStalledContacts({
      store,
      triageQueue: noQueue,
      acknowledgementQueue: drained,
      workflow,
      now,
    });
    const next = await requeueStalledContacts({
      store,
      triageQueue: noQueue,
      acknowledgementQueue: drained,
      workflow,
      now,
    });

    // Assess
    expect(waiting).toMatchObject({ waiting: 3, acknowledgementsRequeued: 0 });
    expect(busy.sent).toEqual([]);
    expect(lost).toMatchObject({ waiting: 0, acknowledgementsRequeued: 3 });
    expect(next).toMatchObject({ waiting: 3, acknowledgementsRequeued: 0 });
    expect(drained.sent).toHaveLength(3);
  });
});

/** What sendAcknowledgement needs, around a store and a mailer. */
const acknowledgementDeps = (store: MemoryContactStore, mailer: object) => ({
  store,
  mailer: mailer as never,
  config: testRuntimeConfig(),
  now,
  addresses: memoryReferrerAddresses().addresses,
  matchKey: TEST_MATCH_KEY,
});
/** A contact awaiting a decision whose acknowledgement is pending. */
const awaitingAcknowledgement = () =>
  contact('awaiting', 'awaiting-decision', {
    notification: aSchoolNeglectNotification(),
    acknowledgement: { status: 'pending' },
  } as Partial<Contact>);

describe('the acknowledgement is recorded on the contact', () => {
  it('is marked sent once the email has gone, even when a worker has already decided the contact', async () => {
    // Prepare
    const { notification } = { notification: aSchoolNeglectNotification() };
    const { store, contact: stored } = memoryStore([
      contact('awaiting', 'awaiting-decision', {
        notification,
        acknowledgement: { status: 'pending' },
      } as Partial<Contact>),
      contact('decided', 'decided', {
        notification,
        acknowledgement: { status: 'pending' },
        decision: { children: [], decidedAt: now.toISOString(), decidedBy: 'sam.okafor' },
      } as Partial<Contact>),
    ]);
    const sent: string[] = [];
    const mailer = { sendOnce: async (message: { idempotencyKey: string }) => void sent.push(message.idempotencyKey) };
    const deps = acknowledgementDeps(store, mailer);

    // Act
    await sendAcknowledgement('awaiting', deps);
    await sendAcknowledgement('decided', deps);

    // Assess
    expect(sent).toHaveLength(2);
    expect(stored('awaiting')).toMatchObject({
      status: 'awaiting-decision',
      acknowledgement: { status: 'sent', sentAt: now.toISOString() },
    });
    expect(stored('decided')).toMatchObject({ status: 'decided', acknowledgement: { status: 'sent' } });
  });
});

describe('an acknowledgement that cannot be recorded', () => {
  it('fails, so its message comes back, when the contact cannot be read back to mark it sent', async () => {
    // Prepare: the contact is read, then gone by the time the email has gone (a read that finds
    // nothing): reported done, its message would be deleted with the acknowledgement still pending.
    const { store } = memoryStore([awaitingAcknowledgement()]);
    const mailer = { sendOnce: async () => void store.contacts.delete('awaiting') };
    const deps = acknowledgementDeps(store, mailer);

    // Act
    const sending = sendAcknowledgement('awaiting', deps);

    // Assess
    await expect(sending).rejects.toThrow('Could not record the acknowledgement of awaiting (not-found)');
  });

  it('fails, sending nothing, when the contact is read as it stood before its acknowledgement was recorded pending', async () => {
    // Prepare: only a pending acknowledgement is ever queued, so a contact read without one is a
    // read older than the message (a local emulator once answered so for twenty minutes).
    const { store } = memoryStore([
      contact('awaiting', 'triaging', { notification: aSchoolNeglectNotification() } as Partial<Contact>),
    ]);
    const sent: unknown[] = [];
    const deps = acknowledgementDeps(store, { sendOnce: async (message: unknown) => void sent.push(message) });

    // Act
    const sending = sendAcknowledgement('awaiting', deps);

    // Assess
    await expect(sending).rejects.toThrow('read without its pending acknowledgement; retried');
    expect(sent).toEqual([]);
    expect(store.contacts.get('awaiting')!.acknowledgement).toBeUndefined();
  });

  it.each([
    ['fails while the contact, changing under every write, is still pending', 'pending', false],
    ['is done when the contact, changing under every write, is found marked sent', 'sent', true],
  ] as const)('%s', async (_, status, done) => {
    // Prepare: every write meets a newer version (three writers racing in a row).
    const { store } = memoryStore([awaitingAcknowledgement()]);
    const latest = { ...store.contacts.get('awaiting')!, version: 9, acknowledgement: { status } } as Contact;
    store.update = async () => {
      throw new VersionConflict('awaiting', latest);
    };
    const deps = acknowledgementDeps(store, { sendOnce: async () => undefined });

    // Act
    const sending = sendAcknowledgement('awaiting', deps);

    // Assess
    if (done) await expect(sending).resolves.toEqual({ sent: true });
    else await expect(sending).rejects.toThrow('Could not record the acknowledgement of awaiting (kept-changing)');
  });
});

describe('an acknowledgement message delivered again', () => {
  it('once the acknowledgement is sent, emails nothing, offers no second confirmation link and writes nothing', async () => {
    // Prepare: an unconfirmed address, so the first send offers a confirmation link.
    const { store, contact: stored } = memoryStore([
      contact('awaiting', 'awaiting-decision', {
        notification: aSchoolNeglectNotification(),
        acknowledgement: { status: 'pending' },
      } as Partial<Contact>),
    ]);
    const { addresses, offers } = memoryReferrerAddresses();
    const sends: string[] = [];
    const mailer = { sendOnce: async (message: { idempotencyKey: string }) => void sends.push(message.idempotencyKey) };
    const deps = { store, mailer: mailer as never, config: testRuntimeConfig(), addresses, matchKey: TEST_MATCH_KEY };
    await sendAcknowledgement('awaiting', { ...deps, now });
    const first = stored('awaiting');

    // Act: the same message again, a minute later (a batch that outran its visibility timeout).
    await sendAcknowledgement('awaiting', { ...deps, now: new Date(now.getTime() + 60_000) });

    // Assess: the mailer was asked once, one link was offered, and the contact is as the first send left it.
    expect(sends).toHaveLength(1);
    expect(offers.size).toBe(1);
    expect(stored('awaiting')).toEqual(first);
    expect(first).toMatchObject({ acknowledgement: { status: 'sent', sentAt: now.toISOString() } });
  });
});
