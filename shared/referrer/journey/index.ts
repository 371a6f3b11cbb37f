/**
 * The "Tell us you are worried about a child" journey: its pages (pages.ts, concern-areas.ts),
 * how answers map to the notification and are checked (answers.ts, dates.ts), and the order of
 * the pages (navigation.ts).
 */
export * from './types';
export {
  CONCERN_AREAS,
  SOMETHING_ELSE,
  childrenOf,
  chosenIndicators,
  screeningAsked,
  whichChildAsked,
  specificText,
  suggestedFactors,
} from './concern-areas';
export { LISTS, REFERRER_KINDS, allPages, asksOneQuestion, findPage, isListName, itemIndex, itemStart } from './pages';
export {
  answerAt,
  answerPage,
  displayValue,
  messageForPath,
  midSentence,
  notificationInput,
  pageErrors,
  referrerInput,
  resolve,
} from './answers';
export { screeningFitted, whatLeavesWith, withChildRemoved } from './children-changes';
export { afterChange, journeyPath, nextPage, pageForPath, previousPage } from './navigation';
