import { returnsContactFrom } from '../../infra/ops/returns-contacts';

/**
 * The returns read contacts as a projection (infra/ops/returns-contacts.ts): only the fields they
 * count, checked rather than cast to a whole Contact, with a decision from before decisions were
 * per child read as the same for every child.
 */
const projected = {
  contactId: 'c1',
  receivedAt: '2026-04-01T09:00:00.000Z',
  status: 'decided',
  notification: {
    referrer: { agencyType: 'school', organisation: 'Exampleshire Primary' },
    children: [{ firstName: 'Ellie' }, { firstName: 'Tom' }],
  },
  recommendation: { caseHolders: [] },
};

describe('a contact as the returns read it', () => {
  it('reads an old single decision as the same for each child, and keeps the projection as it is', () => {
    // Prepare
    const decision = { route: 'nfa', level: 1, rationale: 'No further action.', decidedAt: 'x', decidedBy: 'sam' };
    // Act
    const contact = returnsContactFrom({ ...projected, decision });
    // Assess
    expect(contact.decision?.children.map((c) => [c.childIndex, c.route])).toEqual([
      [0, 'nfa'],
      [1, 'nfa'],
    ]);
    expect(contact.recommendation).toEqual({ caseHolders: [] });
    expect(contact.notification?.referrer.organisation).toBe('Exampleshire Primary');
  });

  it('refuses an item that is not a contact, naming it', () => {
    // Act and assess
    expect(() => returnsContactFrom({ contactId: 'c2', status: 'somewhere' })).toThrow(
      'The contacts table holds an item that is not a contact: c2',
    );
  });
});
