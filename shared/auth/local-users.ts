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
];

export const localUser = (id: string): StaffUser | undefined => LOCAL_USERS.find((u) => u.id === id);
