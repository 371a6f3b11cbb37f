import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { englandAndWalesCalendar } from '../../shared/calendar';
import type { Contact } from '../../shared/contacts';
import { parseNotification } from '../../shared/notification';
import { duckDbFacts } from '../../shared/reporting/duckdb-facts';
import { extractFacts, type ContactArchive } from '../../shared/reporting/extract';
import { localFactsSink } from '../../shared/reporting/local-facts-sink';
import { loadMeasures } from '../../shared/reporting/measures';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';

const contactOf = (id: string, input: unknown, receivedAt: string): Contact => {
  const parsed = parseNotification(input);
  if (!parsed.ok) throw new Error('bad fixture');
  return {
    contactId: id.padEnd(26, '0'),
    reference: 'CFC-AAAA-BBBB',
    status: 'received',
    channel: 'api',
    receivedAt,
    notification: parsed.notification,
    updatedAt: receivedAt,
  };
};

/** An archive that hands out its contacts in pages, as the DynamoDB scan does. */
const archiveOf = (pages: Contact[][]): ContactArchive => ({
  async *pages() {
    yield* pages;
  },
});

describe('the analytics extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const deps = {
    sink: localFactsSink(dir),
    allegations: { async *pages() {} },
    calendar: englandAndWalesCalendar(),
    secret: 'extract-test-key',
  };

  it('writes every contact as a new snapshot, replaces the last one, and the measures read only the new one', async () => {
    // Prepare: a first run with one contact, then a second with it and another.
    const school = contactOf('school', aSchoolNeglectNotification(), '2026-10-05T09:00:00.000Z');
    const police = contactOf('police', aPoliceDomesticAbuseNotification(), '2026-10-06T09:00:00.000Z');
    const first = await extractFacts({
      ...deps,
      archive: archiveOf([[school]]),
      now: new Date('2026-10-07T02:00:00.000Z'),
    });

    // Act
    const second = await extractFacts({
      ...deps,
      archive: archiveOf([[school], [police]]),
      now: new Date('2026-10-08T02:00:00.000Z'),
    });

    // Assess
    expect(second).toMatchObject({ contacts: 2, parts: 1 });
    expect(existsSync(join(dir, first.runId))).toBe(false);
    expect(readdirSync(join(dir, second.runId)).sort()).toEqual(['allegations', 'contacts', 'snapshot', 'themes']);
    const facts = duckDbFacts(dir);
    const measures = await loadMeasures({ from: '2026-10', to: '2026-10' }, { facts });
    facts.close();
    expect(measures.total.contacts).toBe(2);
    expect(measures.bySource.map((s) => s.source).sort()).toEqual(['police', 'school']);
  });

  it('writes an empty snapshot for an area with no contacts yet, which reads as zeros', async () => {
    const run = await extractFacts({ ...deps, archive: archiveOf([]), now: new Date('2026-10-09T02:00:00.000Z') });
    expect(run).toMatchObject({ contacts: 0, rows: 0, parts: 1 });
    const facts = duckDbFacts(dir);
    const measures = await loadMeasures({ from: '2026-10', to: '2026-10' }, { facts });
    facts.close();
    expect(measures.total.contacts).toBe(0);
  });
});
