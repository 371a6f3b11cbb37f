import type { WorkingCalendar } from '../calendar';
import type { Contact } from '../contacts';
import { contactFacts, type ContactFact, type ThemeFact } from './facts';
import { toParquet } from './parquet';
import type { FactsSink } from './ports';
import { CONTACT_FACT_COLUMNS, THEME_FACT_COLUMNS } from './schema';

/** Every stored contact, a page at a time (a DynamoDB scan in AWS): never the whole table in memory. */
export interface ContactArchive {
  pages(): AsyncIterable<Contact[]>;
}

/** Rows per Parquet file: a part stays a few megabytes however big the area. */
export const ROWS_PER_PART = 50_000;

/**
 * The analytics extract (scheduled): every contact's facts, recomputed from the store, written as
 * a new snapshot and published over the last one. Recomputing the lot each run is what keeps a
 * decision changed on reconsideration, or a partner's late answer, from leaving a stale row; and
 * a contact deleted by the retention policy leaves the facts with the next run.
 */
export const extractFacts = async (deps: {
  archive: ContactArchive;
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
  await deps.sink.publish(runId);
  return { runId, contacts, rows, parts };
};
