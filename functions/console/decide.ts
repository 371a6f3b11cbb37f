import { awaitsWorkerDecision, hasNotification, type NotifiedContact } from '../../shared/contacts';
import { decisionFields } from '../../shared/console/actions';
import { recordDecision } from '../../shared/front-door/decisions';
import { recommendedFor, ROUTES, type ChildRecommendation } from '../../shared/triage/types';
import { config, contactStore, outcomeQueue } from '../lib/dependencies';
import { formFields, page, redirect } from '../lib/pages';
import { logger } from '../lib/observability';
import { redirectWithState } from './flash';
import { baseContext, consoleRoute, contactIdOf, contactPage, message, versionOf } from './lib';
import { decisionOptions } from '../../shared/console/contact-view';
import { childNameOf } from '../../shared/notification';
import type { StaffUser } from '../../shared/auth/roles';

type Values = { route?: string; level?: string; primaryNeed?: string; rationale?: string; overrideReason?: string };
type PageError = { text: string; href: string };

/**
 * A worker decides each child (the default when a notification is about several children: each
 * child is assessed as an individual), or records the same decision for all of them in one go.
 * Each child's fields carry the child's index in their names (`route-1`); the one decision for
 * all uses the plain names.
 */
type Mode = 'each' | 'all';
const FIELDS = ['route', 'level', 'primaryNeed', 'rationale', 'overrideReason'] as const;

const valuesFrom = (fields: Record<string, string>, suffix = ''): Values =>
  Object.fromEntries(FIELDS.map((f) => [f, fields[`${f}${suffix}`]])) as Values;

/**
 * The form starts from the recommended level and route, but the rationale starts blank: inspectors
 * criticised weakly recorded rationale, and a rationale filled in with the engine's reasons could be
 * recorded by pressing the button. The reasons are shown beside the field to draw on instead.
 */
const prefilled = (recommended: Pick<ChildRecommendation, 'route' | 'level'> | undefined): Values => ({
  route: recommended?.route,
  level: recommended && String(recommended.level),
});

const reasonsOf = (r: Pick<ChildRecommendation, 'reasons'> | undefined) =>
  r?.reasons.map((reason) => reason.text) ?? [];

const recommendedText = (r: Pick<ChildRecommendation, 'level' | 'route' | 'priority'> | undefined) =>
  r && `Recommended: level ${r.level}, ${ROUTES[r.route]}, ${r.priority} priority.`;

const decidePage = (
  contact: NotifiedContact,
  user: StaffUser,
  mode: Mode,
  values: { all: Values; each: Values[] },
  errors?: PageError[],
) => {
  const r = contact.recommendation;
  const errorFor = (field: string) => errors?.find((e) => e.href === `#${field}`)?.text;
  const fieldsFor = (v: Values, suffix: string, reasons: string[]) => ({
    suffix,
    values: v,
    reasons,
    errors: Object.fromEntries(FIELDS.map((f) => [f, errorFor(`${f}${suffix}`)])),
    ...decisionOptions(v),
  });
  const names = contact.notification.children.map((_, i) => childNameOf(contact, i));
  return page(
    'console/decide.njk',
    {
      ...baseContext(user),
      contact,
      errors,
      mode,
      several: names.length > 1,
      ruleset: r && `${r.ruleset.id} ${r.ruleset.version}`,
      recommendedAll:
        r &&
        (names.length > 1
          ? names.map((name, i) => `${name}: ${recommendedText(recommendedFor(r, i))}`)
          : [recommendedText(r.children[0])]),
      // One decision for all draws on every reason, as its headline recommendation does.
      all: fieldsFor(values.all, '', reasonsOf(r)),
      each: names.map((name, i) => ({
        name,
        recommended: recommendedText(recommendedFor(r, i)),
        ...fieldsFor(values.each[i] ?? {}, `-${i}`, reasonsOf(recommendedFor(r, i))),
      })),
    },
    errors ? 400 : 200,
  );
};

const prefilledValues = (contact: NotifiedContact) => ({
  // One decision for all starts from the headline: the most intrusive child's route, every reason.
  all: prefilled(contact.recommendation),
  each: contact.notification.children.map((_, i) => prefilled(recommendedFor(contact.recommendation, i))),
});

/** `children.1.route` from the use case is the field `route-1` on the page. */
const hrefFor = (path: string, mode: Mode): string => {
  const child = /^children\.(\d+)\.(\w+)$/.exec(path);
  if (child) return `#${child[2]}-${child[1]}`;
  return mode === 'each' && path === 'children' ? '#route-0' : `#${path}`;
};

/** GET and POST /console/contacts/{id}/decide: the decision form, per child or for all, with an error summary. */
export const handler = consoleRoute('act', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  const contact = contactId && (await contactStore().get(contactId));
  if (!contact) return message(404, 'Contact not found', 'No contact has that reference.', user);
  // A free-text email is completed into a notification before anyone can decide it.
  if (!hasNotification(contact))
    return contactPage(contact, user, { conflict: 'This contact cannot be decided now.' }, 409);
  const several = contact.notification.children.length > 1;
  if (event.requestContext.http.method === 'GET') {
    if (!awaitsWorkerDecision(contact.status))
      return contactPage(contact, user, { conflict: 'This contact cannot be decided now.' }, 409);
    const mode: Mode = several && event.queryStringParameters?.for !== 'all' ? 'each' : 'all';
    return decidePage(contact, user, mode, prefilledValues(contact));
  }

  const fields = formFields(event);
  const mode: Mode = several && fields.for === 'each' ? 'each' : 'all';
  const values = {
    all: valuesFrom(fields),
    each: contact.notification.children.map((_, i) => valuesFrom(fields, `-${i}`)),
  };
  const body =
    mode === 'all'
      ? decisionFields(values.all)
      : { children: values.each.map((v, childIndex) => ({ childIndex, ...decisionFields(v) })) };

  const toError = (e: { path: string; message: string }) => ({ text: e.message, href: hrefFor(e.path, mode) });
  const result = await recordDecision(
    {
      contactId: contact.contactId,
      body,
      decidedBy: user.id,
      now: new Date(),
      expectedVersion: versionOf(fields),
      actor,
      signOffRoutes: config().SIGN_OFF_ROUTES,
    },
    { store: contactStore(), outcomeQueue: outcomeQueue() },
  );
  if (result.outcome === 'invalid') return decidePage(contact, user, mode, values, result.errors.map(toError));
  if (result.outcome === 'not-found') return message(404, 'Contact not found', 'No contact has that reference.', user);
  if (result.outcome === 'conflict') {
    // Someone else decided first: back to the contact's own address, saying so (post/redirect/get).
    const state = { conflict: result.reason };
    return redirectWithState(event, contact.contactId, state, () => contactPage(result.contact, user, state, 409));
  }
  logger.info('Console decision', {
    contactId: contact.contactId,
    status: result.contact.status,
    children: result.contact.notification.children.length,
  });
  return redirect(`/console/contacts/${contact.contactId}?done=${result.signOff.length ? 'sign-off' : 'decided'}`);
});
