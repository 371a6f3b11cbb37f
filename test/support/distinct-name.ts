/**
 * A name of letters only, different for every number: 0 → "Aa", 25 → "Az", 26 → "Ba", ...
 *
 * Match keys keep only a name's letters (shared/contacts/matching.ts), so "Bench1" and "Bench2"
 * are the same child to the matcher: a burst named that way makes every contact match every
 * earlier one, and the work per contact grows with the run.
 */
export const distinctName = (n: number, prefix = ''): string => {
  let letters = '';
  let rest = n;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return `${prefix}${letters.padStart(2, 'a')}`.replace(/^./, (c) => c.toUpperCase());
};
