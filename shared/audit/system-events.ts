import type { AuditEvent } from '../contacts/ports';

/**
 * The audit trail's entries for what Front Door itself did (issue 12, point 10): beside people's
 * actions, so the trail tells the whole story of a contact. One actor for all of them; the
 * console names it, and never shows its id.
 */
export const SYSTEM_ACTOR: AuditEvent['actor'] = { id: 'front-door', name: 'Front Door', role: 'system' };

/** The actions recorded, named once so that the console can find them (the red banner's alert time). */
export const SYSTEM_ACTIONS = {
  triaged: 'Triaged',
  dutyManagerAlerted: 'Duty manager alerted',
  emergencyDutyTeamAlerted: 'Emergency duty team alerted',
  outcomeEmailed: 'Outcome emailed to the referrer',
} as const;

export const systemEvent = (contactId: string, at: string, action: string, detail?: string): AuditEvent => ({
  contactId,
  at,
  actor: SYSTEM_ACTOR,
  action,
  ...(detail && { detail }),
});
