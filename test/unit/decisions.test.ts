import type { Contact } from '../../shared/contacts';
import { recordDecision, sendOutcome, signOffDecision } from '../../shared/front-door/decisions';
import { aRecommendedContact } from '../support/recommended-contact';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryPorts } from '../support/memory-contact-store';
import { InMemoryHandoverStore } from '../../shared/handovers/in-memory-handover-store';

/**
 * Recording, signing off and sending a decision for each child, with the ports in memory. The
 * notification is a police domestic abuse notification (DASH high) about the two children of the
 * household, as most such notifications are.
 */
const now = new Date('2026-11-20T15:00:00Z');
const worker = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const manager = { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' };
const config = testRuntimeConfig({});

const awaitingDecision = (): Contact => aRecommendedContact();

const strategy = {
  route: 'csc-strategy-discussion',
  level: 4,
  rationale: 'DASH high: both children at risk of significant harm.',
} as const;
const earlyHelp = {
  route: 'early-help-targeted',
  level: 3,
  rationale: 'The family has moved to a refuge; targeted early help with the refuge worker.',
} as const;

describe('recording a decision for each child', () => {
  it('applies one decision to every child, as clients written before per-child decisions send it', async () => {
    // Prepare
    const ports = memoryPorts(awaitingDecision());
    // Act
    const result = await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'api-client', now }, ports);
    // Assess
    expect(result).toMatchObject({ outcome: 'recorded', signOff: [] });
    expect(ports.contacts.get('c1')).toMatchObject({
      status: 'decided',
      decision: {
        children: [
          { childIndex: 0, ...strategy },
          { childIndex: 1, ...strategy },
        ],
        decidedBy: 'api-client',
        decidedAt: now.toISOString(),
      },
    });
    expect(ports.queued).toEqual([{ contactId: 'c1', newDecision: true }]);
  });

  it('records a different level and route for each child, in the notification order', async () => {
    const ports = memoryPorts(awaitingDecision());

    const result = await recordDecision(
      {
        contactId: 'c1',
        body: {
          children: [
            { childIndex: 1, ...strategy },
            { childIndex: 0, ...strategy, rationale: 'Toddler: DASH high, same household.' },
          ],
        },
        decidedBy: 'api-client',
        now,
      },
      ports,
    );

    expect(result.outcome).toBe('recorded');
    const decided = ports.contacts.get('c1')!.decision!.children;
    expect(decided.map((c) => [c.childIndex, c.rationale])).toEqual([
      [0, 'Toddler: DASH high, same household.'],
      [1, strategy.rationale],
    ]);
    expect(ports.events.map((e) => e.detail)).toEqual([
      'child 1: level 4, csc-strategy-discussion; child 2: level 4, csc-strategy-discussion',
    ]);
  });

  it.each([
    [
      'a child left out',
      { children: [{ childIndex: 0, ...strategy }] },
      'children',
      'Decide for every child: child 2 has no decision',
    ],
    [
      'a child decided twice',
      {
        children: [
          { childIndex: 0, ...strategy },
          { childIndex: 0, ...earlyHelp },
        ],
      },
      'children.1.childIndex',
      'Child 1 has two decisions: give one',
    ],
    [
      'a child the notification does not have',
      {
        children: [
          { childIndex: 0, ...strategy },
          { childIndex: 1, ...strategy },
          { childIndex: 2, ...strategy },
        ],
      },
      'children.2.childIndex',
      'There is no child 3: the notification has 2',
    ],
    [
      'a child without a route',
      {
        children: [
          { childIndex: 0, ...strategy },
          { childIndex: 1, level: 4, rationale: strategy.rationale },
        ],
      },
      'children.1.route',
      'Choose a route',
    ],
  ])('refuses %s with a clear error and stores nothing', async (_name, body, path, message) => {
    const ports = memoryPorts(awaitingDecision());

    const result = await recordDecision({ contactId: 'c1', body, decidedBy: 'api-client', now }, ports);

    expect(result.outcome).toBe('invalid');
    expect(result.outcome === 'invalid' && result.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]),
    );
    expect(ports.contacts.get('c1')!.status).toBe('awaiting-decision');
    expect(ports.queued).toEqual([]);
  });

  it.each([
    ['one decision for all children', { ...earlyHelp }, 'overrideReason', /from the recommendation$/],
    [
      'a decision for each child',
      {
        children: [
          { childIndex: 0, ...strategy },
          { childIndex: 1, ...earlyHelp },
        ],
      },
      'children.1.overrideReason',
      /from the recommendation for \S+/,
    ],
  ])(
    'refuses a level or route other than the recommended one without a reason, in %s, and stores nothing',
    async (_name, body, path, message) => {
      // Prepare
      const ports = memoryPorts(awaitingDecision());
      // Act
      const result = await recordDecision({ contactId: 'c1', body, decidedBy: 'api-client', now }, ports);
      // Assess
      expect(result).toEqual({
        outcome: 'invalid',
        errors: [{ path, message: expect.stringMatching(/^Say why you are choosing a different level or route/) }],
      });
      expect(result.outcome === 'invalid' && result.errors[0]!.message).toMatch(message);
      expect(ports.contacts.get('c1')!.status).toBe('awaiting-decision');
      expect(ports.events).toEqual([]);
      expect(ports.queued).toEqual([]);
    },
  );

  it('records an override with its reason, and the recommended decision without one', async () => {
    // Prepare
    const overridden = memoryPorts(awaitingDecision());
    const recommended = memoryPorts(awaitingDecision());
    // Act
    const withReason = await recordDecision(
      {
        contactId: 'c1',
        body: { ...earlyHelp, overrideReason: 'The family has moved to a refuge.' },
        decidedBy: 'api-client',
        now,
      },
      overridden,
    );
    const asRecommended = await recordDecision(
      { contactId: 'c1', body: strategy, decidedBy: 'api-client', now },
      recommended,
    );
    // Assess
    expect(withReason.outcome).toBe('recorded');
    expect(overridden.contacts.get('c1')!.proposedDecision!.children[0]!.overrideReason).toBe(
      'The family has moved to a refuge.',
    );
    expect(asRecommended.outcome).toBe('recorded');
  });

  it("holds the whole decision for a manager when one child's level 4 is lowered, and says which child", async () => {
    const ports = memoryPorts(awaitingDecision());

    const result = await recordDecision(
      {
        contactId: 'c1',
        body: {
          children: [
            { childIndex: 0, ...strategy },
            { childIndex: 1, ...earlyHelp, overrideReason: 'Refuge in place.' },
          ],
        },
        decidedBy: worker.id,
        now,
        actor: worker,
      },
      ports,
    );

    expect(result).toMatchObject({
      outcome: 'recorded',
      signOff: ['Child 2: The decision lowers a level 4 recommendation'],
    });
    expect(ports.contacts.get('c1')).toMatchObject({
      status: 'awaiting-manager',
      proposedDecision: { children: [{ route: strategy.route }, { route: earlyHelp.route }] },
    });
    expect(ports.contacts.get('c1')!.decision).toBeUndefined();
    expect(ports.queued).toEqual([]);
  });

  it('answers a repeat of the same per-child decision as a retry, and a different one as a conflict', async () => {
    const ports = memoryPorts(awaitingDecision());
    const body = {
      children: [
        { childIndex: 0, ...strategy },
        { childIndex: 1, ...strategy },
      ],
    };
    await recordDecision({ contactId: 'c1', body, decidedBy: 'api-client', now }, ports);

    const retried = await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'api-client', now }, ports);
    const different = await recordDecision(
      {
        contactId: 'c1',
        body: {
          children: [
            { childIndex: 0, ...strategy },
            { childIndex: 1, ...earlyHelp },
          ],
        },
        decidedBy: 'api-client',
        now,
      },
      ports,
    );

    expect(retried.outcome).toBe('already-recorded');
    expect(different).toMatchObject({
      outcome: 'conflict',
      reason: 'A different decision has already been recorded for this contact',
    });
    expect(ports.queued).toEqual([{ contactId: 'c1', newDecision: true }, { contactId: 'c1' }]);
  });
});

