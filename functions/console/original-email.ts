import { rawMessageOf } from '../../shared/console/incoming-email';
import { INBOUND_PREFIX } from '../../shared/email-intake/inbound';
import { config, contactStore, rawMessages } from '../lib/dependencies';
import { consoleRoute, contactIdOf, message } from './lib';

/**
 * GET /console/contacts/{id}/original-email: the raw email as SES stored it, attachments and all,
 * for a worker to open in their mail program. Every download is in the contact's audit trail.
 */
export const handler = consoleRoute('view', async (event, user, actor) => {
  const contactId = contactIdOf(event);
  const contact = contactId && (await contactStore().get(contactId));
  const raw = contact && rawMessageOf(contact, config().INBOUND_EMAIL_BUCKET, INBOUND_PREFIX);
  if (!contact || !raw) return message(404, 'Email not found', 'This contact has no original email to download.', user);
  const body = await rawMessages()
    .get(raw.bucket, raw.key)
    .catch((error: Error) => {
      // Raw mail is kept only for the configured number of days; the contact outlives it.
      if (error.name === 'NoSuchKey') return undefined;
      throw error;
    });
  if (!body)
    return message(
      404,
      'Email no longer kept',
      'The original email has passed its retention period and has been deleted.',
      user,
    );
  await contactStore().appendEvent({
    contactId: contact.contactId,
    at: new Date().toISOString(),
    actor,
    action: 'Downloaded the original email',
  });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename="${contact.reference}.eml"`,
      'cache-control': 'no-store',
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
});
