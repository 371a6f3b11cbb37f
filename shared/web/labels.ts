import { ROLES } from '../auth/roles';
import { CONTACT_STATUSES } from '../contacts/status';
import { AGENCY_TYPES, ASSESSMENT_FACTORS, PRIMARY_NEEDS } from '../notification';
import { getDefaultRuleset } from '../rules';
import { ROUTES } from '../triage/types';

/**
 * The words staff read for the codes the record keeps (GOV.UK: use plain English, not the
 * system's identifiers). Every console page and filter takes its names from here, so a code
 * never reaches a page and one thing is never called two names.
 */

const known =
  <T extends Record<string, string>>(table: T, fallback: (code: string) => string) =>
  (code: string | undefined): string =>
    code === undefined ? '' : ((table as Record<string, string>)[code] ?? fallback(code));

/** An unknown code read as words ("early-help" → "Early help") rather than shown raw. */
const asWords = (code: string) => `${code.charAt(0).toUpperCase()}${code.slice(1).replace(/[-_]/g, ' ')}`;

export const routeName = known(ROUTES, asWords);
export const statusName = known(CONTACT_STATUSES, asWords);
export const roleName = (role: string): string =>
  role === 'system' ? 'Automatic' : ((ROLES as Record<string, string>)[role] ?? asWords(role));

/** The daily triage meeting themes, named as the area's ruleset names them. */
export const THEME_NAMES: Record<string, string> = Object.fromEntries(
  getDefaultRuleset().themes.map((t) => [t.id, t.name]),
);
export const themeName = known(THEME_NAMES, asWords);

/** Who the referrer is, in the third person (the referrer's own form asks it in the first). */
export const AGENCY_NAMES = {
  'family-member': 'Family member, relative or carer',
  acquaintance: 'Friend, neighbour or someone else who knows the family',
  self: 'The child or young person',
  'member-of-public': 'Member of the public',
  school: 'School',
  'education-service': 'Education service',
  gp: 'GP practice',
  'health-visitor': 'Health visitor',
  'school-nurse': 'School nurse',
  'primary-health': 'Other primary health service',
  'emergency-department': 'Hospital emergency department',
  'hospital-or-other-health': 'Hospital or other health service',
  housing: 'Housing',
  'la-social-care': "Council children's social care",
  'la-other-service': 'Another council service',
  'another-local-authority': 'Another local authority',
  'early-help': 'Early help',
  police: 'Police',
  probation: 'Probation',
  'youth-justice': 'Youth justice',
  'other-legal-agency': 'Another legal agency',
  'voluntary-or-community': 'Voluntary or community organisation',
  other: 'Another organisation',
  anonymous: 'Anonymous',
} as const satisfies Record<keyof typeof AGENCY_TYPES, string>;
export const referrerAgencyName = known(AGENCY_NAMES, asWords);

/** A screening tool's outcome: DASH's standard, medium or high; CSE screening's low, medium or high. */
export const RISK_LEVEL_NAMES = { standard: 'Standard', low: 'Low', medium: 'Medium', high: 'High' } as const;
export const riskLevelName = known(RISK_LEVEL_NAMES, asWords);

export const PRIORITY_NAMES = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export const priorityName = known(PRIORITY_NAMES, asWords);

export const MATCH_BASES = {
  'nhs-number': 'NHS number',
  'name-dob-postcode': 'name, date of birth and postcode',
} as const;
/** "Matched on NHS number", "Matched on NHS number and on name, date of birth and postcode". */
export const matchedOn = (bases: readonly string[]): string =>
  `Matched on ${bases.map(known(MATCH_BASES, asWords)).join(' and on ')}`;

export const factorName = known(ASSESSMENT_FACTORS, asWords);
/** A levels-of-need indicator by its title in the area's guidance. */
export const indicatorName = known(
  Object.fromEntries(getDefaultRuleset().indicators.map((i) => [i.id, i.title])),
  asWords,
);
/** The notification's own concerns are about every child; said so when some child has concerns of their own. */
export const concernsLabel = (notification: { children: readonly { concerns?: unknown }[] }): string =>
  notification.children.some((c) => c.concerns) ? 'Concerns about every child' : 'Concerns';
/** What the referrer said about one child only (a child's own concerns), in words; empty when nothing. */
export const ownConcernsText = (concerns: { factors: string[]; indicators: string[] } | undefined): string =>
  concerns ? [...concerns.indicators.map(indicatorName), ...concerns.factors.map(factorName)].join('; ') : '';
export const primaryNeedName = known(PRIMARY_NEEDS, asWords);

/** A decision or recommendation for one child: "Level 3: Early help: targeted family support". */
export const outcomeName = (level: number, route: string): string => `Level ${level}, ${routeName(route)}`;
