import { auditTrail, redAlertOf } from '../../shared/audit/trail';
import type { Contact } from '../../shared/contacts';
import type { AuditEvent } from '../../shared/contacts/ports';
import { SYSTEM_ACTOR } from '../../shared/audit/system-events';

/** Issue 12, point 10: the audit trail tells the story, with Front Door's own steps beside people's. */
const contactId = 'c'.repeat(26);
const contact = {
  contactId,
  reference: 'CFC-TEST-0001',
  channel: 'web',
  status: 'decided',
  receivedAt: '2026-03-02T08:00:00.000Z',
  acknowledgement: { status: 'sent', sentAt: '2026-03-02T08:00:05.000Z' },
  reconsideration: { requestedAt: '2026-03-03T09:00:00.000Z', reason: 'We disagree', status: 'requested' },
} as unknown as Contact;
const sam = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const morgan = { id: 'morgan.ellis', name: 'Morgan Ellis', role: 'manager' };
const event = (at: string, actor: AuditEvent['actor'], action: string, detail?: string): AuditEvent => ({
  contactId,
  at: `2026-03-02T${at}:00.000Z`,
  actor,
  action,
  ...(detail && { detail }),
});

describe('the audit trail', () => {
  it("puts Front Door's steps beside people's actions, oldest first", () => {
    // Prepare
    const events = [
      event('08:00', SYSTEM_ACTOR, 'Triaged', 'Recommended level 4, red priority, by ruleset default version 3'),
      event('08:01', SYSTEM_ACTOR, 'Duty manager alerted'),
      event('09:00', sam, 'Decided'),
      event('09:01', SYSTEM_ACTOR, 'Outcome emailed to the referrer'),
    ];
    // Act
    const trail = auditTrail(contact, events);
    // Assess
    expect(trail.map((e) => [e.who, e.what])).toEqual([
      ['Front Door', 'Received through the online form: CFC-TEST-0001'],
      ['Front Door', 'Triaged: Recommended level 4, red priority, by ruleset default version 3'],
      ['Front Door', 'Acknowledgement emailed to the referrer'],
      ['Front Door', 'Duty manager alerted'],
      ['Sam Okafor (Triage worker)', 'Decided'],
      ['Front Door', 'Outcome emailed to the referrer'],
      ['The referrer', 'Referrer asked for the decision to be reconsidered'],
    ]);
    expect(redAlertOf(events)).toEqual({ team: 'duty manager', at: '2026-03-02T08:01:00.000Z' });
  });

  it('shows repeated views by the same person in one sitting once, but not views either side of what they did', () => {
    // Prepare
    const events = [
      event('09:00', sam, 'Viewed'),
      event('09:05', morgan, 'Viewed'),
      event('09:10', sam, 'Viewed'),
      event('09:20', sam, 'Viewed'),
      event('09:30', sam, 'Claimed'),
      event('09:31', sam, 'Viewed'),
      event('15:00', sam, 'Viewed'),
    ];
    // Act
    const trail = auditTrail(contact, events).filter((e) => !e.system && e.who !== 'The referrer');
    // Assess
    expect(trail.map((e) => [e.who, e.what, e.times])).toEqual([
      ['Sam Okafor (Triage worker)', 'Viewed', 3],
      ['Morgan Ellis (Manager)', 'Viewed', 1],
      ['Sam Okafor (Triage worker)', 'Claimed', 1],
      ['Sam Okafor (Triage worker)', 'Viewed', 1],
      ['Sam Okafor (Triage worker)', 'Viewed', 1],
    ]);
    expect(trail[0]!.lastAt).toBe('2026-03-02T09:20:00.000Z');
  });

  it('names the emergency duty team when the alert went out of hours', () => {
    expect(redAlertOf([event('22:00', SYSTEM_ACTOR, 'Emergency duty team alerted', 'Outside office hours')])).toEqual({
      team: 'emergency duty team',
      at: '2026-03-02T22:00:00.000Z',
    });
  });
});
