import { percentage } from './measures';

/**
 * Small-number suppression for figures published beyond the council (the monthly board report),
 * as the Department for Education's children in need statistics do it: "any number between 1 and
 * 5 inclusive has been suppressed and replaced by 'c'. Secondary suppression has been applied where
 * necessary, to preserve confidentiality" (Characteristics of children in need, Explore education
 * statistics, https://explore-education-statistics.service.gov.uk/find-statistics/children-in-need/2021/explore;
 * the symbols follow the Government Statistical Service's guidance). A zero is shown: it says no
 * one. The console's performance page, for the council's own managers, shows every figure exactly.
 */
export const SUPPRESSED = 'c';
export const SUPPRESSION_MAX = 5;

export const SUPPRESSION_NOTE = `c: withheld. Every number from 1 to ${SUPPRESSION_MAX} is withheld so that no child, family or person can be picked out (the Department for Education’s rule for its children in need statistics); a percentage is withheld when the number it counts, or the number it is of, is withheld. Where a withheld number could be worked out from the others (from a list’s other members, or from a total over the months), the next smallest member, or the total, is withheld too.`;

export const isSmall = (n: number): boolean => n >= 1 && n <= SUPPRESSION_MAX;

/** How figures are written: exactly (inside the council), or with small numbers withheld (published). */
export interface Disclosure {
  count(n: number): string;
  /** "96.7%", "none" when there is nothing to divide by, or the suppression symbol. */
  percent(part: number, whole: number): string;
  /** The same for a list whose members add up to a figure shown elsewhere: small ones and, if one alone, the next smallest. */
  counts(values: readonly number[]): string[];
  suppressing: boolean;
}

const percentText = (part: number, whole: number) => {
  const p = percentage(part, whole);
  return p === undefined ? 'none' : `${p}%`;
};

export const EXACT: Disclosure = {
  count: (n) => String(n),
  percent: percentText,
  counts: (values) => values.map(String),
  suppressing: false,
};

/**
 * Which of a list's values to withhold: every small one, and when exactly one is small (so the
 * list's total, shown elsewhere, would give it away) the smallest other non-zero value as well.
 */
export const withheld = (values: readonly number[]): boolean[] => {
  const primary = values.map(isSmall);
  if (primary.filter(Boolean).length !== 1) return primary;
  const candidates = values.map((v, i) => ({ v, i })).filter(({ v, i }) => v > 0 && !primary[i]);
  const next = candidates.sort((a, b) => a.v - b.v)[0];
  return primary.map((p, i) => p || i === next?.i);
};

export const SUPPRESSING: Disclosure = {
  count: (n) => (isSmall(n) ? SUPPRESSED : String(n)),
  percent: (part, whole) => (isSmall(part) || isSmall(whole) ? SUPPRESSED : percentText(part, whole)),
  counts: (values) => {
    const hide = withheld(values);
    return values.map((v, i) => (hide[i] ? SUPPRESSED : String(v)));
  },
  suppressing: true,
};
