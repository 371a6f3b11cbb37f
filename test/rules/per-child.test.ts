import { recommend } from '../../shared/rules';
import { recommendedFor } from '../../shared/triage/types';
import { inputFor } from './notifications';

/**
 * A recommendation for each child, from published guidance rather than from the engine's output:
 * Working Together to Safeguard Children 2023 asks that each child be assessed as an individual
 * (so a rule about a baby concerns the baby), while facts about the household, such as a high
 * DASH risk, put every child living there at risk (MARAC and DASH guidance: children in a
 * high-risk household are at risk of significant harm).
 */
describe('a recommendation for each child', () => {
  it('applies "a baby under one with an injury" to the baby only, not to her 14-year-old brother, who keeps his own level with a note to consider him in the discussion', () => {
    // A health visitor: the four-month-old has a bruise; the toddler next door is said to have hit him.
    const r = recommend(
      inputFor({
        agency: 'health-visitor',
        factors: ['18B'],
        ages: [0, 14],
        description: 'Four-month-old has a bruise on the cheek; parents say another child hit him.',
      }),
    );

    const baby = recommendedFor(r, 0)!;
    const teenager = recommendedFor(r, 1)!;
    expect(baby).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(baby.reasons.map((x) => x.id)).toContain('baby-with-injury');
    expect(teenager.reasons.map((x) => x.id)).not.toContain('baby-with-injury');
    expect(teenager.route).not.toBe('csc-strategy-discussion');
    expect(teenager.priority).not.toBe('red');
    // Bruising protocols and WT 2023 ch. 3: the strategy discussion considers the other children.
    const note = teenager.reasons.find((x) => x.id === 'older-sibling-of-injured-baby');
    expect(note?.text).toMatch(/considered in the baby's strategy discussion/);
    expect(note?.evidence).toEqual(['child 1: baby-with-injury', 'child 2 aged 14']);
    expect(teenager.level).toBeLessThan(4);
  });

  it("brings a brother or sister under 5 into the injured baby's strategy discussion, with their own reason", () => {
    // Prepare: the baby's bruise; a 4-year-old and a 6-year-old at home.
    const input = inputFor({
      agency: 'gp',
      factors: ['18B'],
      ages: [0, 4, 6],
      description: 'Four-month-old has a bruise on the cheek; nobody can say how it happened.',
    });
    // Act
    const r = recommend(input);
    // Assess
    const [preschool, older] = [recommendedFor(r, 1)!, recommendedFor(r, 2)!];
    expect(preschool).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(preschool.reasons.find((x) => x.id === 'sibling-of-injured-baby')?.text).toBe(
      'Brother or sister of a baby with an injury: considered in the same strategy discussion.',
    );
    expect(preschool.reasons.map((x) => x.id)).not.toContain('baby-with-injury');
    expect(older.route).not.toBe('csc-strategy-discussion');
    expect(older.reasons.map((x) => x.id)).toContain('older-sibling-of-injured-baby');
  });

  it('brings no sibling into a strategy discussion when no baby is injured', () => {
    // Prepare: the same household, a 3-year-old with a bruise (not a baby under one).
    const r = recommend(
      inputFor({ agency: 'gp', factors: ['18B'], ages: [3, 1], description: 'Three-year-old bruised at nursery.' }),
    );
    // Assess
    for (const child of r.children)
      expect(child.reasons.map((x) => x.id)).not.toEqual(expect.arrayContaining(['sibling-of-injured-baby']));
  });

  it('applies a high DASH risk to every child in the household, the baby and the 14-year-old alike', () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: ['3B'],
        screening: { dashRisk: 'high' },
        ages: [0, 14],
        description: 'Partner strangled the mother in front of the children; DASH high.',
      }),
    );

    expect(r.children).toHaveLength(2);
    for (const child of r.children) {
      expect(child).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
      expect(child.reasons.map((x) => x.id)).toContain('dash-high');
    }
  });

  it('raises neglect for the three-year-old, who depends entirely on her carers, and not for her 12-year-old sister', () => {
    const r = recommend(
      inputFor({
        agency: 'health-visitor',
        factors: ['16A'],
        ages: [3, 12],
        description: 'Both children unwashed and hungry at two home visits; the toddler has severe nappy rash.',
      }),
    );

    const [toddler, older] = [recommendedFor(r, 0)!, recommendedFor(r, 1)!];
    expect(toddler.reasons.map((x) => x.id)).toContain('young-child-neglect');
    expect(older.reasons.map((x) => x.id)).not.toContain('young-child-neglect');
    expect(toddler.level).toBeGreaterThan(older.level);
  });

  it('asks for a pre-birth assessment for the unborn baby, not a statutory assessment for the six-year-old on that ground', () => {
    const r = recommend(
      inputFor({
        agency: 'hospital-or-other-health',
        factors: ['2B'],
        ages: ['unborn', 6],
        description: 'Midwife: mother 28 weeks pregnant and using heroin daily; a six-year-old at home.',
      }),
    );

    expect(recommendedFor(r, 0)).toMatchObject({ level: 4, route: 'csc-assessment' });
    expect(recommendedFor(r, 0)!.reasons.map((x) => x.id)).toContain('unborn-baby-parental-risk');
    expect(recommendedFor(r, 1)!.reasons.map((x) => x.id)).not.toContain('unborn-baby-parental-risk');
  });

  it('names the child in the evidence of an age rule, by their place in the notification', () => {
    const r = recommend(
      inputFor({
        agency: 'health-visitor',
        factors: ['18B'],
        ages: [14, 0],
        description: 'Bruised four-month-old; older brother at home.',
      }),
    );

    const rule = recommendedFor(r, 1)!.reasons.find((x) => x.id === 'baby-with-injury')!;
    expect(rule.evidence).toContain('child 2 aged 0');
  });

  it('heads the contact with the most intrusive child: the red baby sets the priority, the route and the due time for both', () => {
    const both = recommend(
      inputFor({
        agency: 'health-visitor',
        factors: ['18B'],
        ages: [0, 14],
        description: 'Bruised four-month-old; older brother at home.',
      }),
    );
    const babyAlone = recommend(
      inputFor({ agency: 'health-visitor', factors: ['18B'], ages: [0], description: 'Bruised four-month-old.' }),
    );
    const teenagerAlone = recommend(
      inputFor({
        agency: 'health-visitor',
        factors: ['18B'],
        ages: [14],
        description: 'Older brother of a bruised baby.',
      }),
    );

    expect(both).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(teenagerAlone.priority).not.toBe('red');
    expect(both.dueAt).toBe(babyAlone.dueAt);
    expect(Date.parse(both.dueAt)).toBeLessThanOrEqual(Date.parse(teenagerAlone.dueAt));
    // A reason that fired for both children is listed once for the contact, with both children's evidence.
    const ids = both.reasons.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives one child one recommendation, the same as the contact headline', () => {
    const r = recommend(inputFor({ factors: ['16A'], ages: [9], description: 'Arrives hungry most days this term.' }));

    expect(r.children).toEqual([
      expect.objectContaining({ childIndex: 0, level: r.level, route: r.route, priority: r.priority }),
    ]);
  });
});
