import { newStatusToken, type Contact, type DecidedContact } from '../../shared/contacts';
import type { Mailer } from '../../shared/mail/mailer';
import type { EmailMessage } from '../../shared/mail/message';
import { referrerStatus } from '../../shared/referrer/status';
import { CODE_ATTEMPTS, checkStatusCode, openStatusLink, sendStatusCode } from '../../shared/referrer/status-access';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { MemoryContacts } from '../support/contact-store-in-memory';
import { memoryStatusCodes } from '../support/memory-status-codes';

/** Status links: their own expiring token, and the decision's free text only behind a one-time code. */
const RATIONALE = 'Ellie is thinner each week and the family has not taken up the offer of help.';
const ANSWER = 'A manager read the school’s reasons again and agrees with the decision.';
const receivedAt = '2026-11-20T10:00:00.000Z';
const config = testRuntimeConfig();

const STRATEGY_RATIONALE = 'The bruise on a baby who cannot crawl needs a strategy discussion today.';

/** The same notification, sent by someone telling us for themselves, decided as a strategy discussion. */
const fromSomeoneNotAtWork = (agencyType: string): Contact => {
  const contact = decidedContact();
  return {
    ...contact,
    notification: {
      ...contact.notification,
      referrer: {
        ...contact.notification.referrer,
        name: agencyType === 'anonymous' ? undefined : 'Sam Neighbour',
        agencyType,
      },
    },
    decision: {
      ...contact.decision,
      children: [{ childIndex: 0, route: 'csc-strategy-discussion', level: 4, rationale: STRATEGY_RATIONALE }],
    },
    reconsideration: undefined,
  } as unknown as Contact;
};

const decidedContact = (): DecidedContact =>
  ({
    contactId: 'a'.repeat(26),
    reference: 'CFC-AAAA-BBBB',
    statusToken: newStatusToken('a'.repeat(26)),
    status: 'decided',
    channel: 'api',
    receivedAt,
    updatedAt: receivedAt,
    notification: {
      referrer: { email: 'dsl@school.example', name: 'Dana Lead', agencyType: 'school' },
      children: [{ firstName: 'Ellie', lastName: 'Example' }],
    },
    decision: {
      children: [{ childIndex: 0, route: 'early-help-targeted', level: 3, rationale: RATIONALE }],
      decidedAt: '2026-11-21T10:00:00.000Z',
      decidedBy: 'worker',
    },
    reconsideration: {
      requestedAt: '2026-11-22T10:00:00.000Z',
      reason: 'We think this needs social care.',
      status: 'upheld',
      answer: ANSWER,
      answeredAt: '2026-11-23T10:00:00.000Z',
    },
  }) as unknown as DecidedContact;

const setUp = () => {
  const contact = decidedContact();
  const store = new MemoryContacts([contact]);
  const codes = memoryStatusCodes();
  const sent: EmailMessage[] = [];
  const mailer: Mailer = { sendOnce: async (m) => void sent.push(m) };
  const lastCode = () => /Your code is (\d{6})/.exec(sent.at(-1)!.text)![1]!;
  return { contact, store, codes, sent, mailer, lastCode };
};

