import type { DecidedContact } from '../../shared/contacts';
import type { Level, Route } from '../../shared/triage/types';
import { formatLondonTime } from '../../shared/calendar/format';
import { acknowledgementEmail } from '../../shared/mail/acknowledgement';
import { dutyManagerAlert } from '../../shared/mail/duty-alert';
import { handoverReplacedEmails, teamHandoverEmails } from '../../shared/mail/team-handovers';
import { outcomeEmail } from '../../shared/mail/outcome';
import { reconsiderationAnswerEmail } from '../../shared/mail/reconsideration-answer';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { runtimeConfig } from '../../shared/config';
import { testRuntimeConfig } from '../fixtures/runtime-config';

const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'exampleshire.example, police.example' });

const contactFrom = (referrerEmail: string): DecidedContact => {
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
      level: 3,
      route: 'early-help-targeted',
      priority: 'amber',
      dueAt: '2026-11-23T10:00:00.000Z',
      themes: [],
      reasons: [],
      clocks: [],
      ruleset: { id: 'default', version: '1' },
    },
    decision: {
      children: [
        {
          childIndex: 0,
          route: 'early-help-targeted',
          level: 3,
          rationale: 'Neglect indicators at level 3 with parental consent.',
        },
      ],
      decidedAt: '2026-11-20T15:00:00.000Z',
      decidedBy: 'worker-1',
    },
  };
};

/** A contact first decided as early help, then changed to a social care assessment on reconsideration. */
const changedOnReconsideration = () => {
  const first = contactFrom('dsl@school.example');
  const changed: DecidedContact = {
    ...first,
    decision: {
      children: [{ childIndex: 0, route: 'csc-assessment', level: 4, rationale: 'Persistent neglect: assess.' }],
      decidedAt: '2026-11-25T10:00:00.000Z',
      decidedBy: 'manager-1',
    },
    previousDecisions: [first.decision!],
    reconsideration: {
      requestedAt: '2026-11-24T10:00:00.000Z',
      reason: 'We disagree',
      status: 'changed',
      answer: 'We will assess.',
    },
  };
  return { first, changed };
};

/** The same notification about Ellie and her baby brother Finn, decided child by child. */
const twoChildren = (
  referrerEmail: string,
  finn: { route: Route; level: Level; rationale: string },
): DecidedContact => {
  const contact = contactFrom(referrerEmail);
  const ellie = contact.notification.children[0]!;
  contact.notification.children.push({ ...ellie, firstName: 'Finn', dateOfBirth: '2026-06-01' });
  contact.decision!.children.push({ childIndex: 1, ...finn });
  return contact;
};

