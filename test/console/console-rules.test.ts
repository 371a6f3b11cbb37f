import { ActionSchemas, planAction } from '../../shared/console/actions';
import { buildQueue, countdown, pageItems, QueueQuerySchema, startOfToday } from '../../shared/console/queue';
import { overridesRecommendation, signOffReasons } from '../../shared/front-door/sign-off';
import type { Contact } from '../../shared/contacts';

const worker = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const now = new Date('2026-03-02T10:00:00Z');

const contact = (overrides: Partial<Contact> & { dueAt?: string; themes?: string[] } = {}): Contact =>
  ({
    contactId: overrides.contactId ?? 'c1',
    reference: overrides.reference ?? 'CFC-TEST-0001',
    status: overrides.status ?? 'awaiting-decision',
    channel: 'api',
    receivedAt: '2026-03-02T08:00:00Z',
    updatedAt: '2026-03-02T08:00:00Z',
    version: 3,
    notification: {
      referrer: { organisation: 'Example Constabulary', agencyType: 'police' },
      children: [{ firstName: 'Noah', lastName: 'Madeup', dateOfBirth: '2020-03-03' }],
    },
    recommendation: {
      children: [{ childIndex: 0, level: 4, route: 'csc-strategy-discussion', priority: 'red', reasons: [] }],
      level: 4,
      route: 'csc-strategy-discussion',
      priority: 'red',
      dueAt: overrides.dueAt ?? '2026-03-02T12:00:00Z',
      themes: overrides.themes ?? [],
      reasons: [],
      clocks: [],
      ruleset: { id: 'default', version: '1' },
    },
    ...overrides,
  }) as unknown as Contact;

describe('sign-off rules', () => {
  it('asks for a manager when a level 4 recommendation is lowered, on NFA for a red contact, and on the routes the area names', () => {
    const red4 = {
      children: [
        {
          childIndex: 0,
          level: 4 as const,
          route: 'csc-strategy-discussion' as const,
          priority: 'red' as const,
          reasons: [],
        },
      ],
    };
    const green2 = {
      children: [
        {
          childIndex: 0,
          level: 2 as const,
          route: 'early-help-single-agency' as const,
          priority: 'green' as const,
          reasons: [],
        },
      ],
    };
    expect(signOffReasons([{ childIndex: 0, level: 3, route: 'early-help-targeted' }], red4, [])).toEqual([
      'The decision lowers a level 4 recommendation',
    ]);
    expect(signOffReasons([{ childIndex: 0, level: 4, route: 'nfa' }], red4, [])).toEqual([
      'No further action on a red contact',
    ]);
    expect(signOffReasons([{ childIndex: 0, level: 4, route: 'csc-strategy-discussion' }], red4, [])).toEqual([]);
    expect(
      signOffReasons([{ childIndex: 0, level: 2, route: 'information-advice' }], green2, ['information-advice']),
    ).toHaveLength(1);
  });

  it("applies the sign-off rules to each child against that child's own recommendation", () => {
    // The baby is recommended a red strategy discussion; her 14-year-old brother early help.
    const recommendation = {
      children: [
        {
          childIndex: 0,
          level: 4 as const,
          route: 'csc-strategy-discussion' as const,
          priority: 'red' as const,
          reasons: [],
        },
        {
          childIndex: 1,
          level: 3 as const,
          route: 'early-help-targeted' as const,
          priority: 'amber' as const,
          reasons: [],
        },
      ],
    };
    const followed = [
      { childIndex: 0, level: 4 as const, route: 'csc-strategy-discussion' as const },
      { childIndex: 1, level: 3 as const, route: 'early-help-targeted' as const },
    ];
    expect(signOffReasons(followed, recommendation, [])).toEqual([]);
    // Lowering the brother to level 2 is his worker's call; lowering the baby's level 4 is not.
    expect(
      signOffReasons(
        [followed[0]!, { childIndex: 1, level: 2, route: 'early-help-single-agency' }],
        recommendation,
        [],
      ),
    ).toEqual([]);
    expect(
      signOffReasons([{ childIndex: 0, level: 3, route: 'early-help-targeted' }, followed[1]!], recommendation, []),
    ).toEqual(['Child 1: The decision lowers a level 4 recommendation']);
    expect(signOffReasons(followed, recommendation, ['early-help-targeted'])).toEqual([
      'Child 2: The area asks a manager to agree every decision on this route',
    ]);
  });

  it('treats a different level or route as an override', () => {
    expect(overridesRecommendation({ level: 4, route: 'nfa' }, { level: 4, route: 'csc-strategy-discussion' })).toBe(
      true,
    );
    expect(
      overridesRecommendation(
        { level: 4, route: 'csc-strategy-discussion' },
        { level: 4, route: 'csc-strategy-discussion' },
      ),
    ).toBe(false);
    expect(overridesRecommendation({ level: 1, route: 'nfa' }, undefined)).toBe(false);
  });
});

