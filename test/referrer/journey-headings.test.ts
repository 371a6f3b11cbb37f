import { allPages, asksOneQuestion, findPage, midSentence } from '../../shared/referrer/journey';
import { controlsFor } from '../../functions/referrer/form-view';
import { schoolNeglectViaForm } from './journey-support';

/**
 * Each page's heading is its question (GOV.UK: one question a page, the page title matching the
 * h1). A browser walk found two pages whose one field's label became the h1 below their own
 * explanation: "Which child is each worry about?" with one worry chosen (its h1 was the worry's
 * wording) and the anonymous referrer's "About you" (its h1 was "Telephone number (optional)").
 */
describe('the heading of each page of the referrer form', () => {
  it("keeps the page's own title as the heading when the page explains something before its one question", () => {
    // Prepare
    const twoChildrenOneWorry = schoolNeglectViaForm([
      ['children/1/details', { firstName: 'Ximena', born: 'unknown', approximateAge: '6', gender: 'b' }],
      ['children/1/address', { line1: '1 Fictional Row', town: 'Exampleton', postcode: 'ZZ99 3AA' }],
      ['concerns', { areas: 'care' }],
      ['concerns/care', { indicators: 'neglect-reported' }],
    ]);
    const whichChild = findPage('which-child', twoChildrenOneWorry)!;
    const anonymous = findPage('about-you', { referrerKind: 'anonymous' })!;

    // Act
    const headings = [whichChild, anonymous].map((page) => ({ page: page.id, oneQuestion: asksOneQuestion(page) }));

    // Assess
    expect(whichChild.fields).toHaveLength(1);
    expect(anonymous.fields).toHaveLength(1);
    expect(headings).toEqual([
      { page: 'which-child', oneQuestion: false },
      { page: 'about-you', oneQuestion: false },
    ]);
    // The one question is then asked under the title, not as a second h1.
    const asHeading = [whichChild, anonymous].flatMap((page) =>
      controlsFor(page, {}, {}).filter((c) => JSON.stringify(c.params).includes('"isPageHeading":true')),
    );
    expect(asHeading).toEqual([]);
  });

  it('makes the one question the heading on every page that asks only it, and on no page with an explanation', () => {
    // Prepare
    const pages = allPages({});

    // Act
    const oneQuestion = pages.filter(asksOneQuestion);

    // Assess
    expect(oneQuestion.map((p) => p.id)).toContain('immediate-danger');
    expect(oneQuestion.filter((p) => p.intro)).toEqual([]);
    expect(oneQuestion.filter((p) => p.fields.length !== 1)).toEqual([]);
  });
});

describe('a label read in the middle of a sentence', () => {
  it('keeps abbreviations in capitals, as in "Change NHS number", and lower-cases only the first letter of the rest', () => {
    // Prepare
    const labels = [
      'NHS number',
      "Child's first language",
      'Forced marriage, FGM, extremism or abuse linked to beliefs',
    ];

    // Act
    const read = labels.map(midSentence);

    // Assess
    expect(read).toEqual([
      'NHS number',
      "child's first language",
      'forced marriage, FGM, extremism or abuse linked to beliefs',
    ]);
  });
});
