import { parseNotification } from '../../shared/notification';
import { getDefaultRuleset, recommend } from '../../shared/rules';
import { CONCERN_AREAS, findPage, notificationInput, suggestedFactors } from '../../shared/referrer/journey';
import { fill, schoolNeglectViaForm } from './journey-support';

/**
 * Issue 9 point 4 and issue 12 point 1: the concerns question asks broad areas first, then the
 * specifics of each in the referrer's words, and the record holds exactly what the referrer chose.
 */
describe('what the referrer is worried about', () => {
  const receivedAt = new Date('2026-11-30T10:00:00Z');
  const triage = (answers: ReturnType<typeof schoolNeglectViaForm>) => {
    const parsed = parseNotification(notificationInput(answers));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return {
      notification: parsed.notification,
      recommendation: recommend({
        notification: parsed.notification,
        history: { earlierContacts: [] },
        receivedAt,
      } as never),
    };
  };
  const firedIds = (r: { reasons: { id: string }[] }) => r.reasons.map((reason) => reason.id);

  it('records a disclosure of abuse as just that: no sexual, physical or emotional abuse the referrer did not choose', () => {
    // Prepare
    const answers = schoolNeglectViaForm([
      ['concerns', { areas: 'harm' }],
      ['concerns/harm', { indicators: 'disclosure-of-abuse' }],
    ]);
    // Act
    const { notification, recommendation } = triage(answers);
    // Assess
    expect(notification.concerns).toMatchObject({ indicators: ['disclosure-of-abuse'], factors: [] });
    expect(firedIds(recommendation)).not.toEqual(expect.arrayContaining(['sexual-abuse-by-adult']));
    expect(firedIds(recommendation)).not.toContain('physical-abuse-by-adult');
    expect(firedIds(recommendation)).not.toContain('emotional-abuse');
    expect(suggestedFactors(answers)).toEqual(['17A', '18C', '19C']);
  });

  it('records poor school attendance without neglect, and financial hardship without "other concern"', () => {
    const answers = schoolNeglectViaForm([
      ['concerns', { areas: ['behaviour-school', 'home-family'] }],
      ['concerns/behaviour-school', { indicators: 'school-attendance' }],
      ['concerns/home-family', { indicators: 'financial-hardship' }],
    ]);
    const { notification, recommendation } = triage(answers);
    expect(notification.concerns).toMatchObject({
      indicators: ['school-attendance', 'financial-hardship'],
      factors: [],
    });
    expect(firedIds(recommendation)).not.toContain('neglect-reported');
    expect(firedIds(recommendation)).not.toContain('other-concern');
    // "Other" is never suggested: it says nothing the referrer's own words do not.
    expect(suggestedFactors(answers)).toEqual(['16A']);
  });

  it('records a suggested category only once the referrer accepts it on the categories page', () => {
    const chosen = schoolNeglectViaForm([
      ['concerns', { areas: 'harm' }],
      ['concerns/harm', { indicators: 'disclosure-of-abuse' }],
    ]);
    const accepted = fill(chosen, [['categories', { factors: ['19C'] }]]);
    expect(triage(accepted).notification.concerns.factors).toEqual(['19C']);
    expect(accepted.categoriesReviewed).toEqual(['17A', '18C', '19C']);
  });

  it('drops the specifics of an area the referrer no longer chooses, and keeps those of the others', () => {
    const answers = schoolNeglectViaForm([
      ['concerns', { areas: ['care', 'mental-health'] }],
      ['concerns/care', { indicators: 'neglect-reported' }],
      ['concerns/mental-health', { indicators: ['parent-mental-health', 'bereavement'] }],
    ]);
    const changed = fill(answers, [['concerns', { areas: 'care' }]]);
    expect(triage(changed).notification.concerns.indicators).toEqual(['neglect-reported']);
  });

  it('a page of specifics changes only its own choices', () => {
    const answers = schoolNeglectViaForm([
      ['concerns', { areas: ['care', 'mental-health'] }],
      ['concerns/care', { indicators: 'neglect-reported' }],
      ['concerns/mental-health', { indicators: 'bereavement' }],
    ]);
    const changed = fill(answers, [['concerns/care', { indicators: ['neglect-persistent', 'bereavement'] }]]);
    expect(triage(changed).notification.concerns.indicators.sort()).toEqual(['bereavement', 'neglect-persistent']);
  });

  it('"something else" records the other-concern indicator and asks for no specifics', () => {
    const answers = schoolNeglectViaForm([['concerns', { areas: 'something-else' }]]);
    expect(triage(answers).notification.concerns.indicators).toEqual(['other-concern']);
    expect(findPage('concerns/something-else', answers)).toBeUndefined();
  });

  it('asks for an area first, and for something on each area page', () => {
    const answers = schoolNeglectViaForm([
      ['concerns', { areas: 'harm' }],
      ['concerns/harm', { indicators: 'unexplained-injury' }],
    ]);
    expect(() => fill(answers, [['concerns', {}]])).toThrow('Select what you are worried about');
    expect(() => fill(answers, [['concerns/harm', {}]])).toThrow(
      'Select what you know, or go back and choose a different area of concern',
    );
  });

  it('tells a professional reporting FGM that they must also report it to the police themselves', () => {
    // Prepare and Act
    const fgm = findPage('concerns/harmful-practices', {})!.fields[0]!;
    const harm = findPage('concerns/harm', {})!.fields[0]!;
    // Assess: the mandatory reporting duty (FGM Act 2003 s5B) is theirs and cannot be passed on;
    // other areas keep the usual hint.
    expect(fgm.hint).toContain('you must also report it to the police yourself. Call 101.');
    expect(harm.hint).toBe('Select all that apply');
  });

  describe('the questions themselves (GOV.UK question pages)', () => {
    const areas = findPage('concerns', {})!.fields[0]!.options!;
    const specifics = CONCERN_AREAS.map((a) => findPage(`concerns/${a.id}`, {})!.fields[0]!.options!);
    const words = [...areas, ...specifics.flat()].flatMap((o) => [o.text, o.hint ?? '']).join('\n');

    it('has no page with more than 15 options', () => {
      expect(areas.length).toBeLessThanOrEqual(15);
      for (const options of specifics) expect(options.length).toBeLessThanOrEqual(15);
    });

    it('offers each specific once, and never "No factors identified"', () => {
      const values = specifics.flat().map((o) => o.value);
      expect(new Set(values).size).toBe(values.length);
      const texts = specifics.flat().map((o) => o.text.toLowerCase());
      expect(new Set(texts).size).toBe(texts.length);
      expect(words).not.toMatch(/no factors/i);
    });

    it('names no level of need or service, so the referrer describes and the front door decides', () => {
      expect(words).not.toMatch(
        /\blevel\b|single agency|early help|social care|targeted|strategy discussion|assessment/i,
      );
    });

    it('offers every indicator a referrer can choose, leaving out only those set by other answers', () => {
      const offered = new Set([...specifics.flat().map((o) => o.value), 'other-concern']);
      // A CSE concern screened low comes from the CSE answer with the screening tool's result.
      const derived =
        /^(dash-|cse-screening-|cse-concern-screened-low|missing-episode|missing-repeated|immediate-danger|no-factors)/;
      const missing = getDefaultRuleset()
        .indicators.map((i) => i.id)
        .filter((id) => !offered.has(id) && !derived.test(id));
      expect(missing).toEqual([]);
    });
  });
});
