import { recommend } from '../../shared/rules';
import type { OpenCase } from '../../shared/cases/case';
import { inputFor } from './notifications';

/**
 * Scenarios for children the case management system says have an open case (issue 9 point 1),
 * written from Working Together to Safeguard Children 2023 and the domain brief, not from the
 * engine's output. Working Together 2023 (chapter 3, "Strategy discussion"): whenever there is
 * reasonable cause to suspect a child is suffering, or likely to suffer, significant harm there
 * should be a strategy discussion, and it involves the practitioners who know the child. An open
 * case does not lower that. Otherwise the brief's routes (§2) pass a contact about a child with an
 * open case to the allocated worker, and early help steps up or down with the lead professional
 * told (§10, handovers).
 */

const worker = { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' };
const socialCare: OpenCase = { childIndex: 0, kind: 'social-care', holder: worker, team: 'Children in Need Team 2' };
const earlyHelp: OpenCase = {
  childIndex: 0,
  kind: 'early-help',
  holder: { name: 'Lee Lead', email: 'lee.lead@exampleshire.example' },
};

describe('open cases, as the case registry records them', () => {
  it('Working Together 2023 ch. 3: a new disclosure of sexual abuse by an adult is a strategy discussion even with an open social care case, and the allocated worker is told', () => {
    const r = recommend(
      inputFor({
        agency: 'school',
        factors: ['19C'],
        ages: [11],
        description: 'Told her teacher that her mother’s friend touches her at night.',
        openCases: [socialCare],
      }),
    );
    expect(r.route).toBe('csc-strategy-discussion');
    expect(r.level).toBe(4);
    expect(r.priority).toBe('red');
    expect(r.caseHolders).toEqual([socialCare]);
    expect(r.reasons.find((x) => x.id === 'open-case')?.text).toMatch(
      /strategy discussion; the allocated worker is told/,
    );
  });

  it('domain brief §2: a lower-level concern about a child with an open social care case goes to the allocated worker, keeping the level', () => {
    const r = recommend(
      inputFor({
        factors: ['16A'],
        ages: [8],
        description: 'Arrives hungry most days this term.',
        openCases: [socialCare],
      }),
    );
    expect(r.route).toBe('existing-open-case');
    expect(r.level).toBe(2);
    expect(r.caseHolders?.[0]?.holder.email).toBe(worker.email);
  });

  it('brief §10 step-up: with open early help, a concern needing a social care assessment steps up and the lead professional is told', () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: ['3B', '2B', '4B'],
        ages: [6],
        description: 'Domestic incident; both parents using cocaine; mother recently sectioned.',
        openCases: [earlyHelp],
      }),
    );
    expect(r.route).toBe('csc-assessment');
    expect(r.caseHolders).toEqual([earlyHelp]);
    expect(r.reasons.find((x) => x.id === 'open-early-help')?.text).toMatch(/steps up .* lead professional is told/);
  });

  it('brief §10: with open early help, a single-agency concern goes to the lead professional’s targeted early help, never below it', () => {
    const r = recommend(
      inputFor({
        factors: ['7A'],
        ages: [12],
        description: 'Cares for her father most evenings.',
        openCases: [earlyHelp],
      }),
    );
    expect(r.level).toBe(2);
    expect(r.route).toBe('early-help-targeted');
  });

  it('an open social care case outranks open early help for another child in the notification', () => {
    const r = recommend(
      inputFor({
        factors: ['16A'],
        ages: [8, 3],
        description: 'Both children often hungry.',
        openCases: [
          { ...earlyHelp, childIndex: 0 },
          { ...socialCare, childIndex: 1 },
        ],
      }),
    );
    expect(r.route).toBe('existing-open-case');
    expect(r.caseHolders).toHaveLength(2);
  });

  it('no record means no open case', () => {
    const r = recommend(
      inputFor({ factors: ['16A'], ages: [8], description: 'Arrives hungry most days this term.', openCases: [] }),
    );
    expect(r.route).toBe('early-help-single-agency');
    expect(r.caseHolders).toBeUndefined();
  });
});
