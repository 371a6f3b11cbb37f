import type { Ethnicity, Gender, ReferralSource } from '../notification';

/**
 * Ofsted's Annex A cells: each list's column headings, and the lettered codes its guidance asks
 * for ("b) Female", "a) WBRI", "e) 2A: Schools"). Ofsted loads the lists by heading and code, so
 * these strings are the return's contract: change them only when the published guidance does.
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

/** The guide's ethnicity codes, lettered in the DfE order; t) NOBT stands for not yet obtained. */
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

/** Contact and referral sources, the CIN census codes with the guide's letters; u) is unknown. */
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
