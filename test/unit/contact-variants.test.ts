import {
  ContactWrite,
  contactFrom,
  hasNotification,
  InvalidContact,
  isAwaitingManager,
  isDecided,
  needsCompleting,
} from '../../shared/contacts';
import { recordDecision, signOffDecision } from '../../shared/front-door/decisions';
import { memoryPorts } from '../support/memory-contact-store';
import { aRecommendedContact } from '../support/recommended-contact';

/**
 * A contact's type follows its status (issue 16 part 3). A record read from storage becomes a
 * Contact only through contactFrom, which refuses one whose fields contradict its status; the
 * stores refuse a change that would leave such a record; and recording or signing off a decision
 * answers with the variant the contact is now in. What each variant has, tsc proves.
 */
const now = new Date('2026-11-20T15:00:00Z');
const stored = () => ({ ...aRecommendedContact() });
const aDecision = {
  children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action: a one-off worry.' }],
  decidedAt: '2026-11-20T14:00:00.000Z',
  decidedBy: 'sam.okafor',
};
const anEmail = {
  from: 'pat.neighbour@mail.example',
  subject: 'Worried',
  text: 'Hello',
  attachments: [],
  rawMessage: { bucket: 'inbound', key: 'inbound/m1' },
};
const strategy = {
  route: 'csc-strategy-discussion',
  level: 4,
  rationale: 'DASH high: both children at risk of significant harm.',
} as const;

describe('reading a stored contact as its status says it is', () => {
  it.each([
    ['decided, with no decision', { status: 'decided' }, 'has no decision'],
    ['awaiting sign-off, with nothing to sign off', { status: 'awaiting-manager' }, 'has no decision to sign off'],
    ['triage failed, with no failure', { status: 'triage-failed' }, 'has no triage failure'],
    ['awaiting a decision, with a decision', { decision: aDecision }, 'has a decision'],
    ['received, with no notification', { status: 'received', notification: undefined }, 'has no notification'],
    [
      'needing completing, with no email',
      { status: 'needs-completing', notification: undefined },
      'has no incoming email',
    ],
    [
      'needing completing, with a notification',
      { status: 'needs-completing', incomingEmail: anEmail },
      'already has a notification',
    ],
    ['an unknown status', { status: 'closed' }, 'is not a contact record'],
    ['no reference', { reference: undefined }, 'is not a contact record'],
  ])('refuses a record %s', (_, fields, problem) => {
    // Prepare
    const item: Record<string, unknown> = { ...stored(), ...fields };
    // Act
    const read = () => contactFrom(item);
    // Assess: the error names the contact and what is wrong, never the child.
    expect(read).toThrow(InvalidContact);
    expect(read).toThrow(`Stored contact c1 (${String(item.status)}) ${problem}`);
  });

  it('reads an email waiting to be completed as one, with no notification', () => {
    // Prepare
    const item: Record<string, unknown> = {
      ...stored(),
      status: 'needs-completing',
      notification: undefined,
      incomingEmail: anEmail,
    };
    // Act
    const contact = contactFrom(item);
    // Assess
    expect(needsCompleting(contact) && contact.incomingEmail.from).toBe('pat.neighbour@mail.example');
    expect(hasNotification(contact)).toBe(false);
  });

  it('reads a record whose fields agree with its status as that variant', () => {
    // Prepare
    const item: Record<string, unknown> = { ...stored(), status: 'decided', decision: aDecision };
    // Act
    const contact = contactFrom(item);
    // Assess
    expect(isDecided(contact) && contact.decision).toEqual(aDecision);
  });
});

describe('the stores refuse a change that contradicts the status it leaves', () => {
  it('stores nothing when a write would leave a contact awaiting a decision without its notification', async () => {
    // Prepare
    const ports = memoryPorts(aRecommendedContact());
    const contact = (await ports.store.get('c1'))!;
    // Act
    const write = ports.store.update(
      'c1',
      3,
      ContactWrite.change(contact, { notification: undefined }),
      now.toISOString(),
    );
    // Assess
    await expect(write).rejects.toThrow(InvalidContact);
    expect(ports.contacts.get('c1')).toMatchObject({ status: 'awaiting-decision', version: 3 });
  });
});

describe('transitions answer with the next variant', () => {
  it('recording a decision gives a decided contact, with its decision', async () => {
    // Prepare
    const ports = memoryPorts(aRecommendedContact());
    // Act
    const result = await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'sam.okafor', now }, ports);
    // Assess
    if (result.outcome !== 'recorded') throw new Error(`not recorded: ${result.outcome}`);
    expect(isDecided(result.contact) && result.contact.decision.children.map((c) => c.route)).toEqual([
      strategy.route,
      strategy.route,
    ]);
  });

  it('a decision needing sign-off gives a contact awaiting a manager, with the proposed decision; agreeing it gives a decided one', async () => {
    // Prepare
    const ports = memoryPorts(aRecommendedContact());
    // Act
    const proposed = await recordDecision(
      {
        contactId: 'c1',
        body: strategy,
        decidedBy: 'sam.okafor',
        now,
        signOffRoutes: ['csc-strategy-discussion'],
      },
      ports,
    );
    const agreed = await signOffDecision(
      {
        contactId: 'c1',
        expectedVersion: 4,
        agree: true,
        by: { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' },
        now,
      },
      ports,
    );
    // Assess
    if (proposed.outcome !== 'recorded') throw new Error(`not recorded: ${proposed.outcome}`);
    expect(isAwaitingManager(proposed.contact) && proposed.contact.proposedDecision.decidedBy).toBe('sam.okafor');
    if (agreed.outcome !== 'agreed') throw new Error(`not agreed: ${agreed.outcome}`);
    expect(isDecided(agreed.contact) && agreed.contact.decision.decidedBy).toBe('sam.okafor');
  });
});
