import type { Period } from './annex-a';
import { childrenAtTheFrontDoor, type CountingOptions, type ReturnsContact } from './children-at-the-front-door';
import type { Table } from './table';

/**
 * The front door's part of the DfE children in need census: one row per referral of a child
 * (a child referred on two contacts is two rows), under the census's own item names and codes,
 * with dates as the census writes them (YYYY-MM-DD). The case management system adds the rest
 * of the child's CIN episode (assessments, plans, closure) before the return is made.
 */
export const CIN_CENSUS_FIELDS = [
  'LAchildID',
  'ReferralDate',
  'ReferralSource',
  'PrimaryNeedCode',
  'ReferralNFA',
] as const;

export const cinCensusReferrals = (
  contacts: readonly ReturnsContact[],
  period: Period,
  options: CountingOptions,
): Table => ({
  name: 'CIN census referrals',
  headings: CIN_CENSUS_FIELDS,
  rows: childrenAtTheFrontDoor(contacts, options)
    .referrals.filter((r) => r.referredOn >= period.from && r.referredOn <= period.to)
    .sort((a, b) => a.referredOn.localeCompare(b.referredOn) || a.childId.localeCompare(b.childId))
    // N0, the census's "not stated", where the worker recorded no primary need.
    .map((r) => [r.childId, { date: r.referredOn }, r.source, r.primaryNeed ?? 'N0', r.nfa ? 'true' : 'false']),
});
