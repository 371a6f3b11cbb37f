import type { Contact } from '../../shared/contacts';
import { formatLondonTime } from '../../shared/calendar/format';
import { acknowledgementEmail, dutyManagerAlert, handoverReplacedEmail, outcomeEmail, reconsiderationAnswerEmail, teamHandoverEmail } from '../../shared/mail/messages';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { runtimeConfig } from '../../shared/config';
import { testRuntimeConfig } from '../fixtures/runtime-config';

const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'exampleshire.example, police.example' });

const contactFrom = (referrerEmail: string): Contact => {
  const input = aSchoolNeglectNotification();
  input.referrer.email = referrerEmail;
  const parsed = parseNotification(input);
  if (!parsed.ok) throw new Error('fixture is invalid');
  return {
    contactId: 'a'.repeat(26),
    reference: 'CFC-AAAA-BBBB',
    statusToken: 'T'.repeat(32),
    status: 'decided',
    channel: 'api',
    receivedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    notification: parsed.notification,
    recommendation: {
      children: [{ childIndex: 0, level: 3, route: 'early-help-targeted', priority: 'amber', reasons: [] }],
      level: 3, route: 'early-help-targeted', priority: 'amber', dueAt: '2026-11-23T10:00:00.000Z',
      themes: [], reasons: [], clocks: [], ruleset: { id: 'default', version: '1' },
    },
    decision: {
      route: 'early-help-targeted', level: 3, rationale: 'Neglect indicators at level 3 with parental consent.',
      decidedAt: '2026-11-20T15:00:00.000Z', decidedBy: 'worker-1',
    },
  };
};

/** A contact first decided as early help, then changed to a social care assessment on reconsideration. */
const changedOnReconsideration = () => {
  const first = contactFrom('dsl@school.example');
  const changed: Contact = {
    ...first,
    decision: { route: 'csc-assessment', level: 4, rationale: 'Persistent neglect: assess.', decidedAt: '2026-11-25T10:00:00.000Z', decidedBy: 'manager-1' },
    previousDecisions: [first.decision!],
    reconsideration: { requestedAt: '2026-11-24T10:00:00.000Z', reason: 'We disagree', status: 'changed', answer: 'We will assess.' },
  };
  return { first, changed };
};

