import { ROUTES } from '../../shared/triage/types';
import type { MailboxEmail } from '../support/local-system';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { followed, post, signIn, submitAndTriage, versionOnPage } from './helpers';

/**
 * A manager answering a referrer's reconsideration request over HTTP, against the local system:
 * a changed answer replaces the decision in the same versioned write, and the referrer and the
 * receiving team are told the new decision as well as the first.
 */
describe('answering a reconsideration request in the console', () => {
  const local = useLocalSystem();
  let manager: string;

  beforeAll(async () => {
    manager = await signIn(local.system, 'morgan.ellis');
  }, 60_000);

  const contactJson = async (contactId: string) =>
    (await (await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}`)).json()) as {
      status: string;
      decision: { route: string; level: number; decidedBy: string };
      previousDecisions?: { route: string; level: number }[];
      reconsideration: { status: string };
      statusToken: string;
    };

  const emailsAbout = async (reference: string) =>
    (await local.system.mailbox()).filter((m) => m.subject.includes(reference) || m.body.text?.includes(reference));
  const waitForEmails = (reference: string, what: string, count: (emails: MailboxEmail[]) => boolean) =>
    waitFor(
      async () => {
        const emails = await emailsAbout(reference);
        return count(emails) ? emails : undefined;
      },
      what,
      30_000,
    );

  /** A school neglect contact decided as targeted early help, whose referrer has asked for reconsideration. */
  const decidedAndChallenged = async () => {
    const contactId = await submitAndTriage(local.system, 'school-neglect');
    const decided = await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        route: 'early-help-targeted',
        level: 3,
        rationale: 'Neglect indicators at level 3; the family agrees to early help.',
        overrideReason: 'The school cannot meet these needs alone.',
      }),
    });
    expect(decided.status).toBe(201);
    const { reference } = (await decided.json()) as { reference: string };
    await waitForEmails(reference, 'the first outcome', (emails) =>
      emails.some((m) => m.subject.startsWith('Decision on your notification')),
    );
    const { statusToken } = await contactJson(contactId);
    const asked = await post(local.system, `/status/${statusToken}/reconsider`, {
      reason: 'Ellie is getting thinner each week; we think this needs social care.',
    });
    expect(asked.status).toBe(303);
    return { contactId, reference };
  };

  it('replaces the decision, keeps the old one, and emails the new outcome, the handover and what changed', async () => {
    const { contactId, reference } = await decidedAndChallenged();
    const version = await versionOnPage(local.system, contactId, manager);
    const answer = {
      version,
      reconsiderationStatus: 'changed',
      answer: 'Having read the school’s reasons again, we will assess.',
    };

    const withoutDecision = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      answer,
      manager,
    );
    expect((await followed(local.system, withoutDecision, manager)).text).toContain('Choose a route');
    const unchanged = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      { ...answer, route: 'early-help-targeted', level: '3', rationale: 'Same again, reworded.' },
      manager,
    );
    const refused = (await followed(local.system, unchanged, manager)).text;
    expect(refused).toContain('Choose a different route or level of need');
    // What the manager typed is shown again, not lost.
    expect(refused).toContain('Same again, reworded.</textarea>');
    expect(refused).toContain('Having read the school’s reasons again, we will assess.</textarea>');
    expect(refused).toMatch(/<option value="early-help-targeted" selected/);

    const newDecision = {
      route: 'csc-assessment',
      level: '4',
      rationale: 'Persistent neglect despite school support: a child in need assessment.',
    };
    const stale = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      { ...answer, ...newDecision, version: String(Number(version) - 1) },
      manager,
    );
    expect((await followed(local.system, stale, manager)).text).toContain('Someone else changed this contact');
    const changed = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      { ...answer, ...newDecision },
      manager,
    );
    expect(changed.status).toBe(303);

    const contact = await contactJson(contactId);
    expect(contact).toMatchObject({
      status: 'decided',
      decision: { children: [{ childIndex: 0, route: 'csc-assessment', level: 4 }], decidedBy: 'morgan.ellis' },
      previousDecisions: [{ children: [{ childIndex: 0, route: 'early-help-targeted', level: 3 }] }],
      reconsideration: { status: 'changed' },
    });

    const emails = await waitForEmails(
      reference,
      'the new outcome, the handover and the answer',
      (all) =>
        all.some((m) => m.subject.startsWith('Our answer')) &&
        all.filter((m) => m.subject.startsWith('Decision on your notification')).length === 2 &&
        all.some((m) => m.destination.to.includes('social-care@exampleshire.example')),
    );
    const outcomes = emails.filter((m) => m.subject.startsWith('Decision on your notification'));
    expect(outcomes[1]!.body.text).toContain(`Decision: ${ROUTES['csc-assessment']} (level of need 4)`);
    const handover = emails.find((m) => m.destination.to.includes('social-care@exampleshire.example'))!;
    expect(handover.body.text).toContain(
      `This replaces the earlier decision, ${ROUTES['early-help-targeted']} (level of need 3)`,
    );
    const answered = emails.find((m) => m.subject.startsWith('Our answer'))!;
    expect(answered.body.text).toContain(
      `The decision has changed from ${ROUTES['early-help-targeted']} (level of need 3). It is now: ${ROUTES['csc-assessment']} (level of need 4).`,
    );

    const page = await (
      await fetch(`${local.system.endpoints.api}/console/contacts/${contactId}`, { headers: { cookie: manager } })
    ).text();
    expect(page).toContain('Replaced decision');
    expect(page).toContain('Decision changed from level 3, early-help-targeted to level 4, csc-assessment');
  });

  it('upholds a decision without a new one, sending the answer and no second outcome', async () => {
    const { contactId, reference } = await decidedAndChallenged();
    const version = await versionOnPage(local.system, contactId, manager);
    const upheld = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      { version, reconsiderationStatus: 'upheld', answer: 'Early help is the right support for now.' },
      manager,
    );
    expect(upheld.status).toBe(303);
    const emails = await waitForEmails(reference, 'the answer', (all) =>
      all.some((m) => m.subject.startsWith('Our answer')),
    );
    expect(emails.find((m) => m.subject.startsWith('Our answer'))!.body.text).toContain('The decision stays the same');
    expect(emails.filter((m) => m.subject.startsWith('Decision on your notification'))).toHaveLength(1);
    expect(await contactJson(contactId)).toMatchObject({
      decision: { children: [{ route: 'early-help-targeted' }] },
      reconsideration: { status: 'upheld' },
    });
  });
});
