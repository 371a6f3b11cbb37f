import { upgradeContact, type Contact } from '../../shared/contacts';

/**
 * Issue 9: contacts stored before recommendations and decisions were per child (one level, route
 * and decision for the whole notification) still read, in today's shape, as the same for every child.
 */
describe('reading a contact stored before decisions were per child', () => {
  // Prepare: a police notification about two children, recommended and decided as one, then reconsidered.
  const old = {
    contactId: 'c-old',
    reference: 'CFC-OLD0-0001',
    status: 'decided',
    notification: {
      children: [
        { firstName: 'Ava', lastName: 'Madeup' },
        { firstName: 'Noah', lastName: 'Madeup' },
      ],
    },
    recommendation: {
      level: 3,
      route: 'early-help-targeted',
      priority: 'amber',
      dueAt: '2025-06-02T13:00:00Z',
      themes: ['domestic-abuse'],
      reasons: [{ kind: 'screening', id: 'dash-medium', text: 'DASH medium', evidence: ['DASH risk: medium'] }],
      clocks: [],
      ruleset: { id: 'front-door-default', version: '1.0.0' },
    },
    decision: {
      route: 'csc-assessment',
      level: 4,
      primaryNeed: 'N1',
      rationale: 'Assess both children after reconsideration.',
      decidedAt: '2025-06-03T10:00:00Z',
      decidedBy: 'morgan.ellis',
    },
    previousDecisions: [
      {
        route: 'early-help-targeted',
        level: 3,
        rationale: 'Early help with the refuge.',
        decidedAt: '2025-06-02T11:00:00Z',
        decidedBy: 'sam.okafor',
      },
    ],
  } as unknown as Contact;

  it('gives each child the one recommendation and the one decision it was made with', () => {
    // Act
    const contact = upgradeContact(old);
    // Assess
    expect(contact.recommendation!.children).toEqual([
      {
        childIndex: 0,
        level: 3,
        route: 'early-help-targeted',
        priority: 'amber',
        reasons: old.recommendation!.reasons,
      },
      {
        childIndex: 1,
        level: 3,
        route: 'early-help-targeted',
        priority: 'amber',
        reasons: old.recommendation!.reasons,
      },
    ]);
    expect(contact.recommendation).toMatchObject({
      level: 3,
      route: 'early-help-targeted',
      dueAt: '2025-06-02T13:00:00Z',
    });
    expect(contact.decision).toEqual({
      children: [0, 1].map((childIndex) => ({
        childIndex,
        route: 'csc-assessment',
        level: 4,
        primaryNeed: 'N1',
        rationale: 'Assess both children after reconsideration.',
      })),
      decidedAt: '2025-06-03T10:00:00Z',
      decidedBy: 'morgan.ellis',
    });
    expect(contact.previousDecisions![0]!.children.map((c) => c.route)).toEqual([
      'early-help-targeted',
      'early-help-targeted',
    ]);
  });

  it('leaves a contact already in today’s shape as it is, and does not change what was read', () => {
    const upgraded = upgradeContact(old);
    expect(upgradeContact(upgraded)).toEqual(upgraded);
    expect((old as unknown as { decision: { route: string } }).decision.route).toBe('csc-assessment');
    expect(old.decision).not.toHaveProperty('children');
  });
});
