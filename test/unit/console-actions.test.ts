import { ContactWrite } from '../../shared/contacts';
import { performAction, STALE_MESSAGE, type ActionKind } from '../../shared/console/actions';
import type { Contact } from '../../shared/contacts';
import type { AuditEvent } from '../../shared/contacts/ports';
import { memoryPorts } from '../support/memory-contact-store';
import { aRecommendedContact } from '../support/recommended-contact';

/**
 * What a worker or manager does to a contact from the console, other than deciding it, with the
 * ports in memory: each action is validated, checked against the version the user saw, written
 * and audited, or refused with nothing written. The contact is a police domestic abuse
 * notification waiting for a decision (version 3).
 */
const now = new Date('2026-11-20T11:00:00Z');
const worker: AuditEvent['actor'] = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const otherWorker: AuditEvent['actor'] = { id: 'priya.shah', name: 'Priya Shah', role: 'worker' };
const manager: AuditEvent['actor'] = { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' };

const act = (
  ports: ReturnType<typeof memoryPorts>,
  kind: ActionKind,
  fields: Record<string, string> = {},
  { actor = worker, expectedVersion = 3 } = {},
) => performAction({ contactId: 'c1', kind, fields, expectedVersion, actor, now }, ports);

describe('a console action on a contact', () => {
  it('claims an open contact for the worker, at the next version, and says so in the audit trail', async () => {
    // Prepare
    const ports = memoryPorts(aRecommendedContact());
    // Act
    const result = await act(ports, 'claim');
    // Assess
    expect(result).toMatchObject({ outcome: 'done', contact: { assignee: { id: 'sam.okafor', name: 'Sam Okafor' } } });
    expect(ports.contacts.get('c1')!.version).toBe(4);
    expect(ports.events).toEqual([{ contactId: 'c1', at: now.toISOString(), actor: worker, action: 'Claimed' }]);
  });

  it('names whom a contact was claimed from, so the worker who had it can see who took it', async () => {
    const ports = memoryPorts(aRecommendedContact({ assignee: { id: 'priya.shah', name: 'Priya Shah' } }));

    await act(ports, 'claim');

    expect(ports.events.map((e) => e.action)).toEqual(['Claimed from Priya Shah']);
  });

  it('is refused as stale when someone changed the contact after the user opened it, and writes nothing', async () => {
    const ports = memoryPorts(aRecommendedContact());

    const result = await act(ports, 'escalate', { reason: 'Mother says the partner is back.' }, { expectedVersion: 2 });

    expect(result).toMatchObject({ outcome: 'conflict', reason: STALE_MESSAGE, contact: { version: 3 } });
    expect(ports.contacts.get('c1')!.escalation).toBeUndefined();
    expect(ports.events).toEqual([]);
  });

  it('is refused as stale when another write lands between reading the contact and writing it', async () => {
    const ports = memoryPorts(aRecommendedContact());
    const get = ports.store.get.bind(ports.store);
    ports.store.get = async (id: string) => {
      const seen = await get(id);
      await ports.store.update(
        id,
        3,
        ContactWrite.change(seen!, { assignee: { id: 'priya.shah', name: 'Priya Shah' } }),
        now.toISOString(),
      );
      return seen;
    };

    const result = await act(ports, 'claim');

    expect(result).toMatchObject({ outcome: 'conflict', reason: STALE_MESSAGE, contact: { version: 4 } });
    expect(ports.contacts.get('c1')!.assignee).toEqual({ id: 'priya.shah', name: 'Priya Shah' });
    expect(ports.events).toEqual([]);
  });

  it('finds no contact that is not there', async () => {
    expect(await act(memoryPorts(), 'claim')).toEqual({ outcome: 'not-found' });
  });

  it('refuses a form with a missing answer by the field and a GOV.UK message', async () => {
    const ports = memoryPorts(aRecommendedContact());

    const result = await act(ports, 'escalate', { reason: '   ' });

    expect(result).toEqual({
      outcome: 'invalid',
      errors: [{ path: 'reason', message: 'Enter why you are escalating this contact to a manager' }],
    });
    expect(ports.events).toEqual([]);
  });

  it("asks only the stage's partner agencies for information, due within 48 hours and before the decision", async () => {
    const ports = memoryPorts(aRecommendedContact());
    const question = { question: 'Any callouts to the address this year?', sentTo: 'mash@police.example' };

    const unknown = await act(ports, 'request-information', { agency: 'fire-service', ...question });
    const asked = await act(ports, 'request-information', { agency: 'police', ...question });

    expect(unknown).toEqual({
      outcome: 'invalid',
      errors: [{ path: 'agency', message: 'Choose which agency to ask' }],
    });
    const request = ports.contacts.get('c1')!.partnerRequests![0]!;
    expect(asked.outcome).toBe('done');
    expect(request).toMatchObject({ agency: 'police', ...question, requestedAt: now.toISOString() });
    const due = Date.parse(request.dueAt);
    expect(due).toBeGreaterThan(now.getTime());
    expect(due).toBeLessThanOrEqual(now.getTime() + 48 * 3600_000);
    expect(due).toBeLessThan(Date.parse(ports.contacts.get('c1')!.recommendation!.dueAt));
    expect(ports.events.map((e) => e.action)).toEqual(['Asked Police for information']);
  });

  it('records an agency’s answer once', async () => {
    const ports = memoryPorts(aRecommendedContact());
    await act(ports, 'request-information', {
      agency: 'health',
      question: 'Is the baby registered with a GP?',
      sentTo: 'safeguarding@health.example',
    });
    const requestId = ports.contacts.get('c1')!.partnerRequests![0]!.id;

    const first = await act(
      ports,
      'record-answer',
      { requestId, answer: 'Yes, at Example Surgery.' },
      { expectedVersion: 4 },
    );
    const again = await act(ports, 'record-answer', { requestId, answer: 'Yes.' }, { expectedVersion: 5 });
    const unknown = await act(ports, 'record-answer', { requestId: 'r-none', answer: 'Yes.' }, { expectedVersion: 5 });

    expect(first.outcome).toBe('done');
    expect(ports.contacts.get('c1')!.partnerRequests![0]).toMatchObject({
      answer: 'Yes, at Example Surgery.',
      answeredBy: { id: 'sam.okafor', name: 'Sam Okafor' },
    });
    expect(again).toMatchObject({ outcome: 'refused', reason: 'That information request has already been answered' });
    expect(unknown).toMatchObject({ outcome: 'refused', reason: 'That information request does not exist' });
  });
});

describe('who a contact is assigned to', () => {
  const assignedToPriya = (): Contact => aRecommendedContact({ assignee: { id: 'priya.shah', name: 'Priya Shah' } });

  it('lets workers unassign themselves, and only a manager unassign someone else', async () => {
    const ports = memoryPorts(assignedToPriya());

    const byWorker = await act(ports, 'unassign');
    const byPriya = await act(ports, 'unassign', {}, { actor: otherWorker });

    expect(byWorker).toMatchObject({ outcome: 'refused', reason: 'Only a manager can unassign someone else' });
    expect(byPriya.outcome).toBe('done');
    expect(ports.contacts.get('c1')!.assignee).toBeNull();
    expect(ports.events.map((e) => e.action)).toEqual(['Unassigned Priya Shah']);
  });

  it('lets a manager unassign anyone, and assign a worker by user name', async () => {
    const ports = memoryPorts(assignedToPriya());

    await act(ports, 'unassign', {}, { actor: manager });
    await act(ports, 'assign', { assignee: 'sam.okafor' }, { actor: manager, expectedVersion: 4 });

    expect(ports.contacts.get('c1')!.assignee).toEqual({ id: 'sam.okafor', name: 'sam.okafor' });
    expect(ports.events.map((e) => [e.action, e.detail])).toEqual([
      ['Unassigned Priya Shah', undefined],
      ['Assigned', 'To sam.okafor'],
    ]);
  });

  it('refuses to unassign nobody', async () => {
    expect(await act(memoryPorts(aRecommendedContact()), 'unassign')).toMatchObject({
      outcome: 'refused',
      reason: 'Nobody is assigned to this contact',
    });
  });
});

describe('a decided contact', () => {
  const decided = (): Contact =>
    aRecommendedContact({
      status: 'decided',
      decision: {
        children: [
          { childIndex: 0, route: 'csc-strategy-discussion', level: 4, rationale: 'DASH high.' },
          { childIndex: 1, route: 'csc-strategy-discussion', level: 4, rationale: 'DASH high.' },
        ],
        decidedAt: '2026-11-20T10:30:00.000Z',
        decidedBy: 'morgan.ellis',
      },
    } as Partial<Contact>);

  it.each([
    ['claim', {}, 'Only contacts that are still open can be claimed'],
    ['assign', { assignee: 'sam.okafor' }, 'Only contacts that are still open can be assigned'],
    ['escalate', { reason: 'Worried about the decision.' }, 'Only contacts that are still open can be escalated'],
  ] as const)('cannot be %sed any more', async (kind, fields, reason) => {
    const ports = memoryPorts(decided());

    const result = await act(ports, kind, fields, { actor: manager });

    expect(result).toMatchObject({ outcome: 'refused', reason });
    expect(ports.contacts.get('c1')!.version).toBe(3);
    expect(ports.events).toEqual([]);
  });
});

describe('linking an earlier contact', () => {
  const earlier = { linkedContactId: 'c0', linkedReference: 'CFC-TEST-0000' };

  it('links another contact once, and unlinks it', async () => {
    const ports = memoryPorts(aRecommendedContact());

    await act(ports, 'link', earlier);
    const twice = await act(ports, 'link', earlier, { expectedVersion: 4 });
    await act(ports, 'unlink', { linkedContactId: 'c0' }, { expectedVersion: 4 });
    const notLinked = await act(ports, 'unlink', { linkedContactId: 'c0' }, { expectedVersion: 5 });

    expect(twice).toMatchObject({ outcome: 'refused', reason: 'CFC-TEST-0000 is already linked' });
    expect(notLinked).toMatchObject({ outcome: 'refused', reason: 'That contact is not linked' });
    expect(ports.contacts.get('c1')!.links).toEqual([]);
    expect(ports.events.map((e) => [e.action, e.detail])).toEqual([
      ['Linked an earlier contact', 'CFC-TEST-0000'],
      ['Unlinked an earlier contact', 'CFC-TEST-0000'],
    ]);
  });

  it('never links a contact to itself', async () => {
    const result = await act(memoryPorts(aRecommendedContact()), 'link', {
      linkedContactId: 'c1',
      linkedReference: 'CFC-TEST-0001',
    });

    expect(result).toMatchObject({ outcome: 'refused', reason: 'A contact cannot be linked to itself' });
  });
});
