import type { Role } from '../../shared/auth/roles';

/**
 * Who may reach each console route (README: who sees what). The role × route test runs every
 * row for every role over HTTP; the stack test checks that every console route the stack
 * defines has a row here, so a new route cannot ship without saying who may reach it.
 * Sign-in routes are open to all and not listed. The staff API routes (/api/contacts…,
 * /api/children…) are for systems, not people: IAM-authorised, no console role reaches them.
 */
export interface RoleRoute {
  /** The route key, as in the stack: `GET /console/contacts/{id}`. */
  route: string;
  roles: readonly Role[];
}

export const ROLE_ROUTES: readonly RoleRoute[] = [
  { route: 'GET /console', roles: ['worker', 'manager'] },
  { route: 'GET /console/contacts/{id}', roles: ['worker', 'manager'] },
  { route: 'GET /console/contacts/{id}/decide', roles: ['worker', 'manager'] },
  { route: 'POST /console/contacts/{id}/decide', roles: ['worker', 'manager'] },
  { route: 'GET /console/contacts/{id}/original-email', roles: ['worker', 'manager'] },
  { route: 'POST /console/contacts/{id}/complete', roles: ['worker', 'manager'] },
  { route: 'POST /console/contacts/{id}/{action}', roles: ['worker', 'manager'] },
  { route: 'GET /console/allegations', roles: ['lado'] },
  { route: 'GET /console/allegations/{id}', roles: ['lado'] },
  { route: 'POST /console/allegations/{id}/{action}', roles: ['lado'] },
  { route: 'GET /console/handovers', roles: ['worker', 'manager', 'early-help', 'social-care'] },
  { route: 'GET /console/handovers/{id}', roles: ['early-help', 'social-care'] },
  { route: 'POST /console/handovers/{id}/{action}', roles: ['early-help', 'social-care'] },
  { route: 'GET /console/phone', roles: ['worker', 'manager'] },
  { route: 'POST /console/phone', roles: ['worker', 'manager'] },
  { route: 'GET /console/consultations', roles: ['worker', 'manager'] },
  { route: 'GET /console/performance', roles: ['manager', 'performance'] },
  { route: 'GET /console/meetings', roles: ['worker', 'manager'] },
  { route: 'POST /console/meetings', roles: ['worker', 'manager'] },
  { route: 'GET /console/meetings/{id}', roles: ['worker', 'manager'] },
  { route: 'POST /console/meetings/{id}/{action}', roles: ['worker', 'manager'] },
  { route: 'GET /console/partner', roles: ['partner'] },
  { route: 'GET /console/partner/contacts/{id}', roles: ['partner'] },
  { route: 'POST /console/partner/contacts/{id}/answer', roles: ['partner'] },
];

/** Routes anyone may reach, signed in or not. */
export const SIGN_IN_ROUTES = [
  'GET /console/sign-in',
  'POST /console/sign-in',
  'POST /console/sign-out',
  'GET /console/auth/callback',
];
