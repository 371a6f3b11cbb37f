import { contactStore } from '../lib/dependencies';
import { takeState } from './flash';
import { contactIdOf, consoleRoute, contactPage, message } from './lib';

const DONE: Record<string, string> = {
  decided: 'Decision recorded. The outcome is being sent to the referrer.',
  'sign-off': 'Decision recorded. A manager must sign it off before the outcome is sent.',
  agreed: 'Decision signed off. The outcome is being sent to the referrer.',
  returned: 'Decision returned to the worker.',
  saved: 'Saved.',
};

/**
 * GET /console/contacts/{id}: the whole contact; every view is recorded in its audit trail. After
 * an action it shows what the action left to say (done, or why it was refused).
 */
export const handler = consoleRoute('view', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  const contact = contactId && (await contactStore().get(contactId));
  if (!contact) return message(404, 'Contact not found', 'No contact has that reference.', user);
  await contactStore().appendEvent({
    contactId: contact.contactId,
    at: new Date().toISOString(),
    actor,
    action: 'Viewed',
  });
  const { state, clear } = takeState(event, contact.contactId);
  const response = await contactPage(contact, user, { done: DONE[event.queryStringParameters?.done ?? ''], ...state });
  return clear ? { ...response, cookies: [...(response.cookies ?? []), clear] } : response;
});
