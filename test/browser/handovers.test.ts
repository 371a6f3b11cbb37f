import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { submitAndTriage } from '../console/helpers';

/**
 * Receiving teams in a real browser (issue 15): early help returns a handover it cannot take,
 * with its reason; the front door sees the reason on the contact and decides again; social care
 * accepts the new handover; the front door sees the return counted. And a worker records
 * telephone calls: a consultation with no child identified, then a contact about a child in the
 * referrer's guided form. Every page is checked against WCAG 2.2 AA on the way.
 */
describe('receiving teams accept or return handovers, in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  let contactId: string;
  let reference: string;

  const expectAccessible = async (name: string) =>
    expect([name, await accessibilityViolations(ui.page)]).toEqual([name, []]);
  const signInAs = async (name: string, landing: string) => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    await ui.page.getByLabel(name).check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: landing, exact: true }).waitFor();
  };
  const signOut = () => ui.page.getByRole('button', { name: 'Sign out' }).click();
  const signOutFromConsole = async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    await signOut();
  };
  const decide = (body: unknown) =>
    fetch(`${local.system.endpoints.api}/api/contacts/${contactId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const handoverEmail = (to: string) =>
    waitFor(
      async () =>
        (await local.system.mailbox()).find((m) => m.destination.to.includes(to) && m.subject.includes(reference)),
      `the handover to ${to}`,
      30_000,
    );

  beforeAll(async () => {
    contactId = await submitAndTriage(local.system, 'school-neglect');
    const contact = (await (await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}`)).json()) as {
      reference: string;
    };
    reference = contact.reference;
    expect(
      (
        await decide({
          route: 'early-help-targeted',
          level: 3,
          rationale: 'Several level 3 needs; the family agrees to targeted early help.',
          overrideReason: 'The school cannot meet these needs alone.',
        })
      ).status,
    ).toBe(201);
    await handoverEmail('early-help@exampleshire.example');
  }, 150_000);

  it('shows a receiving team neither the triage console nor a handover addressed to another team', async () => {
    await signInAs('Jordan Blake', 'Handovers');
    expect((await ui.page.goto(`${local.system.endpoints.api}/console/contacts/${contactId}`))?.status()).toBe(403);
    // Only early help has a handover for this contact so far.
    expect((await ui.page.goto(`${local.system.endpoints.api}/console/handovers/${contactId}`))?.status()).toBe(404);
    await expectAccessible('social care: not found');
    await signOut();
  });

  it('early help returns the handover with its reason; the front door decides again; social care accepts', async () => {
    await signInAs('Alex Turner', 'Handovers');
    await expectAccessible('early help: handovers waiting');
    await ui.page.getByRole('link', { name: reference }).click();
    await ui.page.getByRole('heading', { name: reference }).waitFor();
    // The whole record: the referrer's own words and the decision's rationale.
    expect(await ui.page.textContent('main')).toContain('the family agrees to targeted early help');
    await expectAccessible('early help: the handover with the whole record');

    await ui.page.getByText('Return this handover to the front door').click();
    await ui.page.getByRole('button', { name: 'Return to the front door' }).click();
    await ui.page.getByRole('link', { name: /Say why you are returning this handover/ }).waitFor();
    await expectAccessible('early help: return without a reason');

    await ui.page
      .getByLabel('Why are you returning it?')
      .fill('Ellie already has an open child in need plan with social care: this is theirs.');
    await ui.page.getByRole('button', { name: 'Return to the front door' }).click();
    await ui.page.getByText('Handover returned.').waitFor();
    await expectAccessible('early help: after returning');
    await signOut();

    await signInAs('Sam Okafor', 'Triage queue');
    await ui.page.goto(`${local.system.endpoints.api}/console/contacts/${contactId}`);
    await ui.page.getByText('Handover returned', { exact: true }).waitFor();
    expect(await ui.page.textContent('main')).toContain(
      'Ellie already has an open child in need plan with social care',
    );
    await expectAccessible('front door: the returned contact, back on the queue');
    expect(
      (
        await decide({
          route: 'csc-assessment',
          level: 4,
          rationale: 'Open child in need plan: a child in need assessment by social care.',
          overrideReason: 'Early help returned it: the child has an open child in need plan.',
        })
      ).status,
    ).toBe(201);
    await handoverEmail('social-care@exampleshire.example');
    await signOut();

    await signInAs('Jordan Blake', 'Handovers');
    await ui.page.getByRole('link', { name: reference }).click();
    await ui.page.getByRole('button', { name: 'Accept this handover' }).click();
    await ui.page.getByText('Handover accepted.').waitFor();
    await expectAccessible('social care: after accepting');
    await signOut();

    await signInAs('Morgan Ellis', 'Triage queue');
    await ui.page.goto(`${local.system.endpoints.api}/console/handovers`);
    await ui.page.getByRole('heading', { name: 'Handovers' }).waitFor();
    const measures = await ui.page.textContent('main');
    expect(measures).toMatch(/Returned to the front door in the last 30 days\s*1/);
    expect(measures).toMatch(/Accepted in the last 30 days\s*1/);
    await expectAccessible('front door: handover measures');
    await signOut();
  }, 240_000);

  it('a worker records a phone consultation, finds it by searching, and starts a phone contact in the guided form', async () => {
    await signInAs('Priya Shah', 'Triage queue');
    await ui.page.getByRole('link', { name: 'Consultations' }).click();
    await ui.page.getByRole('link', { name: 'Record a telephone call' }).click();
    await ui.page.getByRole('heading', { name: 'Record a telephone call' }).waitFor();
    await expectAccessible('record a telephone call');

    await ui.page.getByRole('button', { name: 'Record the consultation' }).click();
    await ui.page.getByRole('link', { name: "Choose the caller's agency" }).waitFor();
    await expectAccessible('consultation with errors');

    await ui.page.getByLabel("Caller's agency").selectOption('school');
    await ui.page
      .getByLabel('What did the caller ask about?')
      .fill('A pupil has lost a lot of weight this term and seems withdrawn; is this a safeguarding concern?');
    await ui.page
      .getByLabel('What advice did you give?')
      .fill('Speak to the school nurse and the parents; if neglect is suspected, make a referral.');
    await ui.page.getByRole('button', { name: 'Record the consultation' }).click();
    await ui.page.getByText('Consultation recorded.').waitFor();
    await expectAccessible('consultations, after recording one');

    await ui.page.getByLabel('Search consultations').fill('weight nurse');
    await ui.page.getByRole('button', { name: 'Search' }).click();
    await ui.page.getByText('1 consultation matching').waitFor();
    await ui.page.getByLabel('Search consultations').fill('housing');
    await ui.page.getByRole('button', { name: 'Search' }).click();
    await ui.page.getByText('No consultations match').waitFor();

    await ui.page.goto(`${local.system.endpoints.api}/console/phone`);
    await ui.page.getByRole('button', { name: 'Record a contact in the guided form' }).click();
    await ui.page.waitForURL(/\/notify\/immediate-danger$/);
    await signOutFromConsole();
  }, 120_000);
});
