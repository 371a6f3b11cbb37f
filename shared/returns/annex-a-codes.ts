import type { Ethnicity, Gender, ReferralSource } from '../notification';

/**
 * Ofsted's Annex A cells: each list's column headings, and the lettered codes its guidance asks
 * for ("b) Female", "a) WBRI", "e) 2A: Schools"). Ofsted loads the lists by heading and code, so
 * these strings are the return's contract: change them only when the published guidance does.
 *
 * Checked (November 2026) against the sector's published Annex A tooling, since Ofsted's own
 * template (the spreadsheet issued with "Inspecting local authority children's services",
 * https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018)
 * could not be retrieved here:
 * - Social Finance / LIIA, liia-tools, liiatools/annex_a_pipeline/spec/Annex_A_schema.yml
 *   (https://github.com/SocialFinanceDigitalLabs/liia-tools): every heading of Lists 1–3, the
 *   gender, ethnicity, source (with "p1) 5D: LA services", early help) and yes/no codes;
 * - Data to Insight, ssd-data-model, cms_ssd_extract_sql/AnnexA_sqlserver.sql
 *   (https://github.com/data-to-insight/ssd-data-model): the same codes, "t) NOBT", and the
 *   guide's wording for the lists and for the referrals "in the 12 months prior to" this one;
 * - CSCDP, AnnexA_CiNCensus_Cleaner, config/annex_a_merge.yml (https://github.com/CSCDP/AnnexA_CiNCensus_Cleaner).
 * The README's "Statutory returns" section says what agreed and what could not be settled.
 */

export const LIST_1_HEADINGS = [
  'Child Unique ID',
  'Gender',
  'Ethnicity',
  'Date of Birth',
  'Age of Child (Years)',
  'Date of Contact',
  'Contact Source',
] as const;

/** The child columns every list starts with. */
const CHILD_HEADINGS = LIST_1_HEADINGS.slice(0, 5);

export const LIST_2_HEADINGS = [
  ...CHILD_HEADINGS,
  'Assessment start date',
  'Assessment completion date',
  'Organisation completing assessment',
] as const;

export const LIST_3_HEADINGS = [
  ...CHILD_HEADINGS,
  'Date of referral',
  'Referral Source',
  'Referral NFA?',
  'Number of Referrals in Last 12 Months',
  'Allocated Team',
  'Allocated Worker',
] as const;

/** The guide's gender codes; c) is also the code for a child whose gender is not known. */
export const ANNEX_A_GENDER: Record<Gender, string> = {
  a: 'a) Male',
  b: 'b) Female',
  c: 'c) Not stated/recorded',
  d: 'd) Neither',
};

/**
 * The guide's ethnicity codes, lettered in the DfE order; t) NOBT stands for not yet obtained (as
 * Data to Insight letter it; the LIIA schema's "s) NOBT" repeats REFU's letter, a slip we do not copy).
 */
export const ANNEX_A_ETHNICITY: Record<Ethnicity, string> = {
  WBRI: 'a) WBRI',
  WIRI: 'b) WIRI',
  WIRT: 'c) WIRT',
  WOTH: 'd) WOTH',
  WROM: 'e) WROM',
  MWBC: 'f) MWBC',
  MWBA: 'g) MWBA',
  MWAS: 'h) MWAS',
  MOTH: 'i) MOTH',
  AIND: 'j) AIND',
  APKN: 'k) APKN',
  ABAN: 'l) ABAN',
  AOTH: 'm) AOTH',
  BCRB: 'n) BCRB',
  BAFR: 'o) BAFR',
  BOTH: 'p) BOTH',
  CHNE: 'q) CHNE',
  OOTH: 'r) OOTH',
  REFU: 's) REFU',
  NOBT: 't) NOBT',
};

/**
 * Contact and referral sources, the CIN census codes with the guide's letters; u) is unknown.
 * 5D (LA services: early help), added to the census after the letters were set, is "p1)".
 */
export const ANNEX_A_SOURCE: Record<ReferralSource, string> = {
  '1A': 'a) 1A: Individual',
  '1B': 'b) 1B: Individual',
  '1C': 'c) 1C: Individual',
  '1D': 'd) 1D: Individual',
  '2A': 'e) 2A: Schools',
  '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services',
  '3B': 'h) 3B: Health services',
  '3C': 'i) 3C: Health services',
  '3D': 'j) 3D: Health services',
  '3E': 'k) 3E: Health services',
  '3F': 'l) 3F: Health services',
  '4': 'm) 4: Housing',
  '5A': 'n) 5A: LA services',
  '5B': 'o) 5B: LA services',
  '5C': 'p) 5C: LA services',
  '5D': 'p1) 5D: LA services',
  '6': 'q) 6: Police',
  '7': 'r) 7: Other legal agency',
  '8': 's) 8: Other',
  '9': 't) 9: Anonymous',
  '10': 'u) 10: Unknown',
};

export const ANNEX_A_YES_NO = { yes: 'a) Yes', no: 'b) No' } as const;