describe('status links', () => {
  const day = (n: number) => new Date(new Date(receivedAt).getTime() + n * 86_400_000);

  it("open with the link's own token until it expires; an expired, guessed or contact-id token opens nothing (a 404)", async () => {
    // Prepare
    const { contact, store } = setUp();
    const open = (token: string, now: Date) => openStatusLink({ token, now, linkDays: 90 }, { store });
    // Act and assess
    expect(await open(contact.statusToken!, day(89))).toEqual(contact);
    expect(await open(contact.statusToken!, day(90))).toBeUndefined();
    // A guessed secret opens nothing, even after the right contact id, and nor does the id alone.
    expect(await open(newStatusToken(contact.contactId), day(1))).toBeUndefined();
    expect(await open(contact.statusToken!.slice(26), day(1))).toBeUndefined();
    expect(await open(contact.contactId, day(1))).toBeUndefined();
    expect(await open('../../etc/passwd', day(1))).toBeUndefined();
    // The contact's id, then at least 128 random bits: 32 base64url characters carry 192.
    expect(contact.statusToken).toMatch(new RegExp(`^${contact.contactId}[A-Za-z0-9_-]{32}$`));
  });

  it('show the stage, the route and the next steps without a code, but no free text', () => {
    const { contact } = setUp();
    const shown = JSON.stringify(referrerStatus(contact));
    expect(shown).toContain('Early help');
    expect(shown).not.toContain(RATIONALE);
    expect(shown).not.toContain(ANSWER);
    expect(referrerStatus(contact).freeTextWithheld).toBe(true);
  });

  it('tell a member of the public, family or an anonymous referrer only that we decided and what anyone can do, never the route or the reasons, code or not', () => {
    for (const agencyType of ['member-of-public', 'family-member', 'acquaintance', 'self', 'anonymous']) {
      // Prepare
      const contact = fromSomeoneNotAtWork(agencyType);
      // Act
      const withoutCode = referrerStatus(contact);
      const withCode = referrerStatus(contact, { revealFreeText: true });
      // Assess
      for (const status of [withoutCode, withCode]) {
        const shown = JSON.stringify(status);
        expect(shown).not.toMatch(/strategy|s47|level/i);
        expect(shown).not.toContain(STRATEGY_RATIONALE);
        expect(status.decision).toBeUndefined();
        expect(status.confidentialOutcome?.text).toBe(
          'We have looked at your concern and decided what to do next. We cannot tell you the outcome because information about a child is confidential.',
        );
        expect(status.confidentialOutcome?.nextSteps).toContain('call 999');
        // Nothing for a code to open, and no decision to ask about again.
        expect(status.freeTextWithheld).toBe(false);
        expect(status.mayAskForReconsideration).toBe(false);
      }
    }
  });

  it('keep telling a professional referrer the route, and the reasons with a code', () => {
    // Prepare
    const contact = fromSomeoneNotAtWork('gp');
    // Act
    const [withoutCode, withCode] = [referrerStatus(contact), referrerStatus(contact, { revealFreeText: true })];
    // Assess
    expect(withoutCode.decision!.children[0]!.route).toMatch(/strategy discussion/);
    expect(withoutCode.confidentialOutcome).toBeUndefined();
    expect(JSON.stringify(withCode)).toContain(STRATEGY_RATIONALE);
  });

  it('reveal the reasons and the reconsideration answer with a code emailed to the referrer, once', async () => {
    const { contact, codes, sent, mailer, lastCode } = setUp();
    const now = day(2);
    expect(await sendStatusCode({ contact, now }, { codes, mailer, config })).toBe('sent');
    expect(sent.map((m) => m.to)).toEqual(['dsl@school.example']);
    expect(sent[0]!.text).not.toContain(RATIONALE);
    expect(await checkStatusCode({ contact, code: lastCode(), now }, { codes })).toBe('ok');
    const shown = JSON.stringify(referrerStatus(contact, { revealFreeText: true }));
    expect(shown).toContain(RATIONALE);
    expect(shown).toContain(ANSWER);
    // One time only.
    expect(await checkStatusCode({ contact, code: lastCode(), now }, { codes })).toBe('expired');
  });

  it('refuse a wrong code, an expired one, and every try after five wrong ones, even the right code', async () => {
    const { contact, codes, mailer, lastCode } = setUp();
    const now = day(2);
    await sendStatusCode({ contact, now }, { codes, mailer, config });
    const wrong = lastCode() === '000000' ? '111111' : '000000';
    expect(
      await checkStatusCode({ contact, code: lastCode(), now: new Date(now.getTime() + 16 * 60_000) }, { codes }),
    ).toBe('expired');
    await sendStatusCode({ contact, now }, { codes, mailer, config });
    for (let i = 0; i < CODE_ATTEMPTS; i += 1)
      expect(await checkStatusCode({ contact, code: wrong, now }, { codes })).toBe('wrong');
    expect(await checkStatusCode({ contact, code: lastCode(), now }, { codes })).toBe('too-many-attempts');
  });

  it('send one working code when two requests for a link arrive at once, never two codes of which the first is dead', async () => {
    // Prepare
    const { contact, codes, mailer, sent, lastCode } = setUp();
    const now = day(2);
    // Act
    const results = await Promise.all([
      sendStatusCode({ contact, now }, { codes, mailer, config }),
      sendStatusCode({ contact, now }, { codes, mailer, config }),
    ]);
    // Assess
    expect(results).toEqual(['sent', 'sent']);
    expect(sent).toHaveLength(1);
    expect(await checkStatusCode({ contact, code: lastCode(), now }, { codes })).toBe('ok');
  });

  it('send at most three codes an hour for one link', async () => {
    const { contact, codes, mailer, sent } = setUp();
    const at = (minutes: number) => new Date(day(2).getTime() + minutes * 60_000);
    const results = [];
    for (const minutes of [0, 1, 2, 3])
      results.push(await sendStatusCode({ contact, now: at(minutes) }, { codes, mailer, config }));
    expect(results).toEqual(['sent', 'sent', 'sent', 'too-many']);
    expect(await sendStatusCode({ contact, now: at(61) }, { codes, mailer, config })).toBe('sent');
    expect(sent).toHaveLength(4);
  });
});
