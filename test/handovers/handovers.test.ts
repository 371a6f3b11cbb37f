import { expectStatus, type Contact, type DecidedContact } from '../../shared/contacts';
import { recordDecision, sendOutcome } from '../../shared/front-door/decisions';
import { teamMayRead, type Handover } from '../../shared/handovers/handover';
import { InMemoryHandoverStore } from '../../shared/handovers/in-memory-handover-store';
import { handoverMeasures } from '../../shared/handovers/measures';
import { openAsReceivingTeam } from '../../shared/handovers/open';
import { recordHandovers } from '../../shared/handovers/record';
import { acceptHandover, returnHandover } from '../../shared/handovers/respond';
import { handoverLine, handoverRecord } from '../../shared/handovers/view';
import { renderPage } from '../../shared/web/render';
import { aRecommendedContact } from '../support/recommended-contact';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryPorts } from '../support/memory-contact-store';

/**
 * Receiving teams accept or return what the front door decided (the "no quibble" promise,
 * domain brief §2 and §10), with the ports in memory. The notification is a police domestic
 * abuse notification about two children: the baby to a strategy discussion (social care), the
 * older child to targeted early help.
 */
const sentAt = new Date('2026-11-20T15:00:00Z');
const later = (hours: number) => new Date(sentAt.getTime() + hours * 3600_000);
const config = testRuntimeConfig({});
const earlyHelpWorker = { id: 'alex.turner', name: 'Alex Turner', role: 'early-help' };
const socialWorker = { id: 'jordan.blake', name: 'Jordan Blake', role: 'social-care' };

const strategy = {
  route: 'csc-strategy-discussion',
  level: 4,
  rationale: 'DASH high: the baby is at risk of significant harm.',
} as const;
const earlyHelp = {
  route: 'early-help-targeted',
  level: 3,
  rationale: 'The family has moved to a refuge; targeted early help with the refuge worker.',
} as const;

const decided = (): DecidedContact =>
  aRecommendedContact({
    status: 'decided',
    version: 4,
    decision: {
      children: [
        { childIndex: 0, ...strategy },
        { childIndex: 1, ...earlyHelp },
      ],
      decidedAt: '2026-11-20T14:00:00.000Z',
      decidedBy: 'sam.okafor',
    },
  });

/** A decided contact whose outcome has been sent, so each team has its handover. */
const handedOver = async () => {
  const ports = memoryPorts(decided());
  const handovers = new InMemoryHandoverStore();
  await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: sentAt });
  return { ports, handovers, deps: { store: ports.store, handovers } };
};

const asked = (
  teams: ('early-help' | 'social-care')[],
  actor: typeof earlyHelpWorker,
  hours: number,
  handoverId = '1:early-help',
) => ({
  contactId: 'c1',
  handoverId,
  teams,
  actor,
  now: later(hours),
});

describe('recording handovers with the outcome', () => {
  it('records one handover per receiving team, with the children the team was emailed about', async () => {
    // Prepare and act
    const { handovers, ports } = await handedOver();
    // Assess
    expect(await handovers.listForContact('c1')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          handoverId: '1:social-care',
          team: 'social-care',
          to: config.SOCIAL_CARE_TEAM_ADDRESS,
          childIndexes: [0],
          status: 'sent',
          sentAt: sentAt.toISOString(),
        }),
        expect.objectContaining({
          handoverId: '1:early-help',
          team: 'early-help',
          to: config.EARLY_HELP_TEAM_ADDRESS,
          childIndexes: [1],
          status: 'sent',
        }),
      ]),
    );
    expect([...ports.sent.keys()]).toEqual(
      expect.arrayContaining(['c1:handover-early-help', 'c1:handover-social-care']),
    );
  });

  it('leaves a handover the team has accepted as it is when the outcome message is delivered again', async () => {
    const { ports, handovers, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 2), deps);

    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(3) });

    expect(await handovers.get('c1', '1:early-help')).toMatchObject({
      status: 'accepted',
      acceptedBy: { id: 'alex.turner' },
    });
    expect(await handovers.listForContact('c1')).toHaveLength(2);
  });
});