describe('console actions', () => {
  it('claims, refuses a second claim by the same worker, and only lets a manager unassign someone else', () => {
    const claimed = planAction('claim', {}, contact(), worker, now);
    expect(claimed).toMatchObject({ write: { changes: { assignee: { id: 'sam.okafor' } } }, action: 'Claimed' });
    const mine = contact({ assignee: { id: 'sam.okafor', name: 'Sam Okafor' } });
    expect(planAction('claim', {}, mine, worker, now)).toEqual({ refused: 'You have already claimed this contact' });
    expect(planAction('unassign', {}, mine, { ...worker, id: 'priya.shah' }, now)).toEqual({
      refused: 'Only a manager can unassign someone else',
    });
    expect(
      planAction('unassign', {}, mine, { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' }, now),
    ).toMatchObject({ write: { changes: { assignee: null } } });
  });

  it('asks partners to answer before the decision they inform is due, and records one answer', () => {
    const asked = planAction(
      'request-information',
      { agency: 'police', question: 'Any call-outs?', sentTo: 'safeguarding@police.example' },
      contact(),
      worker,
      now,
    );
    if ('refused' in asked) throw new Error(asked.refused);
    const request = asked.write.changes.partnerRequests![0]!;
    // The red contact's decision is due at 12:00, so the answer is due at 11:00, not in 48 hours.
    expect(request.dueAt).toBe('2026-03-02T11:00:00.000Z');
    const withRequest = contact({ partnerRequests: [request] });
    const answered = planAction(
      'record-answer',
      { requestId: request.id, answer: 'Two call-outs' },
      withRequest,
      worker,
      now,
    );
    if ('refused' in answered) throw new Error(answered.refused);
    expect(
      planAction(
        'record-answer',
        { requestId: request.id, answer: 'Again' },
        contact({ partnerRequests: answered.write.changes.partnerRequests }),
        worker,
        now,
      ),
    ).toEqual({
      refused: 'That information request has already been answered',
    });
  });

  it('answers a reconsideration only while one is requested', () => {
    const decision = {
      children: [{ childIndex: 0, route: 'nfa' as const, level: 1 as const, rationale: 'No further action' }],
      decidedAt: '2026-03-01T09:00:00Z',
      decidedBy: 'sam.okafor',
    };
    const requested = contact({
      status: 'decided',
      decision,
      reconsideration: { requestedAt: '2026-03-01T00:00:00Z', reason: 'Disagree', status: 'requested' },
    });
    expect(
      planAction(
        'answer-reconsideration',
        { reconsiderationStatus: 'upheld', answer: 'Upheld' },
        requested,
        worker,
        now,
      ),
    ).toMatchObject({
      write: { changes: { reconsideration: { status: 'upheld', answer: 'Upheld' } } },
    });
    expect(
      planAction(
        'answer-reconsideration',
        { reconsiderationStatus: 'upheld', answer: 'Upheld' },
        contact(),
        worker,
        now,
      ),
    ).toHaveProperty('refused');
  });

  it('asks for the new decision when a reconsideration changes it, and keeps the one it replaces', () => {
    const decision = {
      children: [
        { childIndex: 0, route: 'early-help-targeted' as const, level: 3 as const, rationale: 'Early help first' },
      ],
      decidedAt: '2026-03-01T09:00:00Z',
      decidedBy: 'sam.okafor',
    };
    const requested = contact({
      status: 'decided',
      decision,
      reconsideration: { requestedAt: '2026-03-01T10:00:00Z', reason: 'Disagree', status: 'requested' },
    });
    const schema = ActionSchemas['answer-reconsideration'];
    const missing = schema.safeParse({ reconsiderationStatus: 'changed', answer: 'Changed', route: '', level: '' });
    expect(missing.success ? [] : missing.error.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['route', 'level', 'rationale']),
    );
    const manager = { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' };
    const same = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Changed',
      route: 'early-help-targeted',
      level: '3',
      rationale: 'Reworded rationale only',
    });
    expect(planAction('answer-reconsideration', same, requested, manager, now)).toHaveProperty('refused');
    const changed = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Changed',
      route: 'csc-assessment',
      level: '4',
      rationale: 'A child in need assessment',
    });
    expect(planAction('answer-reconsideration', changed, requested, manager, now)).toMatchObject({
      write: {
        changes: {
          decision: {
            children: [{ childIndex: 0, route: 'csc-assessment', level: 4 }],
            decidedBy: 'morgan.ellis',
            decidedAt: now.toISOString(),
          },
          previousDecisions: [decision],
          reconsideration: { status: 'changed' },
        },
      },
      sendOutcome: true,
    });
  });

  it('changes one child’s decision on reconsideration, and the other children keep theirs', () => {
    // A police notification about a baby and her 14-year-old brother; the school asks again about the brother only.
    const baby = {
      childIndex: 0,
      route: 'csc-strategy-discussion' as const,
      level: 4 as const,
      rationale: 'Bruising to a non-mobile baby',
    };
    const brother = {
      childIndex: 1,
      route: 'early-help-single-agency' as const,
      level: 2 as const,
      rationale: 'School support',
    };
    const decision = { children: [baby, brother], decidedAt: '2026-03-01T09:00:00Z', decidedBy: 'sam.okafor' };
    const two = {
      ...contact().notification,
      children: [
        { firstName: 'Ava', lastName: 'Madeup', dateOfBirth: '2025-10-01' },
        { firstName: 'Noah', lastName: 'Madeup', dateOfBirth: '2011-03-03' },
      ],
    };
    const requested = contact({
      status: 'decided',
      notification: two,
      decision,
      reconsideration: {
        requestedAt: '2026-03-01T10:00:00Z',
        reason: 'Noah is the one who was hit',
        status: 'requested',
      },
    } as Partial<Contact>);
    const manager = { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' };
    const schema = ActionSchemas['answer-reconsideration'];
    const forNoah = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Agreed',
      route: 'csc-strategy-discussion',
      level: '4',
      rationale: 'Noah disclosed being hit too',
      childIndex: '1',
    });
    expect(planAction('answer-reconsideration', forNoah, requested, manager, now)).toMatchObject({
      write: {
        changes: {
          decision: {
            children: [
              baby,
              { childIndex: 1, route: 'csc-strategy-discussion', level: 4, rationale: 'Noah disclosed being hit too' },
            ],
          },
          previousDecisions: [decision],
        },
      },
      detail:
        'Decision changed from child 1: level 4, csc-strategy-discussion; child 2: level 2, early-help-single-agency to child 1: level 4, csc-strategy-discussion; child 2: level 4, csc-strategy-discussion',
      newDecision: true,
    });
    // The same for every child, when no child is chosen.
    const forAll = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Agreed',
      route: 'csc-strategy-discussion',
      level: '4',
      rationale: 'Both children',
      childIndex: '',
    });
    expect(planAction('answer-reconsideration', forAll, requested, manager, now)).toMatchObject({
      write: {
        changes: {
          decision: {
            children: [
              { childIndex: 0, rationale: 'Both children' },
              { childIndex: 1, rationale: 'Both children' },
            ],
          },
        },
      },
    });
    // Changing the baby's decision to what it already was changes nothing: that is an upheld decision.
    const forAvaSame = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Agreed',
      route: 'csc-strategy-discussion',
      level: '4',
      rationale: 'Still a strategy discussion',
      childIndex: '0',
    });
    expect(planAction('answer-reconsideration', forAvaSame, requested, manager, now)).toEqual({
      refused: 'Choose a different route or level of need, or answer that the decision is upheld',
    });
    const noSuchChild = schema.parse({
      reconsiderationStatus: 'changed',
      answer: 'Agreed',
      route: 'nfa',
      level: '1',
      rationale: 'No further action',
      childIndex: '5',
    });
    expect(planAction('answer-reconsideration', noSuchChild, requested, manager, now)).toEqual({
      refused: 'There is no child 6 in this notification',
    });
  });
});

