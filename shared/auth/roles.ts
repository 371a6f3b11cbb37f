/** Who uses the triage console, as Cognito groups on AWS and seeded users locally. */
export const ROLES = {
  worker: 'Triage worker',
  manager: 'Manager',
  admin: 'Administrator',
  /** The Local Authority Designated Officer: allegations about adults who work with children. */
  lado: 'Local Authority Designated Officer',
} as const;
export type Role = keyof typeof ROLES;

export interface StaffUser {
  id: string;
  name: string;
  roles: Role[];
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
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (user: StaffUser, permission: Permission): boolean =>
  user.roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));

/** The role a user acts in, for the audit trail: the most senior they hold. */
export const actingRole = (user: StaffUser): Role =>
  (['manager', 'worker', 'lado', 'admin'] as const).find((r) => user.roles.includes(r)) ?? 'worker';

export const rolesFromGroups = (groups: unknown): Role[] =>
  Array.isArray(groups) ? groups.filter((g): g is Role => typeof g === 'string' && g in ROLES) : [];
