import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isContactId, newContactId } from '../../shared/contacts';
import { isProfessionalAgencyType } from '../../shared/notification';
import { statusPageUrl } from '../../shared/mail/links';
import type { Draft } from '../../shared/referrer/draft';
import { submitDraft } from '../../shared/front-door/draft-submission';
import {
  LISTS,
  afterChange,
  allPages,
  answerPage,
  asksOneQuestion,
  findPage,
  isListName,
  itemStart,
  messageForPath,
  nextPage,
  pageForPath,
  previousPage,
  referrerInput,
  whatLeavesWith,
  withChildRemoved,
  type ListName,
} from '../../shared/referrer/journey';
import { config, contactStore, triageQueue } from '../lib/dependencies';
import { formHandler } from '../lib/form-handler';
import { logger } from '../lib/observability';
import { page, redirect } from '../lib/pages';
import { notificationLimit, refusedFor } from '../lib/rate-limit';
import { tooManyRequestsPage } from '../lib/too-many-requests';
import { DRAFT_COOKIE as COOKIE, draftCookie, draftStore } from './dependencies';
import {
  checkSections,
  controlsFor,
  errorSummary,
  itemName,
  listRows,
  valuesFromDraft,
  valuesFromForm,
} from './form-view';
import { cookie, formValues } from './request';

/**
 * GET and POST /notify/*: the "Tell us you are worried about a child" journey. Every answer is
 * saved to the draft as soon as a page is valid, so a reload or a lost connection loses nothing;
 * the draft's id lives in an HttpOnly cookie and is the submission's idempotency key.
 */
const common = () => ({
  areaName: config().AREA_NAME,
  dutyTeamPhone: config().DUTY_TEAM_PHONE,
  outOfHoursPhone: config().OUT_OF_HOURS_PHONE,
});

const emptyDraft = (now: string): Draft => ({ draftId: newContactId(), answers: {}, createdAt: now, updatedAt: now });

const loadDraft = async (event: APIGatewayProxyEventV2, now: Date): Promise<Draft | undefined> => {
  const id = cookie(event, COOKIE);
  return id && isContactId(id) ? draftStore().get(id, now) : undefined;
};

type ReturnTo = 'check' | undefined;
const href = (pageId: string, returnTo: ReturnTo) =>
  pageId ? `/notify/${pageId}${returnTo && pageId !== 'check' ? '?return=check' : ''}` : '/notify';
const backHref = (pageId: string, draft: Draft, returnTo: ReturnTo) =>
  href(previousPage(pageId, draft.answers, returnTo), returnTo);

const listPage = (list: ListName, draft: Draft, returnTo: ReturnTo, error?: string) =>
  page(
    'referrer/list.njk',
    {
      ...common(),
      title: LISTS[list].title,
      question: LISTS[list].question,
      returnTo,
      backHref: backHref(list, draft, returnTo),
      errorSummary: error ? [{ text: error, href: '#add' }] : undefined,
      rows: listRows(list, draft.answers, returnTo),
    },
    error ? 400 : 200,
  );

/** GET and POST /notify/{list}/{index}/remove: the add another pattern's remove, confirmed first. */
const removePage = async (
  list: ListName,
  index: number,
  draft: Draft,
  method: string,
  event: APIGatewayProxyEventV2,
  returnTo: ReturnTo,
) => {
  const item = draft.answers[list]?.[index];
  if (!item) return redirect(href(list, returnTo));
  const name = itemName(list, item);
  const view = (error?: string) =>
    page(
      'referrer/remove.njk',
      {
        ...common(),
        name,
        // Removing a child takes their own answers with them: the page says which, before it is done.
        leaving: list === 'children' ? whatLeavesWith(draft.answers, index) : undefined,
        returnTo,
        backHref: href(list, returnTo),
        errorSummary: error ? [{ text: error, href: '#remove' }] : undefined,
      },
      error ? 400 : 200,
    );
  if (method !== 'POST') return view();
  const answer = formValues(event).remove?.[0];
  if (answer !== 'yes' && answer !== 'no') return view(`Select yes if you want to remove ${name}`);
  if (answer === 'yes') {
    const answers =
      list === 'children'
        ? withChildRemoved(draft.answers, index)
        : { ...draft.answers, [list]: draft.answers[list]!.filter((_, i) => i !== index) };
    await draftStore().put({ ...draft, answers, updatedAt: new Date().toISOString() });
  }
  return redirect(href(list, returnTo));
};

const checkPage = (draft: Draft, errors?: { path: string; message: string }[]) => {
  const pages = allPages(draft.answers);
  return page(
    'referrer/check.njk',
    {
      ...common(),
      sections: checkSections(draft.answers),
      backHref: backHref('check', draft, undefined),
      errorSummary: errors?.map((e) => ({
        text: messageForPath(e, pages),
        href: href(pageForPath(e.path, draft.answers), 'check'),
      })),
    },
    errors ? 400 : 200,
  );
};

const questionView = (pageId: string, draft: Draft, returnTo: ReturnTo) => ({
  ...common(),
  returnTo,
  backHref: backHref(pageId, draft, returnTo),
});

