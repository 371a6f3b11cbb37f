import { pageForPath } from '../../shared/referrer/journey';
import { schoolNeglectViaForm } from './journey-support';

/**
 * When the whole notification is checked on sending and an answer is wrong (a dotted path such
 * as `children.0.dateOfBirth`), the error summary on check your answers links to the page where
 * the referrer can put it right (GOV.UK error summary pattern), not to the start of the journey.
 */
describe('the page that puts an error right', () => {
  const answers = schoolNeglectViaForm([
    ['concerns', { areas: 'care' }],
    ['concerns/care', { indicators: 'neglect-reported' }],
  ]);

  it("is the page of that child's answer, for each child", () => {
    expect(pageForPath('children.0.dateOfBirth', answers)).toBe('children/0/details');
    expect(pageForPath('children.0.school', answers)).toBe('children/0/address');
    expect(pageForPath('children.2.firstName', answers)).toBe('children/2/details');
  });

  it("is the item's first page for an error about the whole item, and the list for one about the whole list", () => {
    expect(pageForPath('children.0', answers)).toBe('children/0/details');
    expect(pageForPath('otherProfessionals.0.role', answers)).toBe('otherProfessionals/0');
    expect(pageForPath('children', answers)).toBe('children');
  });

  it('is the areas of concern for the chosen indicators and census factors', () => {
    expect(pageForPath('concerns.factors', answers)).toBe('concerns');
    expect(pageForPath('concerns.indicators.0', answers)).toBe('concerns');
  });

  it("is the referrer's own page for their details, whole or in part", () => {
    expect(pageForPath('referrer.email', answers)).toBe('about-you');
    expect(pageForPath('referrer', answers)).toBe('about-you');
    expect(pageForPath('consent.reason', answers)).toBe('consent');
  });

  it('is check your answers when no page asks for the answer', () => {
    expect(pageForPath('receivedVia', answers)).toBe('check');
  });
});