describe('signing off and sending a decision for each child', () => {
  it('makes the per-child decision final when another manager agrees it, and counts it once', async () => {
    const ports = memoryPorts(awaitingDecision());
    await recordDecision(
      {
        contactId: 'c1',
        body: {
          children: [
            { childIndex: 0, ...strategy },
            { childIndex: 1, ...earlyHelp, overrideReason: 'Refuge.' },
          ],
        },
        decidedBy: worker.id,
        now,
        actor: worker,
      },
      ports,
    );
    const version = ports.contacts.get('c1')!.version!;

    const result = await signOffDecision(
      { contactId: 'c1', expectedVersion: version, agree: true, by: manager, now },
      ports,
    );

    expect(result.outcome).toBe('agreed');
    expect(ports.contacts.get('c1')!.decision!.children.map((c) => c.route)).toEqual([strategy.route, earlyHelp.route]);
    expect(ports.queued).toEqual([{ contactId: 'c1', newDecision: true }]);
  });

  it('sends the referrer one outcome and each receiving team its own handover', async () => {
    const ports = memoryPorts(awaitingDecision());
    await recordDecision(
      {
        contactId: 'c1',
        body: {
          children: [
            { childIndex: 0, ...strategy },
            { childIndex: 1, ...earlyHelp, overrideReason: 'Refuge.' },
          ],
        },
        decidedBy: worker.id,
        now,
        actor: worker,
        signOffRoutes: [],
      },
      ports,
    );
    await signOffDecision(
      { contactId: 'c1', expectedVersion: ports.contacts.get('c1')!.version!, agree: true, by: manager, now },
      ports,
    );

    const handovers = new InMemoryHandoverStore();
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now });
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now });

    const sent = [...ports.sent.values()];
    expect(sent.map((m) => m.to).sort()).toEqual(
      [
        config.EARLY_HELP_TEAM_ADDRESS,
        ports.contacts.get('c1')!.notification?.referrer.email,
        config.SOCIAL_CARE_TEAM_ADDRESS,
      ].sort(),
    );
  });
});
