import { parse as parseYaml } from 'yaml';
import {
  newStatusToken,
  referenceFor,
  truncateUtf8,
  type IncomingEmail,
  type NeedsCompletingContact,
} from '../contacts';
import { claimKey, fingerprintOf } from '../front-door/idempotency';
import { parseEmail, type ParsedEmail } from './parse';
import { senderAuthentication, validAddress, type SenderVerdicts } from './sender';
import { acceptNotification } from '../front-door/intake';
import type { Contacts, IdempotencyKeys } from '../contacts/ports';
import type { Mailer } from '../mail/mailer';
import type { MessageQueue } from '../front-door/ports';
import { emailReceivedReply, emailRefusedReply } from '../mail/email-intake-replies';
import type { MailConfig } from '../mail/message';
import { parseNotification } from '../notification';

/**
 * An email to the front door's inbound address. A message following the published template (a
 * YAML block between the markers, or the form's JSON attached as notification.json) becomes a
 * notification; anything else readable becomes a contact that needs completing; an oversized,
 * malformed or unsupported message is refused with a reply saying why. Whatever happens, the
 * contact is one conditional write, so nothing is half-stored, and the raw message's key is its
 * idempotency key, so a redelivered message lands on the same contact.
 */
/** The text of a free-text email kept on its contact; all of it is in the raw message. */
export const EMAIL_TEXT_BYTES = 64 * 1024;

export const TEMPLATE_START = '--- BEGIN FRONT DOOR NOTIFICATION ---';
export const TEMPLATE_END = '--- END FRONT DOOR NOTIFICATION ---';

const ACCEPTED_ATTACHMENTS =
  /^(application\/(pdf|json|msword|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.text)|text\/plain|image\/(jpeg|png))$/;

export type ReceiveResult =
  | { outcome: 'accepted' | 'already-accepted'; contactId: string }
  | { outcome: 'needs-completing'; contactId: string }
  | { outcome: 'refused'; reason: string };

export interface ReceiveDeps {
  store: Contacts & IdempotencyKeys;
  triageQueue: MessageQueue;
  mailer: Mailer;
  config: MailConfig & { INBOUND_EMAIL_MAX_BYTES: number };
}

const structured = (mail: ParsedEmail): unknown | undefined => {
  const json = mail.attachments.find(
    (a) => a.filename?.toLowerCase() === 'notification.json' || a.contentType === 'application/json',
  );
  if (json) return JSON.parse(json.content.toString('utf8'));
  const text = mail.text ?? '';
  const start = text.indexOf(TEMPLATE_START);
  const end = text.indexOf(TEMPLATE_END);
  if (start < 0 || end < start) return undefined;
  return parseYaml(text.slice(start + TEMPLATE_START.length, end));
};

const refuse = async (
  messageId: string,
  to: string | undefined,
  reason: string,
  deps: ReceiveDeps,
): Promise<ReceiveResult> => {
  if (to) await deps.mailer.sendOnce(emailRefusedReply(messageId, to, reason, deps.config));
  return { outcome: 'refused', reason };
};

export const receiveEmail = async (
  raw: Buffer,
  source: { bucket: string; key: string; messageId: string; now: Date; verdicts?: SenderVerdicts },
  deps: ReceiveDeps,
): Promise<ReceiveResult> => {
  const sender = senderAuthentication(source.verdicts ?? {});
  // Replies go only to a plain valid address whose sender SES authenticated: never to markup,
  // and never to someone whose address was borrowed.
  const replyTo = (address: string | undefined) => (sender.authenticated ? validAddress(address) : undefined);
  const envelopeFrom = replyTo(
    /^From:\s*(?:.*<)?([^\s<>@]+@[^\s<>]+?)>?\s*$/im.exec(raw.subarray(0, 16384).toString('latin1'))?.[1],
  );
  if (raw.length > deps.config.INBOUND_EMAIL_MAX_BYTES) {
    const mb = Math.floor(deps.config.INBOUND_EMAIL_MAX_BYTES / 1024 / 1024);
    return refuse(
      source.messageId,
      envelopeFrom,
      `it is larger than ${mb} MB. Send large files separately, or describe them and we will ask for them.`,
      deps,
    );
  }
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch {
    return refuse(source.messageId, envelopeFrom, 'we could not read it as an email.', deps);
  }
  const from = validAddress(mail.from);
  if (!from || (!mail.text?.trim() && !mail.hasHtml && !mail.attachments.length)) {
    return refuse(
      source.messageId,
      replyTo(from) ?? envelopeFrom,
      'it has no valid sender address or no content we could read.',
      deps,
    );
  }
  const unsupported = mail.attachments.filter((a) => !ACCEPTED_ATTACHMENTS.test(a.contentType));
  if (unsupported.length) {
    return refuse(
      source.messageId,
      replyTo(from),
      `we cannot accept attachments of type ${[...new Set(unsupported.map((a) => a.contentType))].join(', ')}. Send PDF, Word, text or image files.`,
      deps,
    );
  }

  // SES's message id names one delivery, so a redelivered message finds its contact by it.
  const idempotencyKey = { scope: 'email', key: source.key };
  let templateErrors: IncomingEmail['templateErrors'];
  let body: unknown;
  try {
    body = structured(mail);
  } catch {
    templateErrors = [{ path: '(template)', message: 'The template block is not valid YAML or JSON' }];
  }
  if (body !== undefined) {
    const parsed = parseNotification(body);
    if (parsed.ok) {
      const result = await acceptNotification(
        { body, channel: 'email', idempotencyKey, now: source.now, senderAuthentication: sender },
        deps,
      );
      if (result.outcome === 'accepted' || result.outcome === 'already-accepted')
        return { outcome: result.outcome, contactId: result.contact.contactId };
      // Valid in shape but refused (a child's date, an unknown indicator): a worker completes it.
      if (result.outcome === 'invalid') templateErrors = result.errors;
    } else {
      templateErrors = parsed.errors;
    }
  }

  const claim = await claimKey({ key: idempotencyKey, fingerprint: fingerprintOf(source.key), now: source.now }, deps);
  // A message is only ever stored under its own id, so its key cannot have another body.
  if (claim.outcome === 'conflict') throw new Error('An inbound message id was claimed for another message');
  const { contactId } = claim;
  const at = source.now.toISOString();
  const incomplete: NeedsCompletingContact = {
    contactId,
    reference: referenceFor(contactId),
    status: 'needs-completing',
    channel: 'email',
    receivedAt: at,
    statusToken: newStatusToken(contactId),
    senderAuthentication: sender,
    updatedAt: at,
    incomingEmail: {
      from,
      // Bounded in UTF-8 bytes, as DynamoDB counts: the whole message stays in the inbound bucket
      // (S3), where a worker downloads it, so nothing cut here is lost.
      subject: truncateUtf8(mail.subject ?? '(no subject)', 1024),
      // An HTML-only body is converted to text; the HTML itself is never kept or shown.
      text: truncateUtf8(mail.text ?? '', EMAIL_TEXT_BYTES),
      attachments: mail.attachments.slice(0, 100).map((a) => ({
        filename: truncateUtf8(a.filename ?? 'attachment', 255),
        contentType: a.contentType,
        size: a.size,
      })),
      rawMessage: { bucket: source.bucket, key: source.key },
      templateErrors,
    },
  };
  // Stored without a notification until a worker completes it: the console reads incomingEmail.
  const created = await deps.store.create(incomplete);
  const reply = replyTo(from);
  if (created === 'created' && reply) await deps.mailer.sendOnce(emailReceivedReply(incomplete, reply, deps.config));
  return { outcome: 'needs-completing', contactId };
};
