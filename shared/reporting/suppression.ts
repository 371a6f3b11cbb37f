import { percentage, type MonthFigures } from './measures';

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

export const SUPPRESSION_NOTE = `c: withheld. Every number from 1 to ${SUPPRESSION_MAX} is withheld so that no child, family or person can be picked out (the Department for Education’s rule for its children in need statistics); a percentage is withheld when the number it counts, or the number it is of, is withheld. Where a withheld number could be worked out from the others (from a list’s other members, from a total over the months, or from a whole and its other parts, as 47 of 50 would say 3 were not), the next smallest member, the total, or the part is withheld too.`;

export const isSmall = (n: number): boolean => n >= 1 && n <= SUPPRESSION_MAX;

/** How figures are written: exactly (inside the council), or with small numbers withheld (published). */
export interface Disclosure {
  count(n: number): string;
  /** "96.7%", "none" when there is nothing to divide by, or the suppression symbol. */
  percent(part: number, whole: number): string;
  /** The same for a list whose members add up to a figure shown elsewhere: small ones and, if one alone, the next smallest. */
  counts(values: readonly number[]): string[];
  /** A month's (or a range's) figures to withhold (withheldFigures); none when exact. */
  withheldOf(figures: MonthFigures): ReadonlySet<keyof MonthFigures>;
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
  withheldOf: () => new Set(),
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

/**
 * A month's figures that are parts of another figure shown beside them (in the same row, or the
 * same month's row of another table): the whole, and its parts, which never overlap. Given the
 * whole and every part, what is left of the whole is worked out by subtraction.
 */
const PARTS_OF: readonly [keyof MonthFigures, (keyof MonthFigures)[]][] = [
  ['decidedChildren', ['referrals', 'earlyHelp']],
  ['children', ['reContacts']],
  ['referrals', ['reReferrals']],
  ['decidedContacts', ['withinOneWorkingDay']],
  ['redDecided', ['redWithinHours']],
  ['partnerRequests', ['partnerRequestsAnsweredWithin48h']],
  ['reconsiderationsRequested', ['reconsiderationsChanged']],
  ['ladoAllegations', ['ladoOnly']],
  ['ladoReceived', ['ladoConsidered']],
  ['ladoReceived', ['ladoMeetings']],
  ['ladoReceived', ['ladoConcluded']],
  ['ladoReceived', ['ladoRepeats']],
  ['ladoConsidered', ['ladoConsideredWithinOneWorkingDay']],
  ['ladoMeetings', ['ladoMeetingsInTime']],
  ['ladoConcluded', ['ladoResolvedWithinThreeMonths']],
  ['ladoResolvedWithinThreeMonths', ['ladoResolvedWithinOneMonth']],
];

/**
 * Which of a month's figures to withhold: every small one (primary suppression), and, where a
 * whole and all its parts would be shown while what is left of the whole is small (47 of 50
 * decided in a day says 3 were not), the smallest part too (secondary suppression, as the
 * DfE and ONS do it: no withheld number may be worked out by subtraction). A withheld figure is
 * withheld in every table it appears in, so the checks run again until nothing more is withheld.
 */
export const withheldFigures = (figures: MonthFigures): Set<keyof MonthFigures> => {
  const hidden = new Set((Object.keys(figures) as (keyof MonthFigures)[]).filter((key) => isSmall(figures[key])));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [whole, parts] of PARTS_OF) {
      if (hidden.has(whole) || parts.some((part) => hidden.has(part))) continue;
      const rest = figures[whole] - parts.reduce((sum, part) => sum + figures[part], 0);
      if (!isSmall(rest)) continue;
      const smallest = parts.filter((part) => figures[part] > 0).sort((a, b) => figures[a] - figures[b])[0];
      if (smallest) {
        hidden.add(smallest);
        changed = true;
      }
    }
  }
  return hidden;
};

export const SUPPRESSING: Disclosure = {
  count: (n) => (isSmall(n) ? SUPPRESSED : String(n)),
  percent: (part, whole) => (isSmall(part) || isSmall(whole) ? SUPPRESSED : percentText(part, whole)),
  counts: (values) => {
    const hide = withheld(values);
    return values.map((v, i) => (hide[i] ? SUPPRESSED : String(v)));
  },
  withheldOf: withheldFigures,
  suppressing: true,
};