describe('accepting a handover', () => {
  it('records who accepted it and how long it took, in the handover and the contact audit trail', async () => {
    const { ports, handovers, deps } = await handedOver();

    const result = await acceptHandover(asked(['early-help'], earlyHelpWorker, 5.5), deps);

    expect(result).toMatchObject({ outcome: 'accepted', hoursToAccept: 5.5 });
    expect(await handovers.get('c1', '1:early-help')).toMatchObject({
      status: 'accepted',
      statusAt: later(5.5).toISOString(),
    });
    expect(ports.events.at(-1)).toMatchObject({
      action: 'Early help accepted the handover',
      detail: 'Children 2; accepted 5.5 hours after it was sent',
      actor: earlyHelpWorker,
    });
  });

  it('answers a second acceptance as already done, without a second audit entry', async () => {
    const { ports, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 1), deps);

    const again = await acceptHandover(asked(['early-help'], earlyHelpWorker, 2), deps);

    expect(again).toMatchObject({ outcome: 'already-accepted', hoursToAccept: 1 });
    expect(ports.events.filter((e) => e.action.includes('accepted'))).toHaveLength(1);
  });

  it("treats another team's handover as not there: social care cannot accept early help's", async () => {
    const { handovers, deps } = await handedOver();

    const result = await acceptHandover(asked(['social-care'], socialWorker, 1, '1:early-help'), deps);

    expect(result).toEqual({ outcome: 'not-found' });
    expect((await handovers.get('c1', '1:early-help'))!.status).toBe('sent');
  });
});

describe('returning a handover', () => {
  it('refuses a return without a reason and changes nothing', async () => {
    const { ports, handovers, deps } = await handedOver();

    const result = await returnHandover({ ...asked(['early-help'], earlyHelpWorker, 1), reason: '  ' }, deps);

    expect(result).toMatchObject({
      outcome: 'invalid',
      errors: [{ path: 'reason', message: expect.stringContaining('Say why you are returning this handover') }],
    });
    expect((await handovers.get('c1', '1:early-help'))!.status).toBe('sent');
    expect(ports.contacts.get('c1')!.status).toBe('decided');
  });

  it("puts the contact back on the front door's queue with the reason, keeping the returned decision on the record", async () => {
    const { ports, handovers, deps } = await handedOver();
    const reason = 'The family already has an allocated social worker for the older child: this is for social care.';

    const result = await returnHandover({ ...asked(['early-help'], earlyHelpWorker, 3), reason }, deps);

    expect(result.outcome).toBe('returned');
    expect(await handovers.get('c1', '1:early-help')).toMatchObject({
      status: 'returned',
      returnReason: reason,
      returnedBy: { id: 'alex.turner' },
    });
    const contact = ports.contacts.get('c1')!;
    expect(contact).toMatchObject({
      status: 'awaiting-decision',
      handoverReturn: { team: 'early-help', reason, by: { id: 'alex.turner' } },
    });
    expect(contact.decision).toBeUndefined();
    expect(contact.previousDecisions).toEqual([decided().decision]);
    expect(ports.events.at(-1)).toMatchObject({
      action: 'Early help returned the handover to the front door',
      detail: reason,
    });
  });

  it('refuses to return a handover the team has already accepted', async () => {
    const { ports, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 1), deps);

    const result = await returnHandover(
      { ...asked(['early-help'], earlyHelpWorker, 2), reason: 'On reflection this is not for us.' },
      deps,
    );

    expect(result).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('already been accepted') });
    expect(ports.contacts.get('c1')!.status).toBe('decided');
  });

  it('finishes putting the contact back when a return is retried after failing half way', async () => {
    const { ports, handovers, deps } = await handedOver();
    const update = ports.store.update;
    ports.store.update = async () => {
      throw new Error('DynamoDB was unreachable');
    };
    const request = {
      ...asked(['early-help'], earlyHelpWorker, 3),
      reason: 'This needs a social care assessment, not early help.',
    };
    await expect(returnHandover(request, deps)).rejects.toThrow('unreachable');
    ports.store.update = update;

    const retried = await returnHandover(request, deps);

    expect(retried.outcome).toBe('returned');
    expect((await handovers.get('c1', '1:early-help'))!.status).toBe('returned');
    expect(ports.contacts.get('c1')!.status).toBe('awaiting-decision');
    expect(ports.events.filter((e) => e.action.includes('returned the handover'))).toHaveLength(1);
  });

  it("hands over afresh when the front door decides again, and retires the other team's handover still waiting", async () => {
    const { ports, handovers, deps } = await handedOver();
    await returnHandover(
      {
        ...asked(['early-help'], earlyHelpWorker, 3),
        reason: 'Older child has an open social care case: step up, not early help.',
      },
      deps,
    );

    await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'sam.okafor', now: later(4) }, ports);
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(4) });

    expect(await handovers.get('c1', '1:social-care')).toMatchObject({ status: 'replaced' });
    expect(await handovers.get('c1', '2:social-care')).toMatchObject({ status: 'sent', childIndexes: [0, 1] });
    expect(await handovers.get('c1', '2:early-help')).toBeUndefined();
    const handover = [...ports.sent.values()].find((m) => m.idempotencyKey === 'c1:handover-social-care:2');
    expect(handover?.text).toContain('returned by the early help team');
    expect([...ports.sent.keys()]).toContain('c1:handover-replaced-early-help:2');
  });
});

