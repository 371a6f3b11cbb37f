import { chosenAreas, screeningAsked, whichChildAsked } from './concern-areas';
import { pageErrors } from './answers';
import { ITEM_PAGES, LISTS, allPages, findPage, isListName } from './pages';
import type { Answers, ListName } from './types';

/**
 * Which page comes when. The journey is one ordered path worked out from the answers so far, so
 * going on, going back and returning to check your answers all agree on it.
 */

const LIST_ORDER: ListName[] = ['children', 'parentsAndCarers', 'householdMembers', 'otherProfessionals'];

/** Every page the referrer passes through, in order, given the answers so far. */
export const journeyPath = (answers: Answers): string[] => {
  const lists = LIST_ORDER.flatMap((list) => {
    const count = answers[list]?.length ?? (LISTS[list].required ? 1 : 0);
    const items = Array.from({ length: count }, (_, i) => ITEM_PAGES[list](i).map((p) => p.id)).flat();
    return [...items, list];
  });
  return [
    'immediate-danger',
    ...(answers.immediateDanger ? ['call-now'] : []),
    'who-are-you',
    'about-you',
    ...lists,
    'concerns',
    ...chosenAreas(answers).map((a) => `concerns/${a.id}`),
    ...(whichChildAsked(answers) ? ['which-child'] : []),
    ...(screeningAsked(answers) ? ['screening'] : []),
    'what-happened',
    'about-an-adult',
    'child-views',
    'expectation',
    'consent',
    'check',
  ];
};

const listOf = (pageId: string): ListName | undefined => {
  const head = pageId.split('/')[0]!;
  return isListName(head) ? head : undefined;
};

/** The page after this one, going forward through the journey. */
export const nextPage = (pageId: string, answers: Answers): string => {
  const path = journeyPath(answers);
  const at = path.indexOf(pageId);
  if (at >= 0) return path[at + 1] ?? 'check';
  const list = listOf(pageId);
  return list ?? 'check';
};

/** Where the Back link goes: the page before this one, or check your answers when changing an answer. */
export const previousPage = (pageId: string, answers: Answers, returnTo?: 'check'): string => {
  if (returnTo || pageId === 'categories') return 'check';
  const path = journeyPath(answers);
  const at = path.indexOf(pageId);
  if (at > 0) return path[at - 1]!;
  if (at === 0) return '';
  // A new item not yet in the list goes back to the list's summary.
  return listOf(pageId) ?? '';
};

const complete = (pageId: string, answers: Answers, now: Date): boolean => {
  if (pageId === 'check') return false;
  const list = isListName(pageId) ? pageId : undefined;
  if (list) return Boolean(answers.listsDone?.[list]) || (LISTS[list].required && Boolean(answers[list]?.length));
  const page = findPage(pageId, answers);
  return !page || !Object.keys(pageErrors(page, answers, now)).length;
};

/**
 * After an answer changed from check your answers: back there, unless the change needs another
 * answer first (a newly chosen area of concern, the call-now advice after "yes, in immediate
 * danger"); then on to the next page still needing one.
 */
export const afterChange = (pageId: string, answers: Answers, now: Date): string => {
  const path = journeyPath(answers);
  const rest = path.slice(path.indexOf(pageId) + 1);
  if (pageId === 'immediate-danger' && rest[0] === 'call-now') return 'call-now';
  if (pageId === 'categories' || !path.includes(pageId)) return 'check';
  return rest.find((id) => id !== 'call-now' && !complete(id, answers, now)) ?? 'check';
};

/** The page where an error in the whole notification (a dotted path) can be put right. */
export const pageForPath = (path: string, answers: Answers): string => {
  const [head, second] = path.split('.');
  // A child's screening results are asked on the screening page, beside the household's.
  if (/^children\.\d+\.concerns\.screening\./.test(path)) return 'screening';
  if (isListName(head!)) {
    if (second === undefined || !/^\d+$/.test(second)) return head!;
    const index = Number(second);
    const field = path.split('.').slice(2).join('.');
    const page = ITEM_PAGES[head](index).find((p) => p.fields.some((f) => field.startsWith(f.path.split('.#.')[1]!)));
    return page?.id ?? ITEM_PAGES[head](index)[0]!.id;
  }
  if (path === 'concerns.factors' || path.startsWith('concerns.indicators')) return 'concerns';
  const page = allPages(answers).find((p) =>
    p.fields.some((f) => path === f.path || path.startsWith(`${f.path}.`) || f.path.startsWith(`${path}.`)),
  );
  return page?.id ?? 'check';
};
