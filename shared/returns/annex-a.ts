import {
  ANNEX_A_ETHNICITY,
  ANNEX_A_GENDER,
  ANNEX_A_SOURCE,
  ANNEX_A_YES_NO,
  LIST_1_HEADINGS,
  LIST_2_HEADINGS,
  LIST_3_HEADINGS,
} from './annex-a-codes';
import {
  childrenAtTheFrontDoor,
  type ChildContact,
  type ChildReferral,
  type CountingOptions,
  type ReturnsContact,
} from './children-at-the-front-door';
import { ageInYears, monthsBefore } from './dates';
import type { Cell, Table } from './table';

/**
 * Ofsted Annex A Lists 1, 2 and 3, as far as the front door holds them (issue 14):
 * - List 1, contacts: one row for each child of each contact received in the period, so a
 *   contact about three children is three rows and a child contacted twice is two.
 * - List 2, early help assessments: each child the front door decided to early help in the
 *   period (the request for the assessment; its completion is recorded by early help, not here).
 * - List 3, referrals: each child the front door decided to a social care assessment or a
 *   strategy discussion in the period, with the child's referrals in the 12 months before this
 *   one (not counting it; a referral exactly 12 months earlier counts), as the sector's Annex A
 *   extracts read the guide's "in the 12 months prior to" (see annex-a-codes.ts).
 */

export interface Period {
  /** First and last days, inclusive (YYYY-MM-DD, Europe/London). */
  from: string;
  to: string;
}

export interface AnnexA {
  list1: Table;
  list2: Table;
  list3: Table;
}

const within = (date: string, { from, to }: Period) => date >= from && date <= to;

/** The five child columns every list starts with, the age as on the day the row is about. */
const childCells = ({ childId, child }: ChildContact, on: string): Cell[] => [
  childId,
  ANNEX_A_GENDER[child.gender],
  ANNEX_A_ETHNICITY[child.ethnicity ?? 'NOBT'],
  child.dateOfBirth && { date: child.dateOfBirth },
  child.dateOfBirth ? ageInYears(child.dateOfBirth, on) : child.approximateAge,
];

const byDateThenChild =
  <T extends { childId: string }>(dateOf: (row: T) => string) =>
  (a: T, b: T) =>
    dateOf(a).localeCompare(dateOf(b)) || a.childId.localeCompare(b.childId);

/** The child's other referrals from the same date 12 months before this one up to it: a first referral is 0. */
const referralsInLast12Months = (referral: ChildReferral, all: readonly ChildReferral[]): number => {
  const since = monthsBefore(referral.referredOn, 12);
  return all.filter(
    (r) =>
      r !== referral && r.childId === referral.childId && r.referredOn >= since && r.referredOn <= referral.referredOn,
  ).length;
};

/**
 * The lists for a period from the contacts the front door holds. Pass contacts received from
 * 12 months before the period starts, so that List 3's counts see the earlier referrals.
 */
export const annexA = (contacts: readonly ReturnsContact[], period: Period, options: CountingOptions): AnnexA => {
  const children = childrenAtTheFrontDoor(contacts, options);

  const list1 = children.contacts
    .filter((c) => within(c.receivedOn, period))
    .sort(byDateThenChild((c) => c.receivedOn))
    .map((c): Cell[] => [...childCells(c, c.receivedOn), { date: c.receivedOn }, ANNEX_A_SOURCE[c.source]]);

  const list2 = children.earlyHelp
    .filter((e) => within(e.decidedOn, period))
    .sort(byDateThenChild((e) => e.decidedOn))
    .map((e): Cell[] => [...childCells(e, e.decidedOn), { date: e.decidedOn }, undefined, e.organisation]);

  const list3 = children.referrals
    .filter((r) => within(r.referredOn, period))
    .sort(byDateThenChild((r) => r.referredOn))
    .map((r): Cell[] => [
      ...childCells(r, r.referredOn),
      { date: r.referredOn },
      ANNEX_A_SOURCE[r.source],
      r.nfa ? ANNEX_A_YES_NO.yes : ANNEX_A_YES_NO.no,
      referralsInLast12Months(r, children.referrals),
      r.allocated?.team,
      r.allocated?.worker,
    ]);

  return {
    list1: { name: 'List 1 Contacts', headings: LIST_1_HEADINGS, rows: list1 },
    list2: { name: 'List 2 Early Help', headings: LIST_2_HEADINGS, rows: list2 },
    list3: { name: 'List 3 Referrals', headings: LIST_3_HEADINGS, rows: list3 },
  };
};
