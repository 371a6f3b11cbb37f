import type { Contact } from '../../shared/contacts';
import { startCompleting } from '../../shared/console/incoming-email';
import type { AuditEvent } from '../../shared/contacts/ports';
import type { Draft, DraftStore } from '../../shared/referrer/draft';
import { submitDraft } from '../../shared/front-door/draft-submission';
import { notification } from '../console/helpers';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { aRecommendedContact } from '../support/recommended-contact';
import { anEmailToComplete } from '../support/email-contact';

/** The use cases behind completing a free-text email, with the ports in memory. */
const worker: AuditEvent['actor'] = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const now = new Date('2026-11-20T19:00:00Z');

const emailContact = () => anEmailToComplete();

const memory = (contact: Contact) => {
  const store = new MemoryContactStore([contact]);
  const { contacts, events } = store;
  const drafts = new Map<string, Draft>();
  const queued: string[] = [];
  const draftStore: DraftStore = { get: async (id) => drafts.get(id), put: async (d) => void drafts.set(d.draftId, d) };
  return {
    contacts,
    drafts,
    events,
    queued,
    deps: {
      store,
      drafts: draftStore,
      triageQueue: { send: async ({ contactId }: { contactId: string }) => void queued.push(contactId) },
    },
  };
};

const answersFor = (body: any): Draft['answers'] => ({ ...body, listsDone: {} });

describe('completing a free-text email', () => {
  it('starts a draft that completes the contact, with the sender as referrer, claiming it at the version seen', async () => {
    const m = memory(emailContact());
    expect(
      await startCompleting({ contactId: 'c1', expectedVersion: 0, actor: worker, draftId: 'd1', now }, m.deps),
    ).toMatchObject({ outcome: 'conflict' });
    expect(
      await startCompleting({ contactId: 'c1', expectedVersion: 1, actor: worker, draftId: 'd1', now }, m.deps),
    ).toEqual({ outcome: 'started', draftId: 'd1' });
    expect(m.drafts.get('d1')).toMatchObject({
      answers: { referrer: { email: 'pat.neighbour@mail.example' } },
      completes: { contactId: 'c1', reference: 'FD-C1', by: worker },
    });
    expect(m.contacts.get('c1')!.assignee).toEqual({ id: 'sam.okafor', name: 'Sam Okafor' });
    expect(m.events.map((e) => e.action)).toEqual(['Started completing the notification from the email']);
  });

  it('refuses a contact that does not need completing', async () => {
    const m = memory(aRecommendedContact({ version: 1 }));
    expect(
      await startCompleting({ contactId: 'c1', expectedVersion: 1, actor: worker, draftId: 'd1', now }, m.deps),
    ).toMatchObject({ outcome: 'refused' });
    expect(m.drafts.size).toBe(0);
  });

  it('fills in the same contact once, queues it, and treats a second send from another draft as already done', async () => {
    const m = memory(emailContact());
    const body = notification('school-neglect') as Record<string, unknown>;
    const draft: Draft = {
      draftId: 'd1',
      answers: answersFor(body),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      completes: { contactId: 'c1', reference: 'FD-C1', by: worker },
    };
    expect(await submitDraft(draft, now, m.deps)).toEqual({
      outcome: 'submitted',
      contact: { contactId: 'c1', reference: 'FD-C1' },
    });
    expect(m.contacts.get('c1')).toMatchObject({
      status: 'received',
      notification: { referrer: { email: (body.referrer as any).email } },
    });
    expect(m.queued).toEqual(['c1']);
    expect(await submitDraft({ ...draft, draftId: 'd2' }, now, m.deps)).toMatchObject({
      outcome: 'submitted',
      contact: { contactId: 'c1' },
    });
    expect(m.queued).toEqual(['c1']);
    expect(m.events.map((e) => e.action)).toEqual(['Completed the notification from the email']);
  });

  it('keeps the contact as it is while the notification is incomplete', async () => {
    const m = memory(emailContact());
    const draft: Draft = {
      draftId: 'd1',
      answers: {},
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      completes: { contactId: 'c1', reference: 'FD-C1', by: worker },
    };
    expect(await submitDraft(draft, now, m.deps)).toMatchObject({ outcome: 'invalid' });
    expect(m.contacts.get('c1')!.status).toBe('needs-completing');
  });
});
