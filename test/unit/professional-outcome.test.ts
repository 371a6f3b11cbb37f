import type { DecidedContact } from '../../shared/contacts';
import { sendOutcome } from '../../shared/front-door/decisions';
import { InMemoryHandoverStore } from '../../shared/handovers/in-memory-handover-store';
import { professionalOutcomeEmails } from '../../shared/mail/professional-outcome';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryPorts } from '../support/memory-contact-store';

/**
 * Other professionals named in a notification are told the outcome (issue 15, as the Ofsted
 * inspection asked), on secure domains only: the email names the child and gives the reasons.
 */
const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'nhs.net,exampleshire.sch.example' });
const rationale = 'Neglect reported by school; the family agrees to targeted early help.';

const decidedWith = (otherProfessionals: unknown[]): DecidedContact => {
  const input = { ...aSchoolNeglectNotification(), otherProfessionals } as Record<string, unknown>;
  const parsed = parseNotification(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return {
    contactId: 'c1',
    reference: 'CFC-TEST-0002',
    status: 'decided',
    channel: 'api',
    receivedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    version: 3,
    notification: parsed.notification,
    decision: {
      children: [{ childIndex: 0, route: 'early-help-targeted', level: 3, rationale }],
      decidedAt: '2026-11-20T14:00:00.000Z',
      decidedBy: 'sam.okafor',
    },
  };
};

const gp = {
  name: 'Dr Sam Placeholder',
  role: 'GP',
  organisation: 'Example Surgery',
  email: 'sam.placeholder@nhs.net',
};

describe('telling the other professionals named in a notification', () => {
  it('tells a professional at a secure address what was decided for the child and why', () => {
    // Prepare
    const contact = decidedWith([gp]);
    // Act
    const [email, ...others] = professionalOutcomeEmails(contact, config);
    // Assess
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      to: 'sam.placeholder@nhs.net',
      idempotencyKey: 'c1:professional:sam.placeholder@nhs.net',
      subject: 'Front door decision about a child you work with: CFC-TEST-0002',
    });
    expect(email!.text).toContain('You were named as GP at Example Surgery');
    expect(email!.text).toContain('Ellie');
    expect(email!.text).toContain(`Why: ${rationale}`);
    expect(email!.text).toContain('The early help team will contact the family');
  });

  it('takes an email address given as the form\'s "telephone number or email address" answer', () => {
    const contact = decidedWith([
      {
        name: 'Pat Placeholder',
        role: 'Designated safeguarding lead',
        organisation: 'Example Primary',
        contact: 'dsl@exampleshire.sch.example',
      },
    ]);

    expect(professionalOutcomeEmails(contact, config).map((m) => m.to)).toEqual(['dsl@exampleshire.sch.example']);
  });

  it('tells nobody at an ordinary address, by phone number only, or already told as the referrer', () => {
    const contact = decidedWith([
      {
        name: 'Chris Placeholder',
        role: 'Health visitor',
        organisation: 'Example Health',
        email: 'chris.placeholder@mail.example',
      },
      { name: 'Robin Placeholder', role: 'Youth worker', organisation: 'Example Youth Club', contact: '01632 960 123' },
      { name: 'Again Placeholder', role: 'GP', organisation: 'Example Surgery', email: gp.email },
      gp,
    ]);
    contact.notification.referrer.email = gp.email;

    expect(professionalOutcomeEmails(contact, config)).toEqual([]);
  });

  it("refuses a professional's email address that is not one, with a clear error", () => {
    const parsed = parseNotification({
      ...aSchoolNeglectNotification(),
      otherProfessionals: [{ ...gp, email: 'not an address' }],
    } as Record<string, unknown>);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      expect.objectContaining({
        path: 'otherProfessionals.0.email',
        message: expect.stringContaining('Enter an email address'),
      }),
    ]);
  });

  it('is sent once with the outcome, however often the outcome message is delivered', async () => {
    const ports = memoryPorts(decidedWith([gp]));
    const deps = {
      ...ports,
      config,
      handovers: new InMemoryHandoverStore(),
      acknowledge: async () => undefined,
      now: new Date('2026-11-20T14:01:00Z'),
    };

    await sendOutcome('c1', deps);
    await sendOutcome('c1', deps);

    expect([...ports.sent.values()].filter((m) => m.to === gp.email)).toHaveLength(1);
  });
});
