import type { WorkingCalendar } from '../calendar';
import type { Contact } from '../contacts';
import type { Allegation } from '../lado/allegation';
import { allegationFacts } from './allegation-facts';
import { contactFacts, type ContactFact, type ThemeFact } from './facts';
import { toParquet } from './parquet';
import type { FactsSink } from './ports';
import { ALLEGATION_FACT_COLUMNS, CONTACT_FACT_COLUMNS, SNAPSHOT_FACT_COLUMNS, THEME_FACT_COLUMNS } from './schema';

/** Every stored record of one kind, a page at a time (a DynamoDB scan in AWS): never the whole table in memory. */
export interface Archive<T> {
  pages(): AsyncIterable<T[]>;
}
export type ContactArchive = Archive<Contact>;
export type AllegationArchive = Archive<Allegation>;

/** Rows per Parquet file: a part stays a few megabytes however big the area. */
export const ROWS_PER_PART = 50_000;

/**
 * The analytics extract (scheduled): every contact's facts, recomputed from the store, written as
 * a new snapshot and published over the last one. Recomputing the lot each run is what keeps a
 * decision changed on reconsideration, or a partner's late answer, from leaving a stale row; and
 * a contact deleted by the retention policy leaves the facts with the next run. The LADO's
 * allegations (a few a week, from their own table) are one part, and the snapshot's own row says
 * when the records were read.
 */
export const extractFacts = async (deps: {
  archive: ContactArchive;
  allegations: AllegationArchive;
  sink: FactsSink;
  calendar: WorkingCalendar;
  secret: string;
  now: Date;
}): Promise<{ runId: string; contacts: number; rows: number; parts: number }> => {
  const runId = `run-${deps.now.toISOString().replace(/[-:.]/g, '')}`;
  let contactRows: ContactFact[] = [];
  let themeRows: ThemeFact[] = [];
  let parts = 0;
  let contacts = 0;
  let rows = 0;
  const flush = async () => {
    await deps.sink.writePart(runId, 'contact_facts', parts, await toParquet(CONTACT_FACT_COLUMNS, contactRows));
    await deps.sink.writePart(runId, 'theme_facts', parts, await toParquet(THEME_FACT_COLUMNS, themeRows));
    parts += 1;
    contactRows = [];
    themeRows = [];
  };
  for await (const page of deps.archive.pages()) {
    for (const contact of page) {
      const facts = contactFacts(contact, { calendar: deps.calendar, secret: deps.secret });
      contacts += 1;
      rows += facts.contacts.length;
      contactRows.push(...facts.contacts);
      themeRows.push(...facts.themes);
    }
    if (contactRows.length >= ROWS_PER_PART) await flush();
  }
  // An empty area still gets one (empty) part, so its tables exist and read as zeros.
  if (contactRows.length || parts === 0) await flush();
  const allegationRows = [];
  for await (const page of deps.allegations.pages())
    allegationRows.push(...page.map((a) => allegationFacts(a, { calendar: deps.calendar, secret: deps.secret })));
  await deps.sink.writePart(runId, 'allegation_facts', 0, await toParquet(ALLEGATION_FACT_COLUMNS, allegationRows));
  await deps.sink.writePart(
    runId,
    'snapshot_facts',
    0,
    await toParquet(SNAPSHOT_FACT_COLUMNS, [{ run_id: runId, extracted_at: deps.now.toISOString() }]),
  );
  await deps.sink.publish(runId);
  return { runId, contacts, rows, parts };
};
