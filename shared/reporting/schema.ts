import type { AllegationFact } from './allegation-facts';
import type { ContactFact, ThemeFact } from './facts';

/**
 * The facts' columns, once: the Parquet writer, the local DuckDB tables and the Glue catalogue in
 * the CDK stack are all made from this, so the three cannot drift apart. Types are the few that
 * Parquet, DuckDB and Athena read the same way.
 */
export type ColumnType = 'string' | 'int' | 'boolean';
export type Columns<Row> = { [K in keyof Row]-?: ColumnType };

export const CONTACT_FACT_COLUMNS: Columns<ContactFact> = {
  contact_key: 'string',
  child_key: 'string',
  child_identified: 'boolean',
  child_index: 'int',
  children_in_contact: 'int',
  received_at: 'string',
  received_on: 'string',
  received_month: 'string',
  source: 'string',
  source_code: 'string',
  channel: 'string',
  status: 'string',
  age_band: 'string',
  age_years: 'int',
  priority: 'string',
  recommended_level: 'int',
  recommended_route: 'string',
  first_decided_level: 'int',
  first_decided_route: 'string',
  decided_level: 'int',
  decided_route: 'string',
  decided_at: 'string',
  screened_within_one_working_day: 'boolean',
  decided_within_priority_time: 'boolean',
  referral: 'boolean',
  early_help: 'boolean',
  reconsideration_requested: 'boolean',
  reconsideration_changed: 'boolean',
  partner_requests: 'int',
  partner_requests_answered_within_48h: 'int',
  acknowledgement_sent: 'boolean',
  referrer_not_reached: 'boolean',
  lado_allegation: 'boolean',
  lado_only: 'boolean',
};

export const THEME_FACT_COLUMNS: Columns<ThemeFact> = {
  contact_key: 'string',
  received_month: 'string',
  source: 'string',
  theme: 'string',
};

export const ALLEGATION_FACT_COLUMNS: Columns<AllegationFact> = {
  allegation_key: 'string',
  received_at: 'string',
  received_on: 'string',
  received_month: 'string',
  source: 'string',
  sector: 'string',
  immediate_risk: 'boolean',
  considered_at: 'string',
  considered_within_one_working_day: 'boolean',
  first_meeting_at: 'string',
  meeting_within_time: 'boolean',
  outcome: 'string',
  concluded_at: 'string',
  resolved_within_one_month: 'boolean',
  resolved_within_three_months: 'boolean',
  repeat_allegation: 'boolean',
};

/** One row per snapshot: when the extract read the records, so every page and report can say "as at". */
export interface SnapshotFact {
  run_id: string;
  extracted_at: string;
}
export const SNAPSHOT_FACT_COLUMNS: Columns<SnapshotFact> = { run_id: 'string', extracted_at: 'string' };

/** The tables the measures read, by name, with the folder each one's files live in. */
export const FACT_TABLES = {
  contact_facts: { folder: 'contacts', columns: CONTACT_FACT_COLUMNS as Record<string, ColumnType> },
  theme_facts: { folder: 'themes', columns: THEME_FACT_COLUMNS as Record<string, ColumnType> },
  allegation_facts: { folder: 'allegations', columns: ALLEGATION_FACT_COLUMNS as Record<string, ColumnType> },
  snapshot_facts: { folder: 'snapshot', columns: SNAPSHOT_FACT_COLUMNS as Record<string, ColumnType> },
} as const;
export type FactTable = keyof typeof FACT_TABLES;
