import { ActionSchemas, isActionKind, MANAGER_ACTIONS, performAction } from '../../shared/console/actions';
import { can } from '../../shared/auth/roles';
import { signOffDecision } from '../../shared/front-door/decisions';
import { caseRegistry, config, contactStore, matchKey, outcomeQueue } from '../lib/dependencies';
import type { Contact } from '../../shared/contacts';
import { formFields, redirect } from '../lib/pages';
import { FORM_TOKEN_FIELD } from '../lib/web-security';
import { logger } from '../lib/observability';
import { redirectWithState } from './flash';
import { consoleRoute, contactIdOf, contactPage, message, versionOf } from './lib';
import type { ContactPageState } from '../../shared/console/contact-view';

/**
 * POST /console/contacts/{id}/{action}: claim, assign, escalate, link, partner requests,
 * reconsideration answers and manager sign-off. Each is a write at the version the user saw;
 * if someone else got there first, the user sees why and the contact as it now is. Whatever the
 * outcome, the browser is redirected to the contact's own address (post/redirect/get).
 */
/** What was typed, without the hidden fields the page writes again (the version, the form token). */
const keptValues = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'version' && name !== FORM_TOKEN_FIELD));

export const handler = consoleRoute('act', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  const action = event.pathParameters?.action ?? '';
  if (!contactId || !(action === 'sign-off' || isActionKind(action)))
    return message(404, 'Page not found', 'There is no such action.', user);
  if ((action === 'sign-off' || MANAGER_ACTIONS.includes(action as never)) && !can(user, 'manage')) {
    return message(403, 'You cannot do this', 'Only a manager can do this.', user);
  }
  const fields = formFields(event);
  const expectedVersion = versionOf(fields);
  const now = new Date();
  const back = (contact: Contact, state: ContactPageState, status: number) =>
    redirectWithState(event, contactId, state, () => contactPage(contact, user, state, status));

  if (action === 'sign-off') {
    const agree = fields.signOff === 'agree';
    const contact = await contactStore().get(contactId);
    if (!contact) return message(404, 'Contact not found', 'No contact has that reference.', user);
    if (fields.signOff !== 'agree' && fields.signOff !== 'return') {
      return back(contact, { errors: [{ text: 'Select yes if you agree with this decision', href: '#signOff' }] }, 400);
    }
    const result = await signOffDecision(
      { contactId, expectedVersion, agree, comment: fields.comment, by: actor, now },
      { store: contactStore(), outcomeQueue: outcomeQueue() },
    );
    switch (result.outcome) {
      case 'not-found':
        return message(404, 'Contact not found', 'No contact has that reference.', user);
      case 'refused':
        return back(
          contact,
          { errors: [{ text: result.reason, href: agree ? '#signOff' : '#comment' }] },
          agree ? 403 : 400,
        );
      case 'conflict':
        return back(result.contact, { conflict: result.reason }, 409);
      default:
        logger.info('Sign-off', { contactId, outcome: result.outcome });
        return redirect(`/console/contacts/${contactId}?done=${result.outcome}`);
    }
  }

  const result = await performAction(
    { contactId, kind: action as keyof typeof ActionSchemas, fields, expectedVersion, actor, now },
    {
      store: contactStore(),
      outcomeQueue: outcomeQueue(),
      cases: { registry: caseRegistry(), matchKey: await matchKey() },
      agencies: config().PARTNER_AGENCIES,
    },
  );
  switch (result.outcome) {
    case 'not-found':
      return message(404, 'Contact not found', 'No contact has that reference.', user);
    case 'invalid': {
      const contact = await contactStore().get(contactId);
      if (!contact) return message(404, 'Contact not found', 'No contact has that reference.', user);
      return back(
        contact,
        {
          errors: result.errors.map((e) => ({ text: e.message, href: `#${e.path}` })),
          kept: { action, values: keptValues(fields) },
        },
        400,
      );
    }
    case 'refused':
      return back(
        result.contact,
        { errors: [{ text: result.reason, href: '#main-content' }], kept: { action, values: keptValues(fields) } },
        400,
      );
    case 'conflict':
      return back(result.contact, { conflict: result.reason }, 409);
    case 'done':
      logger.info('Console action', { contactId, action });
      return redirect(`/console/contacts/${contactId}?done=saved`);
  }
});
