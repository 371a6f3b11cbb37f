import { contactFrom, type Contact, type ContactRecord } from '../../shared/contacts';
import { countOverdueContacts } from '../../shared/front-door/overdue';
import { MemoryContactQueries } from '../support/contact-store-in-memory';
import { aRecommendedContact } from '../support/recommended-contact';

/**
 * Late decisions nobody noticed were an inspection finding (domain brief §7): the count of
 * contacts past their decision time is published every few minutes and alarms above zero. A
 * contact waiting for a manager's sign-off is as late as one waiting for a worker.
 */
const now = new Date('2026-11-20T16:00:00Z');
const due = (contactId: string, dueAt: string, changes: Partial<ContactRecord> = {}): Contact => {
  const contact = aRecommendedContact({ contactId, ...changes });
  return contactFrom({ ...contact, recommendation: { ...contact.recommendation!, dueAt } });
};

describe('counting overdue contacts', () => {
  it('counts contacts waiting for a decision or a sign-off past their due time, and no others', async () => {
    // Prepare
    const store = MemoryContactQueries.of([
      due('late-worker', '2026-11-20T12:00:00.000Z'),
      due('late-manager', '2026-11-20T15:59:59.000Z', {
        status: 'awaiting-manager',
        proposedDecision: {
          children: [
            { childIndex: 0, route: 'nfa', level: 1, rationale: 'Police have the matter in hand.' },
            { childIndex: 1, route: 'nfa', level: 1, rationale: 'Police have the matter in hand.' },
          ],
          decidedAt: '2026-11-20T11:00:00.000Z',
          decidedBy: 'sam.okafor',
        },
      } as Partial<Contact>),
      due('in-time', '2026-11-20T16:00:01.000Z'),
      due('decided-late', '2026-11-20T12:00:00.000Z', {
        status: 'decided',
        decision: { children: [], decidedAt: '2026-11-20T15:00:00.000Z', decidedBy: 'sam.okafor' },
      } as Partial<Contact>),
    ]);
    // Act
    const overdue = await countOverdueContacts({ store, now });
    // Assess
    expect(overdue).toBe(2);
  });

  it('is zero when every open contact is in time, so the alarm stays quiet', async () => {
    const store = MemoryContactQueries.of([due('in-time', '2026-11-21T10:00:00.000Z')]);

    expect(await countOverdueContacts({ store, now })).toBe(0);
  });
});
