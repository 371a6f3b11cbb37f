import { parseNotification } from '../../shared/notification';
import { recommend } from '../../shared/rules';
import { recommendedFor } from '../../shared/triage/types';
import { inputFor, notificationFor } from './notifications';

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
    const note = teenager.reasons.find((x) => x.id === 'sibling-in-strategy-discussion');
    expect(note?.text).toMatch(/needs a strategy discussion: it considers this child too/);
    expect(note?.evidence).toEqual(['child 1: strategy discussion required']);
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
      'Brother or sister of a baby, or of a child who cannot move about independently, with an injury: considered in the same strategy discussion.',
    );
    expect(preschool.reasons.map((x) => x.id)).not.toContain('baby-with-injury');
    expect(older.route).not.toBe('csc-strategy-discussion');
    expect(older.reasons.map((x) => x.id)).toContain('sibling-in-strategy-discussion');
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

/**
 * Brothers and sisters of a child who needs a strategy discussion (Working Together 2023 ch. 3:
 * the strategy discussion considers the needs of other children who may be affected, such as
 * siblings and other children living in the same household), written from the guidance before
 * the engine ran.
 */
describe('the brothers and sisters of a child who needs a strategy discussion', () => {
  const ids = (r: ReturnType<typeof recommend>, i: number) => recommendedFor(r, i)!.reasons.map((x) => x.id);

  it("brings a 3-year-old into the strategy discussion about her disabled, non-mobile 8-year-old brother's bruises, and tells the worker to consider the 12-year-old in it", () => {
    // Prepare: bruising protocols include disabled children of any age who cannot move about.
    const input = inputFor({
      agency: 'school',
      factors: [],
      ages: [8, 3, 12],
      childConcerns: [{ factors: ['18B'], indicators: ['child-not-independently-mobile'] }],
      disability: 'Quadriplegic cerebral palsy; cannot move about independently',
      description: 'Bruises on his upper arms at drop-off; mum says his cousin grabbed him while playing.',
    });
    // Act
    const r = recommend(input);
    // Assess
    expect(recommendedFor(r, 0)).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(recommendedFor(r, 1)).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(ids(r, 1)).toContain('sibling-of-injured-baby');
    expect(recommendedFor(r, 2)!.route).not.toBe('csc-strategy-discussion');
    expect(ids(r, 2)).toContain('sibling-in-strategy-discussion');
  });

  it('brings every brother and sister into the strategy discussion when a child is harmed by the adults at home (an unexplained injury)', () => {
    // Prepare: the 9-year-old's unexplained injuries are hers; her brother lives with the same adults.
    const input = inputFor({
      agency: 'school',
      factors: [],
      ages: [9, 13],
      childConcerns: [{ indicators: ['unexplained-injury'] }],
      description: 'Bruising to both ears and a black eye; she says she cannot remember; stepfather collects her.',
    });
    // Act
    const r = recommend(input);
    // Assess
    const brother = recommendedFor(r, 1)!;
    expect(brother).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    const reason = brother.reasons.find((x) => x.id === 'sibling-of-child-harmed-at-home')!;
    expect(reason.evidence).toEqual(['child 1: unexplained-injury']);
    expect(reason.text).toMatch(/considered in the same strategy discussion/);
    expect(ids(r, 1)).not.toContain('unexplained-injury');
  });

  it("brings a 7-year-old sister into the strategy discussion about her 12-year-old sister's FGM (FGM statutory guidance 2020: sisters are at risk)", () => {
    const r = recommend(
      inputFor({
        agency: 'gp',
        factors: [],
        ages: [12, 7],
        childConcerns: [{ factors: ['22A'] }],
        description: 'The 12-year-old told the practice nurse she was cut during the summer visit to relatives.',
      }),
    );
    expect(recommendedFor(r, 1)).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(ids(r, 1)).toContain('sibling-of-child-harmed-at-home');
  });

  it("keeps an 8-year-old's own level when his 15-year-old sister is sexually exploited outside the family, with a note to consider him in her strategy discussion", () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: [],
        ages: [15, 8],
        childConcerns: [{ factors: ['11A'] }, { factors: ['16A'] }],
        description:
          'Found in a flat with adult men who supplied her alcohol; her brother is often unsupervised after school.',
      }),
    );
    const brother = recommendedFor(r, 1)!;
    expect(brother.route).not.toBe('csc-strategy-discussion');
    expect(brother.level).toBe(2);
    expect(ids(r, 1)).toEqual(['neglect-reported', 'sibling-in-strategy-discussion']);
    expect(brother.reasons.find((x) => x.id === 'sibling-in-strategy-discussion')!.evidence).toEqual([
      'child 1: strategy discussion required',
    ]);
  });

  it('keeps a brother out of the strategy discussion when his sister was hurt by a teaching assistant (the LADO), with a note to consider him', () => {
    // Prepare: KCSIE part 4, an allegation about someone who works with children; the harm is not at home.
    const input = inputFor({
      agency: 'school',
      factors: [],
      childConcerns: [{ indicators: ['physical-abuse-by-adult'] }],
      ages: [7, 10],
      description: 'A teaching assistant grabbed her arm hard enough to leave finger-mark bruises.',
    });
    input.notification.adultConcern = {
      name: 'Drew Exampleperson',
      role: 'Teaching assistant',
      employer: 'Example Primary School',
      sector: 'education',
      stillWorkingWithChildren: 'yes',
      childNeedsContact: true,
    } as NonNullable<typeof input.notification.adultConcern>;
    // Act
    const r = recommend(input);
    // Assess
    expect(recommendedFor(r, 0)).toMatchObject({ route: 'csc-strategy-discussion' });
    expect(recommendedFor(r, 1)!.route).not.toBe('csc-strategy-discussion');
    expect(ids(r, 1)).toEqual(['sibling-in-strategy-discussion']);
  });

  it('adds no sibling reason when every child already needs the strategy discussion on the household facts (DASH high)', () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: ['3B'],
        screening: { dashRisk: 'high' },
        ages: [4, 9],
        description: 'Mother strangled in front of both children; DASH high.',
      }),
    );
    for (const child of r.children)
      expect(child.reasons.map((x) => x.id)).not.toEqual(
        expect.arrayContaining(['sibling-in-strategy-discussion', 'sibling-of-child-harmed-at-home']),
      );
  });
});