describe('who in a receiving team may read the record, and for how long', () => {
  const forTeam = async (handovers: InMemoryHandoverStore, team: 'early-help' | 'social-care') =>
    (await handovers.listForContact('c1')).filter((h) => h.team === team);

  it('lets early help read the record it was handed, and still while the handover it returned waits for a new decision', async () => {
    // Prepare
    const { ports, handovers, deps } = await handedOver();
    const readable = async () => teamMayRead(ports.contacts.get('c1')!, await forTeam(handovers, 'early-help'));
    const before = await readable();
    // Act
    await returnHandover({ ...asked(['early-help'], earlyHelpWorker, 3), reason: 'This is for social care.' }, deps);
    // Assess
    expect(before).toBe(true);
    expect(await readable()).toBe(true);
  });

  it('stops early help reading the record, or seeing where the child went, once the front door has decided again', async () => {
    // Prepare: early help returns its handover; the front door sends both children to social care
    const { ports, handovers, deps } = await handedOver();
    await returnHandover({ ...asked(['early-help'], earlyHelpWorker, 3), reason: 'This is for social care.' }, deps);
    // Act
    await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'sam.okafor', now: later(4) }, ports);
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(4) });
    // Assess
    const contact = expectStatus(ports.contacts.get('c1')!, 'decided');
    const earlyHelps = await forTeam(handovers, 'early-help');
    expect(teamMayRead(contact, earlyHelps)).toBe(false);
    expect(teamMayRead(contact, await forTeam(handovers, 'social-care'))).toBe(true);
    // The returned line in early help's list shows the decision it returned, not the strategy discussion since.
    expect(handoverLine(earlyHelps[0]!, contact, later(5)).decisions).toBe(
      'Level 3, Early help: targeted family support',
    );
  });
  it('stops early help reading a record it accepted once a reconsideration sends the child elsewhere, and tells it', async () => {
    // Prepare: early help accepts the second child; a manager then changes that child's decision to social care
    const { ports, handovers, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 2), deps);
    const accepted = expectStatus(ports.contacts.get('c1')!, 'decided');
    ports.contacts.set('c1', {
      ...accepted,
      version: (accepted.version ?? 0) + 1,
      decision: { ...accepted.decision, children: [0, 1].map((childIndex) => ({ childIndex, ...strategy })) },
      previousDecisions: [accepted.decision],
    });
    // Act
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(6) });
    // Assess
    const contact = ports.contacts.get('c1')!;
    expect(await handovers.get('c1', '1:early-help')).toMatchObject({ status: 'accepted' });
    expect(teamMayRead(contact, await forTeam(handovers, 'early-help'))).toBe(false);
    expect(teamMayRead(contact, await forTeam(handovers, 'social-care'))).toBe(true);
    expect([...ports.sent.keys()]).toContain('c1:handover-replaced-early-help:2');
  });
});

