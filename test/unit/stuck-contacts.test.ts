import type { Contact } from '../../shared/contacts';
import { buildQueue, QueueQuerySchema, TABS } from '../../shared/console/queue';
import { findStuckContacts } from '../../shared/console/stuck';
import { renderPage } from '../../shared/web/render';
import { MemoryContactQueries } from '../support/contact-store-in-memory';

const now = new Date('2026-03-02T10:00:00Z');

const contact = (contactId: string, status: Contact['status'], receivedAt: string): Contact =>
  ({
    contactId,
    reference: `CFC-TEST-${contactId}`,
    status,
    channel: 'api',
    receivedAt,
    updatedAt: receivedAt,
    version: 1,
    notification: {
      referrer: { organisation: 'Example Constabulary', agencyType: 'police' },
      children: [{ firstName: 'Noah', lastName: 'Madeup', dateOfBirth: '2020-03-03' }],
    },
  }) as unknown as Contact;

describe('stuck and failed contacts in the console (issue 11)', () => {
  it('lists contacts left received or triaging past the stall threshold, and failed ones, oldest first, with a warning', async () => {
    // Prepare
    const store = MemoryContactQueries.of([
      contact('0001', 'received', '2026-03-02T09:40:00Z'),
      contact('0002', 'triaging', '2026-03-02T09:30:00Z'),
      contact('0003', 'received', '2026-03-02T09:58:00Z'), // within the threshold: the sweeper has not had its turn
      contact('0004', 'triage-failed', '2026-03-02T08:00:00Z'),
      contact('0005', 'triaging', '2026-03-02T09:57:00Z'),
    ]);

    // Act
    const result = await findStuckContacts({ store, now });

    // Assess
    expect(result.stuck).toBe(2);
    expect(result.failed).toBe(1);
    expect(result.rows).toEqual([
      {
        contactId: '0004',
        reference: 'CFC-TEST-0004',
        receivedAt: '2026-03-02T08:00:00Z',
        status: 'Triage failed: needs a worker to look at it',
      },
      { contactId: '0002', reference: 'CFC-TEST-0002', receivedAt: '2026-03-02T09:30:00Z', status: 'Being triaged' },
      { contactId: '0001', reference: 'CFC-TEST-0001', receivedAt: '2026-03-02T09:40:00Z', status: 'Received' },
    ]);
    expect(result.warning).toBe(
      '2 contacts are stuck in triage: received more than 5 minutes ago and not yet in the queue. ' +
        'The system retries them every 5 minutes; if one stays here, tell the duty manager. ' +
        '1 contact failed automatic triage and needs a worker to triage it by hand.',
    );
  });

  it('shows no warning when nothing is stuck or failed', async () => {
    // Prepare
    const store = MemoryContactQueries.of([
      contact('0001', 'received', '2026-03-02T09:58:00Z'),
      contact('0002', 'awaiting-decision', '2026-03-02T07:00:00Z'),
    ]);

    // Act
    const result = await findStuckContacts({ store, now });

    // Assess
    expect(result).toEqual({ stuck: 0, failed: 0, rows: [], warning: undefined });
  });
});

/** The queue page as the console renders it (functions/console/queue.ts), with an empty queue. */
const queuePage = (stuck: Awaited<ReturnType<typeof findStuckContacts>>) => {
  const query = QueueQuerySchema.parse({});
  return renderPage('console/queue.njk', {
    query,
    stuck,
    tabs: buildQueue(
      { open: [], awaitingManager: [], needsCompleting: [], decidedToday: [], reconsiderationRequests: [] },
      query,
      'worker-1',
      now,
    ),
    pageItems: () => [],
    filters: { route: [], level: [], source: [], theme: [] },
    tabNames: TABS,
  });
};

describe('the queue page shows stuck and failed contacts (issue 11)', () => {
  it('renders the warning banner and a linked row for each, above the queue', async () => {
    // Prepare
    const store = MemoryContactQueries.of([
      contact('0001', 'received', '2026-03-02T09:40:00Z'),
      contact('0004', 'triage-failed', '2026-03-02T08:00:00Z'),
    ]);
    const stuck = await findStuckContacts({ store, now });

    // Act
    const html = queuePage(stuck);

    // Assess
    const banner = html.indexOf('govuk-notification-banner');
    const table = html.indexOf('id="stuck"');
    expect(banner).toBeGreaterThan(-1);
    expect(html).toContain('1 contact is stuck in triage');
    expect(html).toContain('1 contact failed automatic triage and needs a worker to triage it by hand.');
    expect(html).toContain('Stuck and failed (2)');
    expect(table).toBeGreaterThan(banner);
    expect(table).toBeLessThan(html.indexOf('Apply filters'));
    expect(html).toContain('<a class="govuk-link" href="/console/contacts/0004">CFC-TEST-0004</a>');
    expect(html).toContain('<a class="govuk-link" href="/console/contacts/0001">CFC-TEST-0001</a>');
    expect(html.indexOf('CFC-TEST-0004')).toBeLessThan(html.indexOf('CFC-TEST-0001'));
  });

  it('shows neither when nothing is stuck or failed', async () => {
    const stuck = await findStuckContacts({ store: MemoryContactQueries.of([]), now });
    const html = queuePage(stuck);
    expect(html).not.toContain('govuk-notification-banner');
    expect(html).not.toContain('Stuck and failed');
  });
});