const show = async (event: APIGatewayProxyEventV2, pageId: string): Promise<APIGatewayProxyStructuredResultV2> => {
  const now = new Date();
  const stored = await loadDraft(event, now);
  if (pageId === 'confirmation') {
    if (!stored?.submitted) return redirect('/notify');
    return page('referrer/confirmation.njk', {
      ...common(),
      reference: stored.submitted.reference,
      immediateDanger: stored.answers.immediateDanger,
      emailed: Boolean(stored.answers.referrer?.email) && stored.answers.referrerKind !== 'anonymous',
      professional: isProfessionalAgencyType(referrerInput(stored.answers).agencyType as string | undefined),
      statusHref: statusPageUrl(stored.submitted, config()),
    });
  }
  if (pageId === 'new') return redirect('/notify/immediate-danger', [`${COOKIE}=; Path=/notify; Max-Age=0`]);
  // After sending, starting again begins a new draft rather than showing the sent one.
  if (pageId === '')
    return page('referrer/start.njk', { ...common(), startHref: stored?.submitted ? '/notify/new' : undefined });
  // A sent notification is finished with: going back to its pages (the browser's Back) shows
  // that it was sent, never an empty form that looks as if it could be sent again.
  if (stored?.submitted) return redirect('/notify/confirmation');
  const draft = stored ?? emptyDraft(now.toISOString());
  const returnTo: ReturnTo = event.queryStringParameters?.return === 'check' ? 'check' : undefined;
  if (pageId === 'call-now') {
    const next = returnTo ? afterChange('call-now', draft.answers, now) : nextPage('call-now', draft.answers);
    return page('referrer/call-now.njk', {
      ...questionView(pageId, draft, returnTo),
      continueHref: href(next, returnTo),
    });
  }
  if (pageId === 'check') return checkPage(draft);
  if (isListName(pageId)) return listPage(pageId, draft, returnTo);
  const remove = /^(\w+)\/(\d{1,2})\/remove$/.exec(pageId);
  if (remove && isListName(remove[1]!)) return removePage(remove[1], Number(remove[2]), draft, 'GET', event, returnTo);
  const question = findPage(pageId, draft.answers);
  if (!question) return page('referrer/not-found.njk', common(), 404);
  const index = question.list ? Number(pageId.split('/')[1]) : 0;
  return page('referrer/question.njk', {
    ...questionView(pageId, draft, returnTo),
    page: question,
    singleQuestion: asksOneQuestion(question),
    controls: controlsFor(question, valuesFromDraft(question, draft.answers, index), {}),
  });
};

const answer = async (event: APIGatewayProxyEventV2, pageId: string): Promise<APIGatewayProxyStructuredResultV2> => {
  const now = new Date();
  const stored = await loadDraft(event, now);
  if (stored?.submitted) return redirect('/notify/confirmation');
  const draft = stored ?? emptyDraft(now.toISOString());
  const cookies = stored?.draftId === draft.draftId ? undefined : [draftCookie(draft.draftId)];
  const form = formValues(event);
  const returnTo: ReturnTo = form.return?.[0] === 'check' ? 'check' : undefined;
  const save = (answers: Draft['answers']) => draftStore().put({ ...draft, answers, updatedAt: now.toISOString() });

  if (pageId === 'check') {
    // Sending counts against the same per-address limit as the API's; the answers stay in the draft.
    const retryAfter = await refusedFor(event, notificationLimit());
    if (retryAfter !== undefined) return tooManyRequestsPage(retryAfter, common());
    const result = await submitDraft(draft, now, {
      store: contactStore(),
      triageQueue: triageQueue(),
      drafts: draftStore(),
    });
    if (result.outcome === 'invalid') {
      logger.info('Web notification not yet complete', { fieldErrors: result.errors.length });
      return checkPage(draft, result.errors);
    }
    logger.info('Web notification sent', { contactId: result.contact.contactId });
    return redirect('/notify/confirmation', cookies);
  }

  const remove = /^(\w+)\/(\d{1,2})\/remove$/.exec(pageId);
  if (remove && isListName(remove[1]!)) return removePage(remove[1], Number(remove[2]), draft, 'POST', event, returnTo);

  if (isListName(pageId)) {
    const add = form.add?.[0];
    if (add !== 'yes' && add !== 'no')
      return listPage(
        pageId,
        draft,
        returnTo,
        LISTS[pageId].required
          ? 'Select yes if you need to tell us about another child'
          : `Select yes if you need to add a ${LISTS[pageId].noun}`,
      );
    if (add === 'yes') return redirect(href(itemStart(pageId, draft.answers[pageId]?.length ?? 0), returnTo), cookies);
    if (LISTS[pageId].required && !draft.answers[pageId]?.length)
      return redirect(href(LISTS[pageId].first, returnTo), cookies);
    const answers = { ...draft.answers, listsDone: { ...draft.answers.listsDone, [pageId]: true } };
    await save(answers);
    return redirect(href(returnTo ? afterChange(pageId, answers, now) : nextPage(pageId, answers), returnTo), cookies);
  }

  const question = findPage(pageId, draft.answers);
  if (!question) return page('referrer/not-found.njk', common(), 404);
  const result = answerPage(question, draft.answers, form, now);
  if (Object.keys(result.errors).length) {
    return page(
      'referrer/question.njk',
      {
        ...questionView(pageId, draft, returnTo),
        page: question,
        singleQuestion: asksOneQuestion(question),
        errorSummary: errorSummary(question, result.errors),
        controls: controlsFor(question, valuesFromForm(question, form), result.errors),
      },
      400,
    );
  }
  await save(result.answers);
  // After a change from check your answers, go back there unless the change needs another answer first.
  const target = returnTo ? afterChange(pageId, result.answers, now) : nextPage(pageId, result.answers);
  return redirect(href(target, returnTo), cookies);
};

export const handler = formHandler(
  async (event: APIGatewayProxyEventV2) => {
    const pageId = (event.pathParameters?.proxy ?? '').replace(/\/$/, '');
    return event.requestContext.http.method === 'POST' ? answer(event, pageId) : show(event, pageId);
  },
  { forms: 'public' },
);