describe("a receiving team's list of accepted handovers", () => {
  /** Early help accepts the older child; a manager's reconsideration at 18:00 sends both to social care. */
  const reconsidered = async () => {
    const { ports, handovers, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 2), deps);
    const accepted = expectStatus(ports.contacts.get('c1')!, 'decided');
    ports.contacts.set('c1', {
      ...accepted,
      version: (accepted.version ?? 0) + 1,
      decision: {
        children: [0, 1].map((childIndex) => ({ childIndex, ...strategy })),
        decidedAt: later(3).toISOString(),
        decidedBy: 'morgan.ellis',
      },
      previousDecisions: [accepted.decision],
    });
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(3) });
    return { contact: ports.contacts.get('c1')!, handover: (await handovers.get('c1', '1:early-help'))! };
  };

  it('tags an accepted handover Accepted while it is the decision in force', async () => {
    // Prepare
    const { ports, handovers, deps } = await handedOver();
    await acceptHandover(asked(['early-help'], earlyHelpWorker, 2), deps);
    // Act
    const line = handoverLine((await handovers.get('c1', '1:early-help'))!, ports.contacts.get('c1'), later(4));
    // Assess
    expect(line.tag).toEqual({ text: 'Accepted', classes: 'govuk-tag--green' });
    expect(line.withdrawnAt).toBeUndefined();
  });

  it('tags one a later decision took back as Withdrawn, with when, and the page does not link the team to it', async () => {
    // Prepare
    const { contact, handover } = await reconsidered();
    // Act
    const line = handoverLine(handover, contact, later(4));
    const html = renderPage('console/handovers.njk', {
      sections: [{ team: 'Early help', measures: [], waiting: [], returned: [], accepted: [line] }],
      receiving: true,
      linkTo: '/console/handovers',
    });
    // Assess: still counted as accepted (it was), but no longer the team's to read.
    expect(handover.status).toBe('accepted');
    expect(line.tag).toEqual({ text: 'Withdrawn', classes: 'govuk-tag--grey' });
    expect(line.withdrawnAt).toBe(later(3).toISOString());
    expect(html).toMatch(/<strong class="govuk-tag govuk-tag--grey">\s*Withdrawn\s*<\/strong>/);
    expect(html).toContain('replaced by a later decision');
    expect(html).not.toContain('href="/console/handovers/c1"');
  });

  it('is not marked withdrawn on a waiting or returned line', async () => {
    // Prepare
    const { ports, handovers } = await handedOver();
    // Act
    const line = handoverLine((await handovers.get('c1', '1:early-help'))!, ports.contacts.get('c1'), later(1));
    // Assess
    expect(line).not.toHaveProperty('tag');
    expect(line).not.toHaveProperty('withdrawnAt');
  });
});

describe('a receiving team opening the record', () => {
  const views = async (ports: Awaited<ReturnType<typeof handedOver>>['ports']) =>
    (await ports.store.listEvents('c1')).filter((e) => e.action === 'Viewed as the receiving team');

  it('shows early help the record it was handed, newest handover first, and records the view once', async () => {
    // Prepare
    const { ports, deps } = await handedOver();
    // Act
    const shown = await openAsReceivingTeam(
      { contactId: 'c1', teams: ['early-help'], actor: earlyHelpWorker, now: later(1) },
      deps,
    );
    // Assess
    expect(shown).toMatchObject({ outcome: 'shown', contact: { contactId: 'c1' } });
    if (shown.outcome !== 'shown') return;
    expect(shown.handovers.map((h) => h.team)).toEqual(['early-help']);
    expect(await views(ports)).toEqual([
      expect.objectContaining({ actor: earlyHelpWorker, at: later(1).toISOString() }),
    ]);
    // The page shows the view it has just recorded.
    expect(shown.events.filter((e) => e.action === 'Viewed as the receiving team')).toHaveLength(1);
  });

  it('records each view once: two views, two entries', async () => {
    // Prepare
    const { ports, deps } = await handedOver();
    const open = (hours: number) =>
      openAsReceivingTeam({ contactId: 'c1', teams: ['social-care'], actor: socialWorker, now: later(hours) }, deps);
    // Act
    await open(1);
    await open(2);
    // Assess
    expect((await views(ports)).map((e) => e.at)).toEqual([later(1).toISOString(), later(2).toISOString()]);
  });

  it('answers not found, and records nothing, for a team with no handover of the contact', async () => {
    // Prepare: only social care has a handover of a contact decided wholly to a strategy discussion
    const ports = memoryPorts(
      aRecommendedContact({
        status: 'decided',
        version: 4,
        decision: {
          children: [0, 1].map((childIndex) => ({ childIndex, ...strategy })),
          decidedAt: '2026-11-20T14:00:00.000Z',
          decidedBy: 'sam.okafor',
        },
      }),
    );
    const handovers = new InMemoryHandoverStore();
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: sentAt });
    // Act
    const shown = await openAsReceivingTeam(
      { contactId: 'c1', teams: ['early-help'], actor: earlyHelpWorker, now: later(1) },
      { store: ports.store, handovers },
    );
    const unknown = await openAsReceivingTeam(
      { contactId: 'no-such-contact', teams: ['early-help', 'social-care'], actor: earlyHelpWorker, now: later(1) },
      { store: ports.store, handovers },
    );
    // Assess
    expect(shown).toEqual({ outcome: 'not-found' });
    expect(unknown).toEqual({ outcome: 'not-found' });
    expect(await ports.store.listEvents('c1')).not.toContainEqual(
      expect.objectContaining({ action: 'Viewed as the receiving team' }),
    );
  });

  it('answers not found once the front door has decided again after early help returned its handover', async () => {
    // Prepare
    const { ports, handovers, deps } = await handedOver();
    await returnHandover({ ...asked(['early-help'], earlyHelpWorker, 3), reason: 'This is for social care.' }, deps);
    await recordDecision({ contactId: 'c1', body: strategy, decidedBy: 'sam.okafor', now: later(4) }, ports);
    await sendOutcome('c1', { ...ports, config, handovers, acknowledge: async () => undefined, now: later(4) });
    // Act
    const shown = await openAsReceivingTeam(
      { contactId: 'c1', teams: ['early-help'], actor: earlyHelpWorker, now: later(5) },
      deps,
    );
    // Assess
    expect(shown).toEqual({ outcome: 'not-found' });
    expect(await views(ports)).toEqual([]);
  });
});

