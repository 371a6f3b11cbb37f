import { canMove, isContactId, newContactId, referenceFor, sameDecision } from '../../shared/contacts';

describe('contact ids and references', () => {
  it('gives a random id every time: nothing a caller sends can predict one', () => {
    expect(newContactId()).not.toBe(newContactId());
    expect(isContactId(newContactId())).toBe(true);
    expect(isContactId('../../etc/passwd')).toBe(false);
  });

  it('derives a reference a person can read out: no I, L, O or U', () => {
    for (let i = 0; i < 200; i += 1) {
      const reference = referenceFor(newContactId());
      expect(reference).toMatch(/^CFC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    }
    const id = newContactId();
    expect(referenceFor(id)).toBe(referenceFor(id));
  });
});

describe('contact status', () => {
  it('allows only forward moves, and a decision only once', () => {
    expect(canMove('received', 'triaging')).toBe(true);
    expect(canMove('awaiting-decision', 'decided')).toBe(true);
    expect(canMove('decided', 'decided')).toBe(false);
    expect(canMove('awaiting-decision', 'triaging')).toBe(false);
  });

  it('treats a repeat of the same decision as a retry and a different one as a conflict', () => {
    const child = {
      childIndex: 0,
      route: 'early-help-targeted' as const,
      level: 3 as const,
      rationale: 'Several level 3 needs.',
    };
    const sibling = { ...child, childIndex: 1, route: 'csc-assessment' as const, level: 4 as const };
    expect(sameDecision({ children: [child, sibling] }, { children: [{ ...child }, { ...sibling }] })).toBe(true);
    expect(sameDecision({ children: [child, sibling] }, { children: [child, { ...sibling, route: 'nfa' }] })).toBe(
      false,
    );
    expect(sameDecision({ children: [child, sibling] }, { children: [child] })).toBe(false);
  });
});
