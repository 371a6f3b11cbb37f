import {
  contactFrom,
  expectStatus,
  type ContactRecord,
  type IncomingEmail,
  type NeedsCompletingContact,
} from '../../shared/contacts';

/**
 * A free-text email from a worried neighbour that became a contact needing completing, received at
 * 18:40 on 20 November 2026; `email` and `changes` make it what a test needs. Built through
 * contactFrom, so it is a contact its status allows, with no cast.
 */
export const anEmailToComplete = (
  email: Partial<IncomingEmail> = {},
  changes: Partial<Omit<ContactRecord, 'status'>> = {},
): NeedsCompletingContact =>
  expectStatus(
    contactFrom({
      contactId: 'c1',
      reference: 'FD-C1',
      status: 'needs-completing',
      channel: 'email',
      receivedAt: '2026-11-20T18:40:00Z',
      updatedAt: '2026-11-20T18:40:00Z',
      version: 1,
      incomingEmail: {
        from: 'pat.neighbour@mail.example',
        subject: 'Worried',
        text: 'Hello',
        attachments: [],
        rawMessage: { bucket: 'inbound', key: 'inbound/m1' },
        ...email,
      },
      ...changes,
    }),
    'needs-completing',
  );
