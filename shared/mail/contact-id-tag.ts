/** The SES message tag holding `contactId`; bounce and complaint events carry it back. */
export const CONTACT_ID_TAG = 'contact-id';
