import {
  contactFrom,
  expectStatus,
  type ContactIn,
  type ContactRecord,
  type ContactStatus,
} from '../../shared/contacts';
import { parseNotification } from '../../shared/notification';
import { recommend } from '../../shared/rules';
import { aPoliceDomesticAbuseNotification } from '../fixtures/notifications';

/**
 * A police domestic abuse notification (DASH high) about Noah and Mia Madeup, received at
 * 10:00 on 20 November 2026 and recommended by the levels-of-need rules, waiting for a decision;
 * `changes` make it what a test needs (decided, linked, with partner requests...).
 */
export const aRecommendedContact = <S extends ContactStatus = 'awaiting-decision'>(
  changes: Partial<ContactRecord> & { status?: S } = {},
): ContactIn<S> => {
  const parsed = parseNotification(aPoliceDomesticAbuseNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  const receivedAt = '2026-11-20T10:00:00.000Z';
  const contact = contactFrom({
    contactId: 'c1',
    reference: 'CFC-TEST-0001',
    status: 'awaiting-decision',
    channel: 'api',
    receivedAt,
    updatedAt: receivedAt,
    version: 3,
    notification: parsed.notification,
    recommendation: recommend({
      notification: parsed.notification,
      history: { earlierContacts: [] },
      receivedAt: new Date(receivedAt),
    }),
    ...changes,
  });
  return expectStatus(contact, changes.status ?? ('awaiting-decision' as S));
};
