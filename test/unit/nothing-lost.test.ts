import type { Contact } from '../../shared/contacts';
import { acceptNotification } from '../../shared/front-door/intake';
import type { MessageQueue, TriageWorkflow } from '../../shared/front-door/ports';
import { requeueStalledContacts } from '../../shared/front-door/stalled';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { memoryIntakeStore } from '../support/memory-intake-store';
import { MemoryContactStore } from '../support/contact-store-in-memory';

/** The in-memory store, and the contacts it holds as a list. */
const memoryStore = () => {
  const { store, contacts } = memoryIntakeStore();
  return { store, stored: () => [...contacts.values()] };
};

const unreachableQueue: MessageQueue = { send: async () => Promise.reject(new Error('SQS is unreachable')) };
/** A queue that records what is sent to it, holding `held` messages besides those. */
const recordingQueue = (held = 0) => {
  const sent: string[] = [];
  return {
    sent,
    send: async ({ contactId }: { contactId: string }) => void sent.push(contactId),
    messagesHeld: async () => held + sent.length,
  };
};

describe('an accepted notification is never lost', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('accepts a stored notification even when the queue cannot be reached, and says it was not queued', async () => {
    const { store, stored } = memoryStore();
    const result = await acceptNotification(
      { body: aSchoolNeglectNotification(), channel: 'api', now },
      { store, triageQueue: unreachableQueue },
    );
    expect(result).toMatchObject({ outcome: 'accepted', queued: false });
    expect(stored().map((c) => c.status)).toEqual(['received']);
  });

  it('queues again a contact still waiting for triage after a few minutes, and only those', async () => {
    const contact = (id: string, status: Contact['status'], minutesAgo: number) =>
      ({ contactId: id, status, receivedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString() }) as Contact;
    const store = new MemoryContactStore([
      contact('stalled', 'received', 30),
      contact('just-arrived', 'received', 1),
      contact('triaged', 'awaiting-decision', 60),
    ]);
    const queue = recordingQueue();
    const workflow = { contactsWithEndedRuns: async () => [] } as unknown as TriageWorkflow;
    expect(
      await requeueStalledContacts({
        store,
        triageQueue: queue,
        acknowledgementQueue: recordingQueue(),
        workflow,
        now,
      }),
    ).toEqual({
      requeued: 1,
      restarted: 0,
      waiting: 0,
      acknowledgementsRequeued: 0,
    });
    expect(queue.sent).toEqual(['stalled']);
  });

  describe('a backlog that is only waiting behind the queue is not queued again', () => {
    const received = (count: number) =>
      Array.from(
        { length: count },
        (_, i) =>
          ({
            contactId: `waiting-${i}`,
            status: 'received',
            receivedAt: new Date(now.getTime() - (60 - i) * 60_000).toISOString(),
          }) as Contact,
      );
    const workflow = { contactsWithEndedRuns: async () => [] } as unknown as TriageWorkflow;

    it('queues none again while the queue holds at least as many messages as there are stalled contacts', async () => {
      // Prepare
      const store = new MemoryContactStore(received(40));
      const queue = recordingQueue(40);

      // Act
      const result = await requeueStalledContacts({
        store,
        triageQueue: queue,
        acknowledgementQueue: recordingQueue(),
        workflow,
        now,
      });

      // Assess
      expect(result).toEqual({ requeued: 0, restarted: 0, waiting: 40, acknowledgementsRequeued: 0 });
      expect(queue.sent).toEqual([]);
    });

    it('queues them again once the queue holds fewer messages than there are stalled contacts, as some were lost', async () => {
      // Prepare
      const store = new MemoryContactStore(received(40));
      const queue = recordingQueue(39);

      // Act
      const result = await requeueStalledContacts({
        store,
        triageQueue: queue,
        acknowledgementQueue: recordingQueue(),
        workflow,
        now,
      });

      // Assess
      expect(result).toEqual({ requeued: 40, restarted: 0, waiting: 0, acknowledgementsRequeued: 0 });
      expect(queue.sent).toHaveLength(40);
    });

    it('does not queue them a second time at the next sweep while the first copies are still in the queue', async () => {
      // Prepare
      const store = new MemoryContactStore(received(3));
      const queue = recordingQueue(0);
      await requeueStalledContacts({
        store,
        triageQueue: queue,
        acknowledgementQueue: recordingQueue(),
        workflow,
        now,
      });

      // Act
      const second = await requeueStalledContacts({
        store,
        triageQueue: queue,
        acknowledgementQueue: recordingQueue(),
        workflow,
        now,
      });

      // Assess
      expect(second).toEqual({ requeued: 0, restarted: 0, waiting: 3, acknowledgementsRequeued: 0 });
      expect(queue.sent).toHaveLength(3);
    });
  });
});

