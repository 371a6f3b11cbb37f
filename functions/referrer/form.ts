import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isContactId, newContactId } from '../../shared/contacts';
import { statusPageUrl } from '../../shared/mail/messages';
import { submitDraft, type Draft } from '../../shared/referrer/drafts';
import { LISTS, answerPage, findPage, isListName, listTitle, nextPage, pageForPath, type ListName } from '../../shared/referrer/journey';
import { config, contactStore, triageQueue } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger } from '../lib/observability';
import { page, redirect } from '../lib/pages';
import { DRAFT_COOKIE as COOKIE, draftCookie, draftStore } from './dependencies';
import { checkSections, controlsFor, errorSummary, valuesFromDraft, valuesFromForm } from './form-view';
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

const loadDraft = async (event: APIGatewayProxyEventV2): Promise<Draft | undefined> => {
  const id = cookie(event, COOKIE);
  return id && isContactId(id) ? draftStore().get(id) : undefined;
};

const listPage = (list: ListName, draft: Draft, returnTo: string | undefined, error?: string) => {
  const items = draft.answers[list] ?? [];
  const describe = (item: Record<string, unknown>) =>
    list === 'children' ? `${item.firstName ?? ''} ${item.lastName ?? ''}`.trim() : String(item.name ?? '');
  return page(
    'referrer/list.njk',
    {
      ...common(),
      title: listTitle(list),
      question: LISTS[list].question,
      returnTo,
      errorSummary: error ? [{ text: error, href: '#add' }] : undefined,
      rows: items.map((item, i) => ({
        key: { text: `${LISTS[list].noun[0]!.toUpperCase()}${LISTS[list].noun.slice(1)} ${i + 1}` },
        value: { text: describe(item) || 'No name given' },
        actions: { items: [{ href: `/notify/${LISTS[list].first.replace('0', String(i))}`, text: 'Change', visuallyHiddenText: describe(item) }] },
      })),
    },
    error ? 400 : 200,
  );
};

const checkPage = (draft: Draft, errors?: { path: string; message: string }[]) =>
  page(
    'referrer/check.njk',
    {
      ...common(),
      sections: checkSections(draft.answers),
      errorSummary: errors?.map((e) => ({ text: e.message, href: `/notify/${pageForPath(e.path)}?return=check` })),
    },
    errors ? 400 : 200,
  );

const show = async (event: APIGatewayProxyEventV2, pageId: string): Promise<APIGatewayProxyStructuredResultV2> => {
  const stored = await loadDraft(event);
  if (pageId === 'confirmation') {
    if (!stored?.submitted) return redirect('/notify');
    return page('referrer/confirmation.njk', {
      ...common(),
      reference: stored.submitted.reference,
      immediateDanger: stored.answers.immediateDanger,
      statusHref: statusPageUrl(stored.submitted.contactId, config()),
    });
  }
  if (pageId === 'new') return redirect('/notify/immediate-danger', [`${COOKIE}=; Path=/notify; Max-Age=0`]);
  // A sent draft is finished with: the same browser starts afresh.
  const draft = stored && !stored.submitted ? stored : emptyDraft(new Date().toISOString());
  const returnTo = event.queryStringParameters?.return === 'check' ? 'check' : undefined;
  if (pageId === '') return page('referrer/start.njk', common());
  if (pageId === 'call-now') return page('referrer/call-now.njk', common());
  if (pageId === 'check') return checkPage(draft);
  if (isListName(pageId)) return listPage(pageId, draft, returnTo);
  const question = findPage(pageId, draft.answers);
  if (!question) return page('referrer/not-found.njk', common(), 404);
  const index = question.list ? Number(pageId.split('/')[1]) : 0;
  return page('referrer/question.njk', {
    ...common(),
    page: question,
    singleQuestion: question.fields.length === 1,
    returnTo,
    controls: controlsFor(question, valuesFromDraft(question, draft.answers, index), {}),
  });
};

const answer = async (event: APIGatewayProxyEventV2, pageId: string): Promise<APIGatewayProxyStructuredResultV2> => {
  const now = new Date();
  const stored = await loadDraft(event);
  const draft = stored && !stored.submitted ? stored : emptyDraft(now.toISOString());
  const cookies = stored?.draftId === draft.draftId ? undefined : [draftCookie(draft.draftId)];
  const form = formValues(event);
  const returnTo = form.return?.[0] === 'check' ? 'check' : undefined;
  const save = (answers: Draft['answers']) => draftStore().put({ ...draft, answers, updatedAt: now.toISOString() });

  if (pageId === 'check') {
    if (stored?.submitted) return redirect('/notify/confirmation');
    const result = await submitDraft(draft, now, { store: contactStore(), triageQueue: triageQueue(), drafts: draftStore() });
    if (result.outcome === 'invalid') {
      logger.info('Web notification not yet complete', { fieldErrors: result.errors.length });
      return checkPage(draft, result.errors);
    }
    logger.info('Web notification sent', { contactId: result.contact.contactId });
    return redirect('/notify/confirmation', cookies);
  }

  if (isListName(pageId)) {
    const add = form.add?.[0];
    if (add !== 'yes' && add !== 'no') return listPage(pageId, draft, returnTo, 'Select yes if you need to add another');
    if (add === 'yes') return redirect(`/notify/${LISTS[pageId].first.replace('0', String(draft.answers[pageId]?.length ?? 0))}`, cookies);
    if (LISTS[pageId].required && !draft.answers[pageId]?.length) return redirect(`/notify/${LISTS[pageId].first}`, cookies);
    await save({ ...draft.answers, listsDone: { ...draft.answers.listsDone, [pageId]: true } });
    return redirect(`/notify/${returnTo ?? nextPage(pageId, draft.answers)}`, cookies);
  }

  const question = findPage(pageId, draft.answers);
  if (!question) return page('referrer/not-found.njk', common(), 404);
  const result = answerPage(question, draft.answers, form);
  if (Object.keys(result.errors).length) {
    return page(
      'referrer/question.njk',
      {
        ...common(),
        page: question,
        singleQuestion: question.fields.length === 1,
        returnTo,
        errorSummary: errorSummary(question, result.errors),
        controls: controlsFor(question, valuesFromForm(question, form), result.errors),
      },
      400,
    );
  }
  await save(result.answers);
  const next = nextPage(pageId, result.answers);
  // After a change from check your answers, go back there, unless the change needs another page.
  const target = returnTo && !question.list && next !== 'call-now' ? 'check' : next;
  return redirect(`/notify/${target}${returnTo && target !== 'check' ? '?return=check' : ''}`, cookies);
};

export const handler = withObservability(async (event: APIGatewayProxyEventV2) => {
  const pageId = (event.pathParameters?.proxy ?? '').replace(/\/$/, '');
  return event.requestContext.http.method === 'POST' ? answer(event, pageId) : show(event, pageId);
});
