/** Who uses the triage console, as Cognito groups on AWS and seeded users locally. */
export const ROLES = {
  worker: 'Triage worker',
  manager: 'Manager',
  admin: 'Administrator',
  /** The Local Authority Designated Officer: allegations about adults who work with children. */
  lado: 'Local Authority Designated Officer',
  /** Performance and board officers: the performance page's measures, and nothing about any child. */
  performance: 'Performance officer',
  /** Someone from a partner agency (police, health, education…): their agency is their Cognito group. */
  partner: 'Partner agency',
  /** Receiving teams: they accept or return the handovers addressed to them, and see nothing else. */
  'early-help': 'Early help team',
  'social-care': "Children's social care team",
} as const;
export type Role = keyof typeof ROLES;

export interface StaffUser {
  id: string;
  name: string;
  roles: Role[];
  /** A partner's agency id (shared/partners/agencies.ts), which is also their Cognito group. */
  agency?: string;
}

/**
 * What each role may do. Administrators run the service (users, configuration) and have no
 * need to read children's records, so they get none of it.
 */
const PERMISSIONS = {
  view: ['worker', 'manager'],
  act: ['worker', 'manager'],
  manage: ['manager'],
  // Allegations are kept apart from children's records: only the LADO sees them, and the LADO
  // sees contacts about children only as the reference and status of those linked to an allegation.
  allegations: ['lado'],
  // Counts only, no child's details: managers and performance officers (least privilege: nothing else).
  performance: ['manager', 'performance'],
  // Partners see only what is addressed to their agency (shared/meetings/partner-access.ts), never the queue.
  partner: ['partner'],
  // A receiving team sees the handovers addressed to it (shared/handovers), never the queue.
  receive: ['early-help', 'social-care'],
  // How handovers are received (waiting, accepted, returned): the teams, and the front door itself.
  handovers: ['worker', 'manager', 'early-help', 'social-care'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (user: StaffUser, permission: Permission): boolean =>
  user.roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));

/** The role a user acts in, for the audit trail: the most senior they hold. */
export const actingRole = (user: StaffUser): Role =>
  (['manager', 'worker', 'lado', 'early-help', 'social-care', 'partner', 'performance', 'admin'] as const).find((r) =>
    user.roles.includes(r),
  ) ?? 'worker';

/** A Cognito user's roles; a member of an agency's group is a partner (the `partner` role is not a group). */
export const rolesFromGroups = (groups: unknown, agencyIds: readonly string[] = []): Role[] => {
  const list: unknown[] = Array.isArray(groups) ? groups : [];
  const roles = list.filter((g): g is Role => typeof g === 'string' && g in ROLES && g !== 'partner');
  return partnerAgencyOf(list, agencyIds) ? [...roles, 'partner'] : roles;
};

/** The partner agency a user's groups name, if any: a user belongs to one agency. */
export const partnerAgencyOf = (groups: unknown, agencyIds: readonly string[]): string | undefined =>
  Array.isArray(groups) ? groups.find((g): g is string => typeof g === 'string' && agencyIds.includes(g)) : undefined;