describe('queue', () => {
  it('puts the most urgent first, splits the daily triage themes, and marks overdue', () => {
    const later = contact({ contactId: 'later', dueAt: '2026-03-03T10:00:00Z', themes: ['cse'] });
    const overdue = contact({
      contactId: 'overdue',
      dueAt: '2026-03-02T09:00:00Z',
      themes: ['domestic-abuse'],
      referrerNotReached: { at: 'x', reason: 'bounce' },
    });
    const signOff = contact({
      contactId: 'signoff',
      status: 'awaiting-manager',
      assignee: { id: 'sam.okafor', name: 'Sam Okafor' },
    });
    const tabs = buildQueue(
      { open: [later, overdue], awaitingManager: [signOff], decidedToday: [], reconsiderationRequests: [] },
      QueueQuerySchema.parse({}),
      'sam.okafor',
      now,
    );
    const tab = (id: string) => tabs.find((t) => t.tab === id)!;
    expect(tab('all').rows.map((r) => r.contactId)).toEqual(['overdue', 'later']);
    expect(tab('all').rows[0]).toMatchObject({
      overdue: true,
      countdown: '1 hour overdue',
      tags: ['Referrer not reached'],
    });
    expect(tab('domestic-abuse').rows.map((r) => r.contactId)).toEqual(['overdue']);
    expect(tab('cse').rows.map((r) => r.contactId)).toEqual(['later']);
    expect(tab('mine').rows.map((r) => r.contactId)).toEqual(['signoff']);
    expect(tab('manager').rows.map((r) => r.contactId)).toEqual(['signoff']);
    expect(tab('all').rows[0]!.children).toEqual([{ name: 'Noah Madeup', age: '5' }]);
  });

  it('puts every red contact first, then the overdue, then the rest by due time (issue 12)', () => {
    const amber = (id: string, dueAt: string) => {
      const c = contact({ contactId: id, dueAt });
      return { ...c, recommendation: { ...c.recommendation!, priority: 'amber' as const } };
    };
    const redLater = contact({ contactId: 'red-later', dueAt: '2026-03-02T15:00:00Z' });
    const redOverdue = contact({ contactId: 'red-overdue', dueAt: '2026-03-02T09:30:00Z' });
    const overdueAmber = amber('amber-overdue', '2026-03-02T07:00:00Z');
    const soonAmber = amber('amber-soon', '2026-03-02T11:00:00Z');
    const tomorrowAmber = amber('amber-tomorrow', '2026-03-03T11:00:00Z');
    const [all] = buildQueue(
      {
        open: [tomorrowAmber, soonAmber, redLater, overdueAmber, redOverdue],
        awaitingManager: [],
        decidedToday: [],
        reconsiderationRequests: [],
      },
      QueueQuerySchema.parse({}),
      'x',
      now,
    );
    expect(all!.rows.map((r) => r.contactId)).toEqual([
      'red-overdue',
      'red-later',
      'amber-overdue',
      'amber-soon',
      'amber-tomorrow',
    ]);
  });

  it('says when a contact decided today was decided, with no countdown and no overdue marker', () => {
    const decision = { children: [], decidedAt: '2026-03-02T09:15:00Z', decidedBy: 'sam.okafor' };
    const late = contact({ contactId: 'late', status: 'decided', dueAt: '2026-03-02T08:00:00Z', decision });
    const [row] = buildQueue(
      { open: [], awaitingManager: [], decidedToday: [late], reconsiderationRequests: [] },
      QueueQuerySchema.parse({}),
      'x',
      now,
    ).find((t) => t.tab === 'decided-today')!.rows;
    expect(row).toMatchObject({
      countdown: 'Decided at 9:15am',
      overdue: false,
      status: 'Decided',
      route: "Children's social care: strategy discussion (s47)",
      referrer: 'Example Constabulary',
    });
  });

  it('filters and pages, ignoring filter values it does not know', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      contact({ contactId: `c${i}`, dueAt: `2026-03-02T${String(11 + (i % 10)).padStart(2, '0')}:00:00Z` }),
    );
    const page2 = buildQueue(
      { open: many, awaitingManager: [], decidedToday: [], reconsiderationRequests: [] },
      QueueQuerySchema.parse({ tab: 'all', page: '2', level: '4', route: 'bogus' }),
      'x',
      now,
    );
    expect(page2[0]).toMatchObject({ count: 30, page: 2, pages: 2 });
    expect(page2[0]!.rows).toHaveLength(5);
    expect(
      buildQueue(
        { open: many, awaitingManager: [], decidedToday: [], reconsiderationRequests: [] },
        QueueQuerySchema.parse({ level: '2' }),
        'x',
        now,
      )[0]!.count,
    ).toBe(0);
    expect(countdown('2026-03-03T12:30:00Z', now).text).toBe('1 day 2 hours left');
  });

  it('shows the manager the reconsideration requests and "Decided today" the day’s decisions, as the store listed them', () => {
    const requested = contact({
      contactId: 'asked',
      status: 'decided',
      reconsideration: { requestedAt: 'x', reason: 'y', status: 'requested' },
    });
    const today = contact({ contactId: 'today', status: 'decided' });
    const tabs = buildQueue(
      { open: [], awaitingManager: [], decidedToday: [today], reconsiderationRequests: [requested] },
      QueueQuerySchema.parse({}),
      'x',
      now,
    );
    expect(tabs.find((t) => t.tab === 'manager')!.rows.map((r) => r.contactId)).toEqual(['asked']);
    expect(tabs.find((t) => t.tab === 'decided-today')!.rows.map((r) => r.contactId)).toEqual(['today']);
  });

  it('starts "today" at midnight in London, in summer time too', () => {
    expect(startOfToday(new Date('2026-03-02T10:00:00Z'))).toBe('2026-03-02T00:00:00.000Z');
    expect(startOfToday(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-01T23:00:00.000Z');
    expect(startOfToday(new Date('2026-07-01T12:00:00Z'))).toBe('2026-06-30T23:00:00.000Z');
  });

  it('links the first, last, current and neighbouring pages, with an ellipsis for each gap (GOV.UK pagination)', () => {
    const numbers = (page: number, pages: number) =>
      pageItems(page, pages).map((i) => ('number' in i ? (i.current ? `[${i.number}]` : `${i.number}`) : '…'));
    expect(numbers(1, 1)).toEqual(['[1]']);
    expect(numbers(1, 3)).toEqual(['[1]', '2', '3']);
    expect(numbers(27, 53)).toEqual(['1', '…', '26', '[27]', '28', '…', '53']);
    expect(numbers(53, 53)).toEqual(['1', '…', '52', '[53]']);
    expect(numbers(3, 53)).toEqual(['1', '2', '[3]', '4', '…', '53']);
  });
});
