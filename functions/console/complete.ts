import { newContactId } from '../../shared/contacts';
import { startCompleting } from '../../shared/console/incoming-email';
import { contactStore } from '../lib/dependencies';
import { logger } from '../lib/observability';
import { formFields, redirect } from '../lib/pages';
import { draftCookie, draftStore } from '../referrer/dependencies';
import { redirectWithState } from './flash';
import { consoleRoute, contactIdOf, contactPage, message, versionOf } from './lib';

/**
 * POST /console/contacts/{id}/complete: a worker completes a free-text email's notification in
 * the referrer's form. The draft (random id, so unguessable) fills in this contact when sent;
 * its cookie is scoped to the form's pages, where the worker is sent next.
 */
export const handler = consoleRoute('act', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  if (!contactId) return message(404, 'Contact not found', 'No contact has that reference.', user);
  const result = await startCompleting(
    { contactId, expectedVersion: versionOf(formFields(event)), actor, draftId: newContactId(), now: new Date() },
    { store: contactStore(), drafts: draftStore() },
  );
  switch (result.outcome) {
    case 'not-found':
      return message(404, 'Contact not found', 'No contact has that reference.', user);
    case 'refused': {
      const state = { errors: [{ text: result.reason, href: '#main-content' }] };
      return redirectWithState(event, contactId, state, () => contactPage(result.contact, user, state, 400));
    }
    case 'conflict': {
      const state = { conflict: result.reason };
      return redirectWithState(event, contactId, state, () => contactPage(result.contact, user, state, 409));
    }
    case 'started':
      logger.info('Completing an email notification', { contactId });
      return redirect('/notify/immediate-danger', [draftCookie(result.draftId)]);
  }
});