/**
 * Screening results about one child (schema: children[i].concerns.screening): a CSE screening
 * outcome and a count of missing episodes are the child's own, where a DASH level concerns the
 * adult victim and so every child in the household (SafeLives DASH; DfE CSE definition and guide
 * 2017; DfE statutory guidance on children who run away or go missing from home or care 2014).
 */
describe('screening results that are about one child', () => {
  it("uses the 15-year-old's own CSE screening (high) for her alone, not for her 10-year-old brother", () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: [],
        ages: [15, 10],
        childConcerns: [{ factors: ['11A'], screening: { cseRisk: 'high' } }, { factors: ['16A'] }],
        description:
          'Seen getting into cars with older men; CSE screening tool scored high. Brother left alone evenings.',
      }),
    );
    const [sister, brother] = [recommendedFor(r, 0)!, recommendedFor(r, 1)!];
    expect(sister).toMatchObject({ level: 4, route: 'csc-strategy-discussion', priority: 'red' });
    expect(sister.reasons.find((x) => x.id === 'cse-screening-high')?.evidence).toEqual(['CSE screening: high']);
    expect(brother.reasons.map((x) => x.id)).not.toContain('cse-screening-high');
    expect(brother.level).toBe(2);
  });

  it("uses a 14-year-old's own four missing episodes for him alone; his 9-year-old sister has never gone missing", () => {
    const r = recommend(
      inputFor({
        agency: 'police',
        factors: [],
        ages: [14, 9],
        childConcerns: [{ factors: ['10A'], screening: { missingEpisodes: 4 } }, { factors: ['14A'] }],
        screening: { returnedOn: '2026-11-17' },
        description: 'Missing overnight for the fourth time since September; found in another town.',
      }),
    );
    expect(recommendedFor(r, 0)!.reasons.map((x) => x.id)).toContain('missing-repeated');
    expect(recommendedFor(r, 1)!.reasons.map((x) => x.id)).not.toContain('missing-repeated');
    expect(recommendedFor(r, 1)!.level).toBe(2);
    expect(r.clocks.map((c) => c.name)).toContain('Return home interview');
  });

  it('refuses a CSE score or a missing count given for the whole notification when there are several children, naming the field', () => {
    const several = notificationFor({
      factors: ['11A'],
      screening: { cseRisk: 'medium', missingEpisodes: 2 },
      ages: [15, 10],
      description: 'Screened medium for CSE; missing twice.',
    });
    const one = notificationFor({
      factors: ['11A'],
      screening: { cseRisk: 'medium', missingEpisodes: 2 },
      ages: [15],
      description: 'Screened medium for CSE; missing twice.',
    });

    const refused = parseNotification(several);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.map((e) => e.path)).toEqual([
      'concerns.screening.cseRisk',
      'concerns.screening.missingEpisodes',
    ]);
    expect(!refused.ok && refused.errors[0]!.message).toMatch(/children\[n\]\.concerns\.screening\.cseRisk/);
    expect(parseNotification(one).ok).toBe(true);
  });

  it('reads a notification stored before children had their own screening as it was triaged then: the score for every child', () => {
    const input = inputFor({ factors: ['11A'], ages: [15, 10], description: 'Stored before per-child screening.' });
    input.notification.concerns.screening.cseRisk = 'high';
    const r = recommend(input);
    for (const child of r.children) expect(child.reasons.map((x) => x.id)).toContain('cse-screening-high');
  });
});
