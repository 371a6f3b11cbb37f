import type { StaffUser } from './roles';

/**
 * Synthetic people for the local-only sign-in. They exist in no deployed stack: the stack
 * refuses to synthesise local sign-in for any stage but `local`.
 */
export const LOCAL_USERS: readonly StaffUser[] = [
  { id: 'sam.okafor', name: 'Sam Okafor', roles: ['worker'] },
  { id: 'priya.shah', name: 'Priya Shah', roles: ['worker'] },
  { id: 'morgan.ellis', name: 'Morgan Ellis', roles: ['manager'] },
  { id: 'jo.reid', name: 'Jo Reid', roles: ['admin'] },
  { id: 'casey.morgan', name: 'Casey Morgan', roles: ['lado'] },
  { id: 'ash.patel', name: 'Ash Patel', roles: ['performance'] },
  // One person from each of the MASH's core partner agencies (domain brief §10).
  { id: 'dc.harris', name: 'DC Jordan Harris', roles: ['partner'], agency: 'police' },
  { id: 'nurse.ahmed', name: 'Farah Ahmed', roles: ['partner'], agency: 'health' },
  { id: 'lee.turner', name: 'Lee Turner', roles: ['partner'], agency: 'education' },
  { id: 'rob.quinn', name: 'Rob Quinn', roles: ['partner'], agency: 'probation' },
  { id: 'alex.turner', name: 'Alex Turner', roles: ['early-help'] },
  { id: 'jordan.blake', name: 'Jordan Blake', roles: ['social-care'] },
];

export const localUser = (id: string): StaffUser | undefined => LOCAL_USERS.find((u) => u.id === id);

/**
 * The local partner users whose agency is not one of the stage's agencies: each would sign in to
 * the partner pages of an agency nobody can ask or invite. The local stage's configuration is
 * refused at load while there are any (infra/config.ts).
 */
export const localUsersWithoutAgency = (
  agencyIds: readonly string[],
  users: readonly StaffUser[] = LOCAL_USERS,
): StaffUser[] => users.filter((user) => user.agency !== undefined && !agencyIds.includes(user.agency));
