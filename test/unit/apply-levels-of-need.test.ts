import { InMemoryCaseRegistry } from '../../shared/cases/in-memory-case-registry';
import { newContactId, referenceFor, type Contact } from '../../shared/contacts';
import type { AuditEvent } from '../../shared/contacts/ports';
import { SYSTEM_ACTIONS } from '../../shared/audit/system-events';
import { applyLevelsOfNeed } from '../../shared/front-door/triage-steps';
import type { ContactMessage } from '../../shared/front-door/ports';
import { parseNotification } from '../../shared/notification';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * The levels-of-need step may stop anywhere and run again (Step Functions retries it): whatever
 * the first attempt wrote, the retry finishes the step, and the audit trail says once that the
 * contact was triaged.
 */
const now = new Date('2026-11-30T10:00:00Z');

const aTriagingContact = (notification = aSchoolNeglectNotification()): Contact => {
  const parsed = parseNotification(notification);
  if (!parsed.ok) throw new Error('fixture is invalid');
  const contactId = newContactId();
  return {
    contactId,
    reference: referenceFor(contactId),
    status: 'triaging',
    channel: 'api',
    receivedAt: '2026-11-30T09:00:00Z',
    updatedAt: '2026-11-30T09:00:00Z',
    notification: parsed.notification,
  };
};

/** A store whose next audit append fails, as a Lambda stopped between the two writes would leave it. */
class StopsBeforeAppend extends MemoryContactStore {
  stopNextAppend = true;
  override async appendEvent(event: AuditEvent): Promise<void> {
    if (this.stopNextAppend) {
      this.stopNextAppend = false;
      throw new Error('the Lambda stopped here');
    }
    return super.appendEvent(event);
  }
}

/** The acknowledgement queue in memory, failing its next send when asked to. */
const queue = () => {
  const sent: ContactMessage[] = [];
  return {
    sent,
    failNext: false,
    async send(m: ContactMessage) {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('the queue could not be reached');
      }
      sent.push(m);
    },
  };
};

const triagedEntries = async (store: MemoryContactStore, contactId: string) =>
  (await store.listEvents(contactId)).filter((e) => e.action === SYSTEM_ACTIONS.triaged);

describe('applying the levels of need', () => {
  it('records the triaged entry on the retry when the first attempt stopped after storing the recommendation', async () => {
    // Prepare
    const contact = aTriagingContact();
    const store = new StopsBeforeAppend([contact]);
    const deps = { store, cases: new InMemoryCaseRegistry(), matchKey: TEST_MATCH_KEY, now, acknowledgements: queue() };
    await expect(applyLevelsOfNeed(contact.contactId, deps)).rejects.toThrow('the Lambda stopped here');
    expect((await store.get(contact.contactId))?.status).toBe('awaiting-decision');

    // Act
    const retried = await applyLevelsOfNeed(contact.contactId, deps);

    // Assess
    const entries = await triagedEntries(store, contact.contactId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toContain(`Recommended level ${retried.level}`);
  });

  it('records the triaged entry once however often a finished step runs again', async () => {
    // Prepare
    const contact = aTriagingContact();
    const store = new MemoryContactStore([contact]);
    const deps = { store, cases: new InMemoryCaseRegistry(), matchKey: TEST_MATCH_KEY, now, acknowledgements: queue() };

    // Act
    const first = await applyLevelsOfNeed(contact.contactId, deps);
    const again = await applyLevelsOfNeed(contact.contactId, { ...deps, now: new Date('2026-11-30T10:05:00Z') });

    // Assess
    expect(again).toEqual(first);
    const entries = await triagedEntries(store, contact.contactId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.at).toBe(now.toISOString());
  });

  it('queues the acknowledgement after writing it pending, and queues it again on the retry when the queue failed', async () => {
    // Prepare
    const contact = aTriagingContact();
    const store = new MemoryContactStore([contact]);
    const deps = { store, cases: new InMemoryCaseRegistry(), matchKey: TEST_MATCH_KEY, now, acknowledgements: queue() };
    deps.acknowledgements.failNext = true;
    await expect(applyLevelsOfNeed(contact.contactId, deps)).rejects.toThrow('the queue could not be reached');
    expect((await store.get(contact.contactId))?.acknowledgement).toEqual({ status: 'pending' });

    // Act
    await applyLevelsOfNeed(contact.contactId, deps);

    // Assess: the contact id alone, never personal data
    expect(deps.acknowledgements.sent).toEqual([{ contactId: contact.contactId }]);
  });

  it("leaves a red contact's acknowledgement to be queued after the duty manager is alerted", async () => {
    // Prepare
    const contact = aTriagingContact(aPoliceDomesticAbuseNotification());
    const store = new MemoryContactStore([contact]);
    const deps = { store, cases: new InMemoryCaseRegistry(), matchKey: TEST_MATCH_KEY, now, acknowledgements: queue() };

    // Act
    const summary = await applyLevelsOfNeed(contact.contactId, deps);

    // Assess
    expect(summary.priority).toBe('red');
    expect(deps.acknowledgements.sent).toEqual([]);
  });
});
