import * as z from 'zod';
import { ContactWrite, modifyContact, type Contact } from '../contacts';
import { VersionConflict, type Contacts } from '../contacts/ports';
import { CONTACT_ID_TAG } from '../mail/contact-id-tag';

/**
 * A bounce or complaint about an email the front door sent, as SES event publishing reports it
 * (the configuration set's event destination; SNS delivers it to the queue unwrapped). Only the
 * fields needed here are read: the contact-id tag and who could not be reached.
 */
const Recipients = z.array(z.object({ emailAddress: z.string() }));
export const DeliveryProblemEvent = z.discriminatedUnion('eventType', [
  z.object({
    eventType: z.literal('Bounce'),
    mail: z.object({ tags: z.record(z.string(), z.array(z.string())).default({}) }),
    bounce: z.object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: Recipients,
      timestamp: z.string(),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail: z.object({ tags: z.record(z.string(), z.array(z.string())).default({}) }),
    complaint: z.object({ complainedRecipients: Recipients, timestamp: z.string() }),
  }),
]);
export type DeliveryProblemEvent = z.infer<typeof DeliveryProblemEvent>;

export type DeliveryProblemResult =
  /** The contact now shows "referrer not reached" in the console. */
  | { outcome: 'marked' | 'already-marked'; contactId: string }
  /** A team or duty manager address failed: an operations matter, not the referrer's. */
  | { outcome: 'not-the-referrer'; contactId: string }
  /** Not about a contact (no tag), or the contact has since been deleted by the retention policy. */
  | { outcome: 'no-contact' };

/** The address the front door writes to the referrer at: the notification's, or the sender of a free-text email. */
const referrerAddress = (contact: Contact): string | undefined =>
  (contact.notification?.referrer.email ?? contact.incomingEmail?.from)?.toLowerCase();

/** Shown to staff in the console after "could not be reached by email on …"; never the address itself. */
const reasonFor = (event: DeliveryProblemEvent): string => {
  if (event.eventType === 'Complaint') return 'the referrer reported our email as spam';
  const permanent = event.bounce.bounceType === 'Permanent';
  return `the email bounced: ${permanent ? 'the address does not accept mail' : 'the mailbox could not take it'}${event.bounce.bounceSubType ? `, ${event.bounce.bounceSubType}` : ''}`;
};

/**
 * Marks the contact "referrer not reached" when mail to its referrer bounced or drew a
 * complaint, so a worker phones them instead of assuming they heard the decision. Mail about a
 * contact that went to a team address leaves the contact alone.
 */
export const recordDeliveryProblem = async (
  event: DeliveryProblemEvent,
  deps: { store: Contacts },
  now: Date,
): Promise<DeliveryProblemResult> => {
  const contactId = event.mail.tags[CONTACT_ID_TAG]?.[0];
  if (!contactId) return { outcome: 'no-contact' };
  const recipients = (
    event.eventType === 'Bounce' ? event.bounce.bouncedRecipients : event.complaint.complainedRecipients
  ).map((r) => r.emailAddress.toLowerCase());
  const at = event.eventType === 'Bounce' ? event.bounce.timestamp : event.complaint.timestamp;
  // A console action may write between the read and this write; read again rather than lose either.
  const modified = await modifyContact<'not-the-referrer' | 'already-marked'>(
    deps.store,
    contactId,
    (contact) => {
      const referrer = referrerAddress(contact);
      if (!referrer || !recipients.includes(referrer)) return { stop: 'not-the-referrer' };
      if (contact.referrerNotReached) return { stop: 'already-marked' };
      return { write: ContactWrite.change(contact, { referrerNotReached: { at, reason: reasonFor(event) } }) };
    },
    { now: now.toISOString() },
  );
  switch (modified.outcome) {
    case 'written':
      return { outcome: 'marked', contactId };
    case 'stopped':
      return { outcome: modified.stop, contactId };
    case 'not-found':
      return { outcome: 'no-contact' };
    case 'kept-changing':
      // Redelivered from the queue later, when the contact has settled.
      throw new VersionConflict(contactId, modified.contact);
  }
};
