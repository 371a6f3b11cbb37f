import { getDefaultRuleset, recommend } from '../../shared/rules';
import { parseRuleset } from '../../shared/rules/loader';
import { checkRuleset } from '../../shared/rules/check';
import { inputFor } from './notifications';

/**
 * Issue 9 points 2 and 3, from published guidance rather than the engine's output.
 *
 * Working Together to Safeguard Children 2023, chapter 3: where there is reasonable cause to
 * suspect that a child is suffering, or is likely to suffer, significant harm, there should be a
 * strategy discussion (s47 enquiries may follow), and immediate protective action where a child is
 * in immediate danger.
 *
 * Levels of Need: Wigan Safeguarding Children Board's Thresholds of Need put families with
 * multiple needs, who need co-ordinated support from several agencies led by one professional, at
 * level 3 (complex), with an early help assessment and plan; Working Together 2023 chapter 2 asks
 * for an early help assessment and a lead practitioner where more than one agency is needed.
 *
 * Homeless 16 and 17 year olds: R (G) v Southwark LBC [2009] UKHL 26 and the 2018 MHCLG/DfE joint
 * guidance: children's social care assesses them as children in need (s17).
 */

describe('immediate danger and significant harm route to protection', () => {
  it('WT 2023 ch. 3: a child in immediate danger, with nothing else known, is a strategy discussion, red, today', () => {
    const r = recommend(
      inputFor({
        agency: 'member-of-public',
        factors: ['21'],
        immediateDanger: true,
        ages: [3],
        description: 'Toddler seen alone at an open upstairs window at night, screaming.',
      }),
    );
    expect(r).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(new Date(r.dueAt).getTime() - new Date('2026-11-18T10:00:00Z').getTime()).toBeLessThanOrEqual(4 * 3_600_000);
  });

  it('WT 2023 ch. 3: every default indicator whose own words describe significant harm carries the strategy-discussion flag and immediate risk', () => {
    const harm = getDefaultRuleset().indicators.filter((i) =>
      /significant(ly)? harm|significantly (harmed|impaired)|immediate danger/i.test(i.text),
    );
    expect(harm.map((i) => i.id)).toEqual(
      expect.arrayContaining(['immediate-danger', 'neglect-severe', 'emotional-abuse-severe', 'dash-high']),
    );
    for (const indicator of harm)
      expect({ id: indicator.id, s47: indicator.strategyDiscussion, red: indicator.immediateRisk }).toEqual({
        id: indicator.id,
        s47: true,
        red: true,
      });
  });

  it('rules check warns where an indicator marked immediate risk has no strategy discussion, or the reverse, unless the ruleset says why', () => {
    const data = structuredClone(getDefaultRuleset()) as unknown as { indicators: Record<string, unknown>[] };
    const at = (id: string) => data.indicators.find((i) => i.id === id)!;
    at('neglect-severe').strategyDiscussion = false;
    at('trafficking').immediateRisk = false;
    delete at('no-carer-available').noStrategyDiscussionBecause;
    const warnings = checkRuleset(parseRuleset(JSON.stringify(data), 'area.json'))
      .map((f) => `${f.severity} ${f.message}`)
      .sort();
    expect(warnings).toEqual([
      'warning "neglect-severe" is marked immediate risk but not strategy discussion; add the strategy discussion, or say why not in noStrategyDiscussionBecause',
      'warning "no-carer-available" is marked immediate risk but not strategy discussion; add the strategy discussion, or say why not in noStrategyDiscussionBecause',
      'warning "trafficking" needs a strategy discussion but is not marked immediate risk, so it gets no same-day clock',
    ]);
  });
});

describe('needs combine as Levels of Need guidance says', () => {
  it('Wigan Thresholds of Need level 3: parental alcohol misuse, parental mental illness and a young carer add up to complex needs (early help assessment, lead professional)', () => {
    const r = recommend(
      inputFor({
        agency: 'gp',
        factors: ['1B', '4B', '7A'],
        ages: [13],
        description: 'Father drinks daily; mother has depression; the girl does most of the caring.',
      }),
    );
    expect(r).toMatchObject({ level: 3, route: 'early-help-targeted' });
    const reason = r.reasons.find((x) => x.id === 'several-additional-needs')!;
    expect(reason.evidence.join(' ')).toMatch(/3 level 2 indicators.*2 sides/);
  });

  it('a single additional need stays with one agency (level 2)', () => {
    expect(
      recommend(
        inputFor({
          agency: 'gp',
          factors: ['4B'],
          description: 'Mother has depression and is managing with GP support.',
        }),
      ).level,
    ).toBe(2);
  });

  it('two additional needs on one side of the Assessment Framework are not yet complex', () => {
    const r = recommend(
      inputFor({
        agency: 'gp',
        factors: ['1B', '4B'],
        description: 'Father drinks; mother has depression; children well cared for.',
      }),
    );
    expect(r.level).toBe(2);
  });

  it('every combination rule in the default ruleset names its published source', () => {
    for (const rule of getDefaultRuleset().rules.filter((r) =>
      ['several-additional-needs', 'needs-on-every-side', 'several-level-3-indicators'].includes(r.id),
    ))
      expect(rule.source).toMatch(/Thresholds of Need|Working Together/);
  });
});

describe('homeless 16 and 17 year olds (R (G) v Southwark [2009] UKHL 26)', () => {
  it('a 17-year-old asked to leave home is a child in need assessment by children’s social care (s17), not housing advice', () => {
    const r = recommend(
      inputFor({
        agency: 'housing',
        factors: ['20'],
        indicators: ['young-person-homeless'],
        ages: [17],
        description: 'Told to leave by his stepfather; sleeping at friends’ houses, nowhere tonight.',
      }),
    );
    expect(r).toMatchObject({ level: 4, route: 'csc-assessment' });
    expect(getDefaultRuleset().indicators.find((i) => i.id === 'young-person-homeless')!.source).toMatch(/Southwark/);
  });
});