describe('emails to referrers and teams', () => {
  it('keys the emails about a decision changed on reconsideration apart from the first, and says what changed', () => {
    const { first, changed } = changedOnReconsideration();
    expect(outcomeEmail(first, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:outcome`);
    expect(outcomeEmail(changed, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:outcome:2`);
    expect(teamHandoverEmail(first, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:handover`);
    expect(teamHandoverEmail(changed, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:handover:2`);
    expect(teamHandoverEmail(changed, config)!.text).toContain('This replaces the earlier decision, Early help');
    const answer = reconsiderationAnswerEmail(changed, config)!;
    expect(answer.text).toMatch(/The decision has changed from Early help.*\(level of need 3\)\. It is now: .*\(level of need 4\)\./);
    expect(answer.text).not.toContain('Ellie');
  });

  it('does not offer reconsideration again in the email about a decision changed on reconsideration', () => {
    // Prepare
    const { first, changed } = changedOnReconsideration();
    // Act
    const [before, after] = [outcomeEmail(first, config)!.text, outcomeEmail(changed, config)!.text];
    // Assess
    expect(before).toContain('you can ask us once to reconsider it');
    expect(after).not.toContain('reconsider it');
    expect(after).toContain('resolving professional disagreements');
  });

  it('tells the team that received the earlier handover that it has been replaced, once, and only when the team changed', () => {
    // Prepare
    const { first, changed } = changedOnReconsideration();
    const sameTeam: Contact = { ...changed, decision: { ...changed.decision!, route: 'early-help-single-agency', level: 2 } };
    // Act
    const notice = handoverReplacedEmail(changed, config)!;
    // Assess
    expect(notice.to).toBe(config.EARLY_HELP_TEAM_ADDRESS);
    expect(notice.idempotencyKey).toBe(`${'a'.repeat(26)}:handover-replaced:2`);
    expect(notice.text).toMatch(/earlier decision for CFC-AAAA-BBBB, Early help.*has been replaced/);
    expect(notice.text).not.toContain('Ellie');
    expect(handoverReplacedEmail(first, config)).toBeUndefined();
    expect(handoverReplacedEmail(sameTeam, config)).toBeUndefined();
  });

  it('writes to no one who gave no email address, and greets someone who gave no name plainly', () => {
    // Prepare
    const anonymous = contactFrom('dsl@school.example');
    anonymous.notification.referrer = { agencyType: 'anonymous', phone: '01632 960 999' };
    const unnamed = contactFrom('pat@mail.example');
    unnamed.notification.referrer = { agencyType: 'anonymous', email: 'pat@mail.example' };
    // Act and assess
    expect(acknowledgementEmail(anonymous, config)).toBeUndefined();
    expect(outcomeEmail(anonymous, config)).toBeUndefined();
    expect(acknowledgementEmail(unnamed, config)!.text).toMatch(/^Hello,/);
    expect(dutyManagerAlert(anonymous, config).text).toContain('Referring agency: none (anonymous).');
  });

  it('acknowledges with the reference, the due time in London time and a status link', () => {
    const email = acknowledgementEmail(contactFrom('dsl@school.example'), config)!;
    expect(email.subject).toContain('CFC-AAAA-BBBB');
    expect(email.text).toContain('by 10am on Monday 23 November 2026');
    // The link's own token, never the contact id.
    expect(email.text).toContain(`https://front-door.example/status/${'T'.repeat(32)}`);
    expect(email.text).not.toContain('/status/aaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(email.idempotencyKey).toBe('aaaaaaaaaaaaaaaaaaaaaaaaaa:acknowledgement');
  });

  it('keeps children and reasons out of mail to an ordinary address', () => {
    const contact = contactFrom('dsl@school.example');
    for (const email of [acknowledgementEmail(contact, config)!, outcomeEmail(contact, config)!]) {
      expect(email.text).not.toContain('Ellie');
      expect(email.text).not.toContain('Neglect indicators');
    }
  });

  it('gives the reasons to a secure address, subdomains included', () => {
    const contact = contactFrom('officer@area.police.example');
    expect(acknowledgementEmail(contact, config)!.text).toContain('Ellie Fictional');
    const outcome = outcomeEmail(contact, config)!.text;
    expect(outcome).toContain('Why: Neglect indicators at level 3');
    expect(outcome).toContain('targeted family support');
    expect(outcome).toMatch(/disagree/);
    expect(outcome).toContain('https://partnership.example/disagreements');
  });

  it('renders every email as HTML too, escaping what the referrer wrote', () => {
    const contact = contactFrom('officer@area.police.example');
    contact.decision = { ...contact.decision!, rationale: 'Seen <script>alert(1)</script> & more' };
    const email = outcomeEmail(contact, config)!;
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('<a href="https://partnership.example/disagreements">');
  });

  it('hands the decision to the receiving team, and to nobody for no further action', () => {
    const contact = contactFrom('dsl@school.example');
    expect(teamHandoverEmail(contact, config)?.to).toBe('early-help@exampleshire.example');
    contact.decision = { ...contact.decision!, route: 'csc-assessment' };
    expect(teamHandoverEmail(contact, config)?.to).toBe('social-care@exampleshire.example');
    contact.decision = { ...contact.decision!, route: 'nfa' };
    expect(teamHandoverEmail(contact, config)).toBeUndefined();
  });

  it('alerts the duty manager without naming the child', () => {
    const alert = dutyManagerAlert(contactFrom('dsl@school.example'), config);
    expect(alert.to).toBe('duty@exampleshire.example');
    expect(alert.subject).toMatch(/^RED/);
    expect(alert.text).not.toContain('Ellie');
  });

  it('formats times in Europe/London across the clock change', () => {
    expect(formatLondonTime('2026-07-01T09:00:00Z')).toBe('10am on Wednesday 1 July 2026');
    expect(formatLondonTime('2026-12-01T09:30:00Z')).toBe('9:30am on Tuesday 1 December 2026');
    expect(formatLondonTime('2026-12-01T12:00:00Z')).toBe('midday on Tuesday 1 December 2026');
    expect(formatLondonTime('2026-10-25T00:30:00Z')).toBe('1:30am on Sunday 25 October 2026');
    expect(formatLondonTime('2026-10-25T01:30:00Z')).toBe('1:30am on Sunday 25 October 2026');
    expect(formatLondonTime('2026-10-26T00:00:00Z')).toBe('midnight on Monday 26 October 2026');
    expect(formatLondonTime('2026-12-01T17:05:00Z')).toBe('5:05pm on Tuesday 1 December 2026');
  });
});

describe('runtime configuration', () => {
  it('fails at cold start with every problem named', () => {
    expect(() => runtimeConfig({ CONTACTS_TABLE: 'x' })).toThrow(/misconfigured: IDEMPOTENCY_TABLE[\s\S]*SENDER_ADDRESS/);
  });
});
