import { chosenIndicators, specificText } from './concern-areas';
import type { Answers } from './types';

/**
 * Answers about one child follow that child when the number of children changes, rather than
 * being dropped without a word (a browser walkthrough found a CSE screening outcome lost when a
 * second child was added). GOV.UK's add another pattern: what still fits is kept, and what
 * removing a child takes with it is said on the page that asks to confirm the removal.
 */

type Screening = Record<string, unknown>;
const CHILD_SCREENING = ['cseRisk', 'missingEpisodes'] as const;

const given = (screening: Screening | undefined, keys: readonly string[]): Screening =>
  Object.fromEntries(Object.entries(screening ?? {}).filter(([k, v]) => keys.includes(k) && v !== undefined));

const householdOnly = (screening: Screening): Screening =>
  Object.fromEntries(Object.entries(screening).filter(([k]) => !CHILD_SCREENING.includes(k as never)));

const screeningOfChild = (child: Record<string, unknown> | undefined): Screening | undefined =>
  (child?.concerns as { screening?: Screening } | undefined)?.screening;

const withChildScreening = (child: Record<string, unknown>, screening: Screening | undefined) => {
  const { screening: _old, ...concerns } = (child.concerns as Record<string, unknown> | undefined) ?? {};
  const kept = screening && Object.keys(screening).length ? { ...concerns, screening } : concerns;
  const { concerns: _concerns, ...rest } = child;
  return Object.keys(kept).length ? { ...rest, concerns: kept } : rest;
};

/**
 * The screening page asks an only child's CSE outcome and missing count as the notification's,
 * and with several children each child's own (pages.ts). When a second child is added, the only
 * child's results become the first child's own; when one child is left, that child's own become
 * the notification's again. A child's own answer wins over a stale one in the other place.
 */
export const screeningFitted = (answers: Answers): Answers => {
  const children = answers.children ?? [];
  const household = (answers.concerns?.screening as Screening | undefined) ?? {};
  if (children.length > 1) {
    const fromHousehold = given(household, CHILD_SCREENING);
    if (!Object.keys(fromHousehold).length) return answers;
    const first = { ...fromHousehold, ...given(screeningOfChild(children[0]), CHILD_SCREENING) };
    return {
      ...answers,
      children: [withChildScreening(children[0]!, first), ...children.slice(1)],
      concerns: { ...answers.concerns, screening: householdOnly(household) },
    };
  }
  const own = given(screeningOfChild(children[0]), CHILD_SCREENING);
  if (!children[0] || !Object.keys(own).length) return answers;
  return {
    ...answers,
    children: [withChildScreening(children[0], undefined)],
    concerns: { ...answers.concerns, screening: { ...household, ...own } },
  };
};

/**
 * The answers without one child: which child each worry is about follows the children who stay
 * (their places in the list move up), and a worry about the removed child alone is then about
 * every child, as the remove page warns (whatLeavesWith).
 */
export const withChildRemoved = (answers: Answers, index: number): Answers => {
  const children = (answers.children ?? []).filter((_, i) => i !== index);
  const concernsAbout =
    answers.concernsAbout &&
    Object.fromEntries(
      Object.entries(answers.concernsAbout)
        .map(([id, ticked]) => [
          id,
          ticked
            .map(Number)
            .filter((i) => i !== index)
            .map((i) => String(i > index ? i - 1 : i)),
        ])
        .filter(([, ticked]) => ticked.length > 0),
    );
  // An only child's results are the notification's: they leave with the child.
  const concerns =
    children.length === 0 && answers.concerns?.screening
      ? { ...answers.concerns, screening: householdOnly(answers.concerns.screening as Screening) }
      : answers.concerns;
  return screeningFitted({ ...answers, children, concernsAbout, concerns });
};

/**
 * What removing a child takes with it besides their details, in the referrer's words: their own
 * risk assessment results, and the worries said to be about them alone (which would then be
 * about every child).
 */
export const whatLeavesWith = (answers: Answers, index: number): { screening: boolean; worries: string[] } => {
  const several = (answers.children?.length ?? 0) > 1;
  const own = several
    ? given(screeningOfChild(answers.children?.[index]), CHILD_SCREENING)
    : given(answers.concerns?.screening as Screening | undefined, CHILD_SCREENING);
  const chosen = new Set(chosenIndicators(answers));
  const worries = Object.entries(answers.concernsAbout ?? {})
    .filter(([id, ticked]) => chosen.has(id) && ticked.length > 0 && ticked.every((i) => Number(i) === index))
    .map(([id]) => specificText(id) ?? id);
  return { screening: Object.keys(own).length > 0, worries };
};