describe('emails to referrers and teams', () => {
  it('keys the emails about a decision changed on reconsideration apart from the first, and says what changed', () => {
    const { first, changed } = changedOnReconsideration();
    expect(outcomeEmail(first, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:outcome`);
    expect(outcomeEmail(changed, config)!.idempotencyKey).toBe(`${'a'.repeat(26)}:outcome:2`);
    expect(teamHandoverEmails(first, config).map((e) => e.idempotencyKey)).toEqual([
      `${'a'.repeat(26)}:handover-early-help`,
    ]);
    expect(teamHandoverEmails(changed, config).map((e) => e.idempotencyKey)).toEqual([
      `${'a'.repeat(26)}:handover-social-care:2`,
    ]);
    expect(teamHandoverEmails(changed, config)[0]!.text).toContain('This replaces the earlier decision, Early help');
    const answer = reconsiderationAnswerEmail(changed, config)!;
    expect(answer.text).toMatch(
      /The decision has changed from Early help.*\(level of need 3\)\. It is now: .*\(level of need 4\)\./,
    );
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
    const sameTeam: DecidedContact = {
      ...changed,
      decision: {
        ...changed.decision!,
        children: [{ childIndex: 0, route: 'early-help-single-agency', level: 2, rationale: 'Single agency.' }],
      },
    };
    // Act
    const [notice, ...more] = handoverReplacedEmails(changed, config);
    // Assess
    expect(more).toEqual([]);
    expect(notice!.to).toBe(config.EARLY_HELP_TEAM_ADDRESS);
    expect(notice!.idempotencyKey).toBe(`${'a'.repeat(26)}:handover-replaced-early-help:2`);
    expect(notice!.text).toMatch(/earlier decision for CFC-AAAA-BBBB, Early help.*has been replaced/);
    expect(notice!.text).not.toContain('Ellie');
    expect(handoverReplacedEmails(first, config)).toEqual([]);
    expect(handoverReplacedEmails(sameTeam, config)).toEqual([]);
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

  it('tells a member of the public, family or an anonymous referrer that we decided, never the route or the reasons, even at a secure address', () => {
    for (const agencyType of ['member-of-public', 'family-member', 'anonymous'] as const) {
      // Prepare: a strategy discussion, which told to the wrong person could tip off whoever harms the child.
      const contact = contactFrom('neighbour@area.police.example');
      contact.notification.referrer = { agencyType, name: 'Sam Neighbour', email: 'neighbour@area.police.example' };
      contact.decision!.children[0] = {
        ...contact.decision!.children[0]!,
        route: 'csc-strategy-discussion',
        level: 4,
        rationale: 'Bruising on a non-mobile baby.',
      };
      contact.reconsideration = {
        requestedAt: '2026-11-22T10:00:00.000Z',
        reason: 'Please look again.',
        status: 'upheld',
        answer: 'The bruising needs a strategy discussion.',
        answeredAt: '2026-11-23T10:00:00.000Z',
      } as DecidedContact['reconsideration'];
      // Act
      const emails = [outcomeEmail(contact, config)!, reconsiderationAnswerEmail(contact, config)!];
      const acknowledgement = acknowledgementEmail(contact, config)!.text;
      // Assess
      for (const email of emails) {
        expect(email.text).toContain(
          'We cannot tell you the outcome because information about a child is confidential.',
        );
        expect(email.text).toContain('call 999');
        expect(email.text).not.toMatch(/strategy|level of need|bruis|Ellie/i);
      }
      expect(acknowledgement).not.toContain('the reasons for it');
    }
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
    contact.decision!.children[0]!.rationale = 'Seen <script>alert(1)</script> & more';
    const email = outcomeEmail(contact, config)!;
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('<a href="https://partnership.example/disagreements">');
  });

  it('hands the decision to the receiving team, and to nobody for no further action', () => {
    const contact = contactFrom('dsl@school.example');
    expect(teamHandoverEmails(contact, config).map((e) => e.to)).toEqual(['early-help@exampleshire.example']);
    contact.decision!.children[0]!.route = 'csc-assessment';
    expect(teamHandoverEmails(contact, config).map((e) => e.to)).toEqual(['social-care@exampleshire.example']);
    contact.decision!.children[0]!.route = 'nfa';
    expect(teamHandoverEmails(contact, config)).toEqual([]);
  });

  it("tells a secure referrer each child's decision, by name, with its own reasons and next steps", () => {
    const contact = twoChildren('officer@area.police.example', {
      route: 'csc-strategy-discussion',
      level: 4,
      rationale: 'Bruising to a baby who cannot move about.',
    });
    const text = outcomeEmail(contact, config)!.text;
    expect(text).toContain('for each child');
    expect(text).toMatch(
      /For Ellie Fictional: Early help: targeted family support \(level of need 3\)\.\nWhy: Neglect indicators/,
    );
    expect(text).toMatch(
      /For Finn Fictional: .*strategy discussion \(s47\) \(level of need 4\)\.\nWhy: Bruising to a baby/,
    );
    expect(text).toContain('will hold a strategy discussion with police and health');
  });

  it('numbers the children, and keeps names and reasons out, for an ordinary address', () => {
    const contact = twoChildren('dsl@school.example', {
      route: 'csc-strategy-discussion',
      level: 4,
      rationale: 'Bruising to a baby who cannot move about.',
    });
    const text = outcomeEmail(contact, config)!.text;
    expect(text).toContain('For child 1: Early help');
    expect(text).toContain('For child 2: ');
    expect(text).not.toMatch(/Ellie|Finn|Bruising|Neglect indicators/);
  });

  it('tells "the same for all children" as one decision', () => {
    const contact = twoChildren('officer@area.police.example', {
      route: 'early-help-targeted',
      level: 3,
      rationale: 'Neglect indicators at level 3 with parental consent.',
    });
    const text = outcomeEmail(contact, config)!.text;
    expect(text).toContain('Decision: Early help: targeted family support (level of need 3).');
    expect(text).not.toContain('For Ellie');
  });

  it('hands each child to their own receiving team, each handover naming the sibling and what was decided for them', () => {
    const contact = twoChildren('dsl@school.example', {
      route: 'csc-strategy-discussion',
      level: 4,
      rationale: 'Bruising to a baby who cannot move about.',
    });
    const emails = teamHandoverEmails(contact, config);
    expect(emails.map((e) => e.to)).toEqual(['early-help@exampleshire.example', 'social-care@exampleshire.example']);
    const [earlyHelp, socialCare] = emails;
    expect(earlyHelp!.text).toContain('Children: Ellie Fictional.');
    expect(earlyHelp!.text).toContain('Also in this notification: Finn Fictional, decided');
    expect(earlyHelp!.text).not.toContain('Bruising');
    expect(socialCare!.text).toContain('Children: Finn Fictional.');
    expect(socialCare!.text).toContain('Rationale: Bruising to a baby');
    expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(2);
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
    expect(() => runtimeConfig({ CONTACTS_TABLE: 'x' })).toThrow(
      /misconfigured: IDEMPOTENCY_TABLE[\s\S]*SENDER_ADDRESS/,
    );
  });

  it("reads the area's sign-off routes, and refuses a code that is not a route rather than ignoring it", () => {
    expect(testRuntimeConfig({ SIGN_OFF_ROUTES: 'nfa, existing-open-case' }).SIGN_OFF_ROUTES).toEqual([
      'nfa',
      'existing-open-case',
    ]);
    expect(testRuntimeConfig().SIGN_OFF_ROUTES).toEqual([]);
    expect(() => testRuntimeConfig({ SIGN_OFF_ROUTES: 'nfa,not-a-route' })).toThrow(
      /misconfigured: SIGN_OFF_ROUTES.1: Give SIGN_OFF_ROUTES as route codes/,
    );
  });
});