describe('bad input stores nothing', () => {
  it('refuses indicators the levels-of-need guidance does not have, and stores nothing', async () => {
    const { store, stored } = memoryStore();
    const notification = aSchoolNeglectNotification();
    notification.concerns.indicators = ['neglect-reported', 'made-up-indicator'];
    const result = await acceptNotification(
      { body: notification, channel: 'api', now: new Date() },
      { store, triageQueue: unreachableQueue },
    );
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        {
          path: 'concerns.indicators.1',
          message: '"made-up-indicator" is not an indicator in the levels-of-need guidance',
        },
      ],
    });
    expect(stored()).toEqual([]);
  });

  it("refuses an unknown indicator in one child's own concerns, naming that child's field, and stores nothing", async () => {
    // Prepare
    const { store, stored } = memoryStore();
    const notification = aSchoolNeglectNotification();
    notification.children[0]!.concerns = { indicators: ['self-harm', 'made-up-indicator'] };
    // Act
    const result = await acceptNotification(
      { body: notification, channel: 'api', now: new Date() },
      { store, triageQueue: unreachableQueue },
    );
    // Assess
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        {
          path: 'children.0.concerns.indicators.1',
          message: '"made-up-indicator" is not an indicator in the levels-of-need guidance',
        },
      ],
    });
    expect(stored()).toEqual([]);
  });

  it('refuses a person aged 18 or over and a date of birth in the future, naming the field, and stores nothing', async () => {
    // Prepare: the form's rules, on 30 November 2026 in England.
    const now = new Date('2026-11-30T10:00:00Z');
    const { store, stored } = memoryStore();
    const withBirthDates = (...dates: string[]) => {
      const notification = aSchoolNeglectNotification();
      notification.children = dates.map((dateOfBirth) => ({ ...notification.children[0]!, dateOfBirth }));
      return notification;
    };
    // Act
    const nineteen = await acceptNotification(
      { body: withBirthDates('2010-05-01', '2007-06-01'), channel: 'api', now },
      { store, triageQueue: unreachableQueue },
    );
    const eighteenToday = await acceptNotification(
      { body: withBirthDates('2008-11-30'), channel: 'batch', now },
      { store, triageQueue: unreachableQueue },
    );
    const future = await acceptNotification(
      { body: withBirthDates('2026-12-01'), channel: 'api', now },
      { store, triageQueue: unreachableQueue },
    );
    const seventeen = await acceptNotification(
      { body: withBirthDates('2008-12-01'), channel: 'api', now },
      { store, triageQueue: recordingQueue() },
    );
    // Assess
    expect(nineteen).toEqual({
      outcome: 'invalid',
      errors: [
        {
          path: 'children.1.dateOfBirth',
          message: 'Date of birth must make the child under 18. For someone aged 18 or over, contact adult social care',
        },
      ],
    });
    expect(eighteenToday).toMatchObject({ outcome: 'invalid', errors: [{ path: 'children.0.dateOfBirth' }] });
    expect(future).toEqual({
      outcome: 'invalid',
      errors: [{ path: 'children.0.dateOfBirth', message: 'Date of birth must be today or in the past' }],
    });
    expect(seventeen.outcome).toBe('accepted');
    expect(stored()).toHaveLength(1);
  });

  it("refuses an adult's date of birth or a missing child's return in the future, as the form does, and stores nothing", async () => {
    // Prepare: 30 November 2026 in England; a parent, a household member and a return dated next year
    const now = new Date('2026-11-30T10:00:00Z');
    const { store, stored } = memoryStore();
    const notification = aSchoolNeglectNotification();
    notification.parentsAndCarers = [{ ...notification.parentsAndCarers![0]!, dateOfBirth: '2099-01-01' }];
    notification.householdMembers = [{ name: 'Sam Example', relationship: 'lodger', dateOfBirth: '1899-12-31' }];
    notification.concerns.screening = { returnedOn: '2026-12-01' };

    // Act
    const result = await acceptNotification(
      { body: notification, channel: 'api', now },
      { store, triageQueue: recordingQueue() },
    );

    // Assess
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        { path: 'parentsAndCarers.0.dateOfBirth', message: 'Date of birth must be today or in the past' },
        { path: 'householdMembers.0.dateOfBirth', message: 'Date of birth must be after 1 January 1900' },
        {
          path: 'concerns.screening.returnedOn',
          message: 'Date the child came back or was found must be today or in the past',
        },
      ],
    });
    expect(stored()).toEqual([]);
  });
});
