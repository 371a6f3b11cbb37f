import { DecisionSchema, type Contact } from '../../shared/contacts';
import { decisionFields } from '../../shared/console/actions';
import { overridesRecommendation, signOffRoutesFrom } from '../../shared/console/sign-off';
import { recordDecision } from '../../shared/front-door/decisions';
import { fieldErrors } from '../../shared/notification';
import { ROUTES, type Route } from '../../shared/triage/types';
import { contactStore, outcomeQueue } from '../lib/dependencies';
import { formFields, page, redirect } from '../lib/pages';
import { logger } from '../lib/observability';
import { baseContext, consoleRoute, contactIdOf, contactPage, decisionOptions, message, versionOf } from './lib';
import type { StaffUser } from '../../shared/auth/roles';

type Values = { route?: string; level?: string; primaryNeed?: string; rationale?: string; overrideReason?: string };

const decidePage = (contact: Contact, user: StaffUser, values: Values, errors?: { text: string; href: string }[]) => {
  const r = contact.recommendation;
  return page(
    'console/decide.njk',
    {
      ...baseContext(user),
      contact,
      errors,
      values,
      recommended: r && { level: r.level, routeName: ROUTES[r.route], ruleset: `${r.ruleset.id} ${r.ruleset.version}` },
      ...decisionOptions(values),
    },
    errors ? 400 : 200,
  );
};

/** The form starts from the recommendation: the worker edits it rather than starting blank. */
const prefilled = (contact: Contact): Values => ({
  route: contact.recommendation?.route,
  level: contact.recommendation && String(contact.recommendation.level),
  rationale: contact.recommendation?.reasons.map((r) => r.text).join('\n'),
});

/** GET and POST /console/contacts/{id}/decide: the decision form, with an error summary. */
export const handler = consoleRoute('act', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  const contact = contactId && (await contactStore().get(contactId));
  if (!contact) return message(404, 'Contact not found', 'No contact has that reference.', user);
  if (event.requestContext.http.method === 'GET') {
    if (!['awaiting-decision', 'triage-failed'].includes(contact.status)) return contactPage(contact, user, { conflict: 'This contact cannot be decided now.' }, 409);
    return decidePage(contact, user, prefilled(contact));
  }

  const fields = formFields(event);
  const values: Values = { route: fields.route, level: fields.level, primaryNeed: fields.primaryNeed, rationale: fields.rationale, overrideReason: fields.overrideReason };
  const body = decisionFields(values);
  const overriding = body.route && body.level && overridesRecommendation({ route: body.route as Route, level: body.level as 1 }, contact.recommendation);
  const overrideError = overriding && !body.overrideReason ? [{ text: 'Say why you are choosing a different level or route from the recommendation', href: '#overrideReason' }] : [];

  const toError = (e: { path: string; message: string }) => ({ text: e.message, href: `#${e.path}` });
  if (overrideError.length) {
    // An override without a reason is refused before anything is written, with any other errors.
    const parsed = DecisionSchema.safeParse(body);
    return decidePage(contact, user, values, [...(parsed.success ? [] : fieldErrors(parsed.error).map(toError)), ...overrideError]);
  }
  const result = await recordDecision(
    { contactId: contact.contactId, body, decidedBy: user.id, now: new Date(), expectedVersion: versionOf(fields), actor, signOffRoutes: signOffRoutesFrom() },
    { store: contactStore(), outcomeQueue: outcomeQueue() },
  );
  if (result.outcome === 'invalid') return decidePage(contact, user, values, result.errors.map(toError));
  if (result.outcome === 'not-found') return message(404, 'Contact not found', 'No contact has that reference.', user);
  if (result.outcome === 'conflict') return contactPage(result.contact, user, { conflict: result.reason }, 409);
  logger.info('Console decision', { contactId: contact.contactId, status: result.contact.status });
  return redirect(`/console/contacts/${contact.contactId}?done=${result.signOff.length ? 'sign-off' : 'decided'}`);
});
