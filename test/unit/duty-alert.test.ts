import type { Contact } from '../../shared/contacts';
import { alertDutyManager } from '../../shared/front-door/triage-steps';
import type { AuditEvent, ContactStore } from '../../shared/contacts/ports';
import type { Mailer } from '../../shared/mail/mailer';
import type { EmailMessage } from '../../shared/mail/message';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';

/**
 * Issue 9 point 2 and the domain brief §10: an emergency duty team covers evenings, nights,
 * weekends and bank holidays, so a red alert outside office hours (Europe/London) goes to it.
 */

const config = testRuntimeConfig({ EMERGENCY_DUTY_TEAM_ADDRESS: 'edt@exampleshire.example' });
const contact = (): Contact => {
  const parsed = parseNotification({ ...aSchoolNeglectNotification(), immediateDanger: true });
  if (!parsed.ok) throw new Error('fixture is invalid');
  return {
    contactId: 'c'.repeat(26),
    reference: 'CFC-CCCC-DDDD',
    status: 'awaiting-decision',
    channel: 'web',
    receivedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    notification: parsed.notification,
    recommendation: {
      children: [{ childIndex: 0, level: 4, route: 'csc-strategy-discussion', priority: 'red', reasons: [] }],
      level: 4,
      route: 'csc-strategy-discussion',
      priority: 'red',
      dueAt: '2026-11-20T14:00:00.000Z',
      themes: [],
      reasons: [],
      clocks: [],
      ruleset: { id: 'default', version: '1' },
    },
  };
};

const alertAt = async (iso: string) => {
  // Prepare
  const sent: EmailMessage[] = [];
  const events: AuditEvent[] = [];
  const mailer: Mailer = { sendOnce: async (m) => void sent.push(m) };
  const store = {
    get: async () => contact(),
    appendEvent: async (e: AuditEvent) => void events.push(e),
  } as unknown as ContactStore;
  // Act
  const result = await alertDutyManager('c'.repeat(26), {
    store,
    mailer,
    config,
    now: new Date(iso),
    acknowledgements: { send: async () => {} },
  });
  return { result, email: sent[0]!, events };
};

describe('the red alert', () => {
  it("queues the referrer's pending acknowledgement only once the alert has gone", async () => {
    // Prepare
    const order: string[] = [];
    const store = {
      get: async () => ({ ...contact(), acknowledgement: { status: 'pending' } }),
      appendEvent: async () => void order.push('alert recorded'),
    } as unknown as ContactStore;
    const mailer: Mailer = { sendOnce: async () => void order.push('alert sent') };

    // Act
    await alertDutyManager('c'.repeat(26), {
      store,
      mailer,
      config,
      now: new Date('2026-11-18T10:00:00Z'),
      acknowledgements: { send: async (m) => void order.push(`queued ${m.contactId}`) },
    });

    // Assess
    expect(order).toEqual(['alert sent', 'alert recorded', `queued ${'c'.repeat(26)}`]);
  });

  it('goes to the duty manager in office hours, linking to the contact and naming no child', async () => {
    const { result, email, events } = await alertAt('2026-11-18T10:00:00Z'); // Wednesday 10:00 GMT
    expect(result.outOfHours).toBe(false);
    // Recorded for the contact page's red banner and the audit trail (issue 12).
    expect(events).toEqual([
      expect.objectContaining({
        at: '2026-11-18T10:00:00.000Z',
        action: 'Duty manager alerted',
        actor: expect.objectContaining({ role: 'system' }),
      }),
    ]);
    expect(email.to).toBe('duty@exampleshire.example');
    expect(email.text).toContain('https://front-door.example/console/contacts/cccccccccccccccccccccccccc');
    expect(email.text).not.toContain('Ellie');
  });

  it.each([
    ['a weekday evening', '2026-11-18T18:30:00Z'],
    ['a Saturday morning', '2026-11-21T10:00:00Z'],
    ['Christmas Day, a bank holiday on a Friday', '2026-12-25T10:00:00Z'],
    ['08:30 British Summer Time, before the office opens', '2026-07-01T07:30:00Z'],
  ])('goes to the emergency duty team on %s', async (_when, iso) => {
    const { result, email, events } = await alertAt(iso);
    expect(result.outOfHours).toBe(true);
    expect(events.map((e) => e.action)).toEqual(['Emergency duty team alerted']);
    expect(email.to).toBe('edt@exampleshire.example');
    expect(email.text).toContain('outside office hours');
  });

  it('is in hours at 09:30 British Summer Time (08:30 UTC)', async () => {
    expect((await alertAt('2026-07-01T08:30:00Z')).result.outOfHours).toBe(false);
  });
});
