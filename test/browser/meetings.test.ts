import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { apiClient } from '../integration/api-client';

/**
 * A daily domestic abuse triage meeting in a real browser: a worker opens and chairs it, records
 * who came, each agency's contribution, an action and each child's outcome, closes it and the
 * child's school is emailed on its secure address; the record is on the contact. Then someone
 * from the police sees only that contact and answers the front door's request. Every page is
 * checked against WCAG 2.2 AA.
 */
describe('triage meetings and partner agencies in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  let contactId: string;

  const expectAccessible = async (name: string) => {
    const violations = (await accessibilityViolations(ui.page)).filter((v) => !/^aria-allowed-attr /.test(v));
    expect([name, violations]).toEqual([name, []]);
  };
  const signInAs = async (name: string) => {
    await ui.page.goto(`${local.system.endpoints.api}/console/sign-in`);
    await ui.page.getByLabel(name).check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    const api = apiClient(local.system);
    const accepted = await api.submit(
      JSON.parse(readFileSync(join(__dirname, '../../events/notifications/police-domestic-abuse-high.json'), 'utf8')),
    );
    contactId = accepted.body.contactId;
    await api.contactInStatus(contactId, 'awaiting-decision', 60_000);
  }, 120_000);

  it('a worker chairs the domestic abuse meeting and the school is told; the police see only that contact and answer a request', async () => {
    const base = local.system.endpoints.api;
    await signInAs('Sam Okafor');
    // The worker asks the police a question, to be answered in the console.
    await ui.page.goto(`${base}/console/contacts/${contactId}`);
    await ui.page.locator('#agency').selectOption('police');
    await ui.page.getByLabel('What do you need to know?').fill('Any call-outs to 22 Imaginary Road in the last year?');
    await ui.page.getByLabel('Email address you sent the request to').fill('safeguarding@police.example');
    await ui.page.getByRole('button', { name: 'Send request' }).click();
    await ui.page.getByText('Saved.').first().waitFor();

    await ui.page.goto(`${base}/console/meetings`);
    await ui.page.getByRole('heading', { name: 'Triage meetings' }).waitFor();
    await expectAccessible('meetings');
    await ui.page.getByRole('button', { name: 'Open and chair the Domestic abuse meeting' }).click();
    await ui.page.getByRole('heading', { name: 'Domestic abuse triage meeting' }).waitFor();
    await expectAccessible('meeting opened');

    await ui.page.getByText('Add an attendee').click();
    await ui.page.getByRole('button', { name: 'Add attendee' }).click();
    await ui.page.locator('.govuk-error-summary').waitFor();
    await expectAccessible('attendee with errors');
    await ui.page.locator('#name').fill('DC Jordan Harris');
    await ui.page.locator('#agency').selectOption('police');
    await ui.page.getByRole('button', { name: 'Add attendee' }).click();
    await ui.page.getByText('Attendee added').first().waitFor();

    // The contact is on the agenda with both children; Noah is the first of its children.
    const noah = ui.page
      .locator('section', { has: ui.page.getByRole('heading', { name: 'Noah Madeup' }) })
      .filter({ has: ui.page.locator(`input[value="${contactId}.0"]`) });
    await noah.getByText("Record an agency's contribution").click();
    await noah.getByLabel('Agency', { exact: true }).selectOption('police');
    await noah.getByLabel('What the agency knows').fill('Two call-outs to the address this year.');
    await noah.getByLabel('What the agency will do').fill('Refer to MARAC today.');
    await noah.getByRole('button', { name: 'Record contribution' }).click();
    await ui.page.getByText('Contribution recorded').first().waitFor();
    await noah.getByText('Add an action').click();
    await noah.getByLabel('Action', { exact: true }).fill('Health visitor to visit');
    await noah.getByLabel('Owner', { exact: true }).fill('Health');
    await noah.getByLabel('Day', { exact: true }).fill('4');
    await noah.getByLabel('Month', { exact: true }).fill('3');
    await noah.getByLabel('Year', { exact: true }).fill('2030');
    await noah.getByRole('button', { name: 'Add action' }).click();
    await ui.page.getByText('Action recorded').first().waitFor();
    await noah.getByText('Record the outcome').click();
    await noah.getByLabel('Outcome for Noah Madeup').fill('Strategy discussion today.');
    await noah.getByRole('button', { name: 'Record outcome' }).click();
    await ui.page.getByText('Outcome recorded').first().waitFor();
    await expectAccessible('meeting with a contribution, an action and an outcome');

    // Closing is refused until Mia has an outcome too.
    await ui.page.getByRole('button', { name: 'Close the meeting and tell GPs and schools' }).click();
    await ui.page
      .getByText(/Record an outcome for every child before closing the meeting: Mia Madeup/)
      .first()
      .waitFor();
    const mia = ui.page.locator('section').filter({ has: ui.page.locator(`input[value="${contactId}.1"]`) });
    await mia.getByText('Record the outcome').click();
    await mia.getByLabel('Outcome for Mia Madeup').fill('Early help offered to the family.');
    expect(
      await mia
        .locator('.govuk-hint')
        .filter({ hasText: 'The school will be emailed to dsl@example-primary.exampleshire.example' })
        .count(),
    ).toBe(1);
    await mia
      .getByLabel("What the child's school needs to know (optional)")
      .fill('Mia may be tired or upset; the DSL is the contact.');
    await mia.getByRole('button', { name: 'Record outcome' }).click();
    await ui.page.getByText('Outcome recorded').first().waitFor();
    await ui.page.getByRole('button', { name: 'Close the meeting and tell GPs and schools' }).click();
    await ui.page
      .getByText(/Meeting closed/)
      .first()
      .waitFor();
    await expectAccessible('meeting closed');

    const toSchool = await waitFor(
      async () =>
        (await local.system.mailbox()).find((m) =>
          m.destination.to.includes('dsl@example-primary.exampleshire.example'),
        ),
      "the school's email",
      20_000,
    );
    expect(toSchool.body.text).toContain('What you need to know: Mia may be tired or upset; the DSL is the contact.');
    expect(toSchool.body.text).not.toContain('assaulted');

    await ui.page.goto(`${base}/console/contacts/${contactId}`);
    await ui.page.getByRole('heading', { name: 'Triage meetings' }).waitFor();
    expect(await ui.page.locator('#meetings ~ table').first().textContent()).toContain(
      'Two call-outs to the address this year.',
    );
    expect(await ui.page.textContent('body')).toContain('Domestic abuse triage meeting closed');
    await ui.page.getByRole('button', { name: 'Sign out' }).click();

    // The police: only today's meeting contacts and their own requests.
    await signInAs('DC Jordan Harris');
    await ui.page.getByRole('heading', { name: "Today's work for your agency" }).waitFor();
    await expectAccessible('partner start page');
    expect(await ui.page.textContent('body')).toContain('Any call-outs to 22 Imaginary Road in the last year?');
    // No queue: the triage console sends a partner back to their own page, and no other contact opens.
    await ui.page.goto(`${base}/console?tab=all`);
    expect(ui.page.url()).toBe(`${base}/console/partner`);
    expect((await ui.page.goto(`${base}/console/contacts/${contactId}`))!.status()).toBe(403);
    await ui.page.goto(`${base}/console/partner/contacts/${contactId}`);
    await ui.page.getByRole('heading', { name: /^Contact CFC-/ }).waitFor();
    await expectAccessible('partner contact');
    await ui.page.getByLabel("Your agency's answer").fill('Two call-outs in January; no arrests.');
    await ui.page.getByRole('button', { name: 'Send answer' }).click();
    await ui.page.getByText('Your answer has been sent to the front door').waitFor();
    expect(await ui.page.textContent('body')).toContain('Two call-outs in January; no arrests. (DC Jordan Harris');
  }, 240_000);
});
