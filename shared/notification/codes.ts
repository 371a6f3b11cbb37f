/**
 * National data codes (DfE CIN census and Ofsted Annex A), kept as data so that every record
 * the front door stores can feed the statutory returns without re-coding.
 */

/** CIN census contact/referral source. */
export const REFERRAL_SOURCES = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: health visitor',
  '3C': 'Health services: school nurse',
  '3D': 'Health services: other primary health services',
  '3E': 'Health services: A&E',
  '3F': 'Health services: other',
  '4': 'Housing',
  '5A': 'LA services: social care',
  '5B': 'LA services: other internal',
  '5C': 'LA services: external (another local authority)',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const;
export type ReferralSource = keyof typeof REFERRAL_SOURCES;

/**
 * The kinds of agency a referrer picks from, each with the CIN source code it maps to, so that a
 * referrer never has to know the census codes.
 */
export const AGENCY_TYPES = {
  'family-member': '1A',
  acquaintance: '1B',
  self: '1C',
  'member-of-public': '1D',
  school: '2A',
  'education-service': '2B',
  gp: '3A',
  'health-visitor': '3B',
  'school-nurse': '3C',
  'primary-health': '3D',
  'emergency-department': '3E',
  'hospital-or-other-health': '3F',
  housing: '4',
  'la-social-care': '5A',
  'la-other-service': '5B',
  'another-local-authority': '5C',
  'early-help': '5D',
  police: '6',
  probation: '7',
  'youth-justice': '7',
  'other-legal-agency': '7',
  'voluntary-or-community': '8',
  other: '8',
  anonymous: '9',
} as const satisfies Record<string, ReferralSource>;
export type AgencyType = keyof typeof AGENCY_TYPES;

/** CIN census assessment factors. */
export const ASSESSMENT_FACTORS = {
  '1A': 'Alcohol misuse: concerns about the child',
  '1B': 'Alcohol misuse: concerns about the parent or carer',
  '1C': 'Alcohol misuse: concerns about another person living in the household',
  '2A': 'Drug misuse: concerns about the child',
  '2B': 'Drug misuse: concerns about the parent or carer',
  '2C': 'Drug misuse: concerns about another person living in the household',
  '3A': 'Domestic abuse: concerns about the child being the subject',
  '3B': 'Domestic abuse: concerns about the parent or carer',
  '3C': 'Domestic abuse: concerns about another person living in the household',
  '4A': 'Mental health: concerns about the child',
  '4B': 'Mental health: concerns about the parent or carer',
  '4C': 'Mental health: concerns about another person living in the household',
  '5A': 'Learning disability: concerns about the child',
  '5B': 'Learning disability: concerns about the parent or carer',
  '5C': 'Learning disability: concerns about another person living in the household',
  '6A': 'Physical disability or illness: concerns about the child',
  '6B': 'Physical disability or illness: concerns about the parent or carer',
  '6C': 'Physical disability or illness: concerns about another person living in the household',
  '7A': 'Young carer',
  '8B': 'Privately fostered: overseas child intending to return',
  '8C': 'Privately fostered: overseas child intending to stay',
  '8D': 'Privately fostered: UK child in education or training',
  '8E': 'Privately fostered: UK child with family difficulties',
  '8F': 'Privately fostered: UK child, other',
  '9A': 'Unaccompanied asylum-seeking child',
  '10A': 'Missing',
  '11A': 'Child sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Neglect',
  '17A': 'Emotional abuse',
  '18B': 'Physical abuse: by a child',
  '18C': 'Physical abuse: by an adult',
  '19B': 'Sexual abuse: by a child',
  '19C': 'Sexual abuse: by an adult',
  '20': 'Other',
  '21': 'No factors identified',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Child criminal exploitation',
} as const;
export type AssessmentFactor = keyof typeof ASSESSMENT_FACTORS;

/** CIN census primary need. */
export const PRIMARY_NEEDS = {
  N0: 'Not stated',
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
} as const;
export type PrimaryNeed = keyof typeof PRIMARY_NEEDS;

/** Ofsted Annex A gender. */
export const GENDERS = {
  a: 'Male',
  b: 'Female',
  c: 'Not stated',
  d: 'Neither',
} as const;
export type Gender = keyof typeof GENDERS;

/** DfE ethnicity codes, with REFU (refused) and NOBT (not yet obtained). */
export const ETHNICITIES = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const;
export type Ethnicity = keyof typeof ETHNICITIES;

export const codesOf = <T extends Record<string, unknown>>(table: T) =>
  Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