describe('the no-quibble measures and the receiving team view', () => {
  const handover = (over: Partial<Handover>): Handover => ({
    contactId: 'c1',
    reference: 'CFC-TEST-0001',
    handoverId: '1:early-help',
    decisionNumber: 1,
    team: 'early-help',
    to: 'early-help@exampleshire.example',
    childIndexes: [0],
    sentAt: sentAt.toISOString(),
    status: 'sent',
    statusAt: sentAt.toISOString(),
    ...over,
  });

  it('counts waiting, accepted and returned handovers, with the median time to acceptance', () => {
    const accepted = [2, 4, 30].map((h) => handover({ status: 'accepted', statusAt: later(h).toISOString() }));

    const measures = handoverMeasures(
      'early-help',
      { waiting: [handover({})], accepted, returned: [handover({ status: 'returned' })] },
      later(10),
    );

    expect(measures).toEqual({
      team: 'early-help',
      waiting: 1,
      oldestWaitingHours: 10,
      accepted: 3,
      medianHoursToAccept: 4,
      returned: 1,
    });
  });

  it("carries the whole record to the receiving team: children, concerns, the decision's rationale, matches and partner answers", async () => {
    const contact: Contact = {
      ...decided(),
      partnerRequests: [
        {
          id: 'r1',
          agency: 'health',
          question: 'Is the baby registered with a GP?',
          requestedAt: sentAt.toISOString(),
          requestedBy: { id: 'sam.okafor', name: 'Sam Okafor' },
          dueAt: later(48).toISOString(),
          answer: 'Yes, with Example Surgery; health visitor visited last week.',
          answeredAt: later(1).toISOString(),
          answeredBy: { id: 'sam.okafor', name: 'Sam Okafor' },
        },
      ],
    };
    const matches = {
      earlier: [
        {
          contactId: 'c0',
          reference: 'CFC-OLD-0001',
          receivedAt: '2026-05-01T10:00:00.000Z',
          childIndex: 1,
          matchedOn: ['nhs-number' as const],
          status: 'decided',
          level: 2 as const,
          route: 'early-help-single-agency' as const,
        },
      ],
      household: [],
      more: [],
    };

    const view = handoverRecord(contact, [handover({ childIndexes: [1] })], matches, []);

    const text = JSON.stringify(view);
    expect(text).toContain(earlyHelp.rationale);
    expect(text).toContain(contact.notification.concerns.description);
    expect(text).toContain('CFC-OLD-0001');
    expect(text).toContain('health visitor visited last week');
    expect(view.children).toHaveLength(2);
    expect(view.otherChildren).toEqual([
      expect.objectContaining({ value: { text: expect.stringContaining(strategy.rationale) } }),
    ]);
  });

  it('is recorded only once per decision, however often the outcome is sent', async () => {
    const ports = memoryPorts(decided());
    const handovers = new InMemoryHandoverStore();

    const contact = expectStatus(ports.contacts.get('c1')!, 'decided');
    await recordHandovers(contact, { handovers, config, now: sentAt });
    await recordHandovers(contact, { handovers, config, now: later(1) });

    expect((await handovers.listForContact('c1')).map((h) => h.sentAt)).toEqual([
      sentAt.toISOString(),
      sentAt.toISOString(),
    ]);
  });
});
