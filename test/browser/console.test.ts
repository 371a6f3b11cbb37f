import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { submitAndTriage } from '../console/helpers';

/**
 * The journey in a real browser: a worker decides the most urgent contact (a domestic
 * abuse notification about two children) child by child, the decision waits for a manager, the manager signs it off and the outcome email arrives. Every page is
 * checked against WCAG 2.2 AA on the way.
 */
describe('the triage console in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  const checked: string[] = [];

  const expectAccessible = async (name: string) => {
    expect([name, await accessibilityViolations(ui.page)]).toEqual([name, []]);
    checked.push(name);
  };
  const signInAs = async (name: string) => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    await ui.page.getByLabel(name).check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Triage queue' }).waitFor();
  };

  let neglectContactId: string;

  beforeAll(async () => {
    [neglectContactId] = await Promise.all([submitAndTriage(local.system, 'school-neglect'), submitAndTriage(local.system, 'police-domestic-abuse-high')]);
  }, 120_000);

  it('worker decides each child of the most urgent contact, manager signs it off, the outcome email is sent', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/`);
    await expectAccessible('start ui.page, linking to the console');
    await ui.page.getByRole('link', { name: 'Triage console' }).click();
    await ui.page.getByRole('heading', { name: /Sign in to the triage console/ }).waitFor();
    expect(await ui.page.locator('.govuk-warning-text').textContent()).toContain('Local only');
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('link', { name: 'Choose who to sign in as' }).waitFor();
    await expectAccessible('sign-in with an error');

    await ui.page.getByLabel('Sam Okafor').check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await expectAccessible('queue');

    // The most urgent contact is first: the red one, due within hours.
    const first = ui.page.locator('#all tbody tr').first();
    expect(await first.textContent()).toContain('Red');
    const reference = (await first.getByRole('link').first().textContent())!.trim();
    await first.getByRole('link', { name: reference }).click();
    await ui.page.getByRole('heading', { name: `Contact ${reference}` }).waitFor();
    await expectAccessible('contact');

    await ui.page.getByRole('button', { name: 'Claim' }).click();
    await ui.page.getByText('Saved.').waitFor();
    await ui.page.getByRole('button', { name: 'Decide' }).click();
    await ui.page.getByRole('heading', { name: 'Decide what happens next' }).waitFor();
    // Two children in the household: each is decided, each form starting from that child's recommendation.
    expect(await ui.page.getByLabel(/Rationale for Child 1/).inputValue()).not.toBe('');
    expect(await ui.page.getByLabel(/Rationale for Child 2/).inputValue()).not.toBe('');
    await expectAccessible('decide each child');

    await ui.page.getByRole('link', { name: 'Record the same decision for all children' }).click();
    await ui.page.getByRole('button', { name: 'Record decision for all children' }).waitFor();
    expect(await ui.page.getByLabel('Rationale', { exact: true }).inputValue()).not.toBe('');
    await expectAccessible('decide the same for all children');
    await ui.page.getByRole('link', { name: 'Decide for each child instead' }).click();

    // The toddler keeps the recommended strategy discussion; the older child gets targeted early help.
    const second = ui.page.getByRole('group', { name: /Level of need for Child 2/ });
    await ui.page.getByLabel(/Route for Child 2/).selectOption('early-help-targeted');
    await second.getByLabel('Level 3').check();
    await ui.page.getByLabel(/Primary need code for Child 2/).selectOption('N4');
    await ui.page.getByRole('button', { name: 'Record decision for each child' }).click();
    await ui.page.getByRole('link', { name: /Say why you are choosing a different level or route from the recommendation for Child 2/ }).waitFor();
    await expectAccessible('decide with an error');

    await ui.page.getByLabel(/Reason for overriding the recommendation for Child 2/).fill('The family has moved to a refuge; targeted early help with the refuge worker.');
    await ui.page.getByRole('button', { name: 'Record decision for each child' }).click();
    await ui.page.getByText('A manager must sign it off before the outcome is sent').waitFor();
    expect(await ui.page.getByText('Awaiting manager sign-off').first().isVisible()).toBe(true);

    await ui.page.goto(`${local.system.endpoints.api}/console#manager`);
    expect(await ui.page.locator('#manager').textContent()).toContain(reference);
    expect(await ui.page.locator('#all').textContent()).not.toContain(reference);

    await ui.page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('Morgan Ellis');
    await ui.page.getByRole('tab', { name: /Awaiting manager/ }).click();
    await ui.page.locator('#manager').getByRole('link', { name: reference }).click();
    await ui.page.getByRole('heading', { name: 'Decision awaiting sign-off' }).waitFor();
    await expectAccessible('contact awaiting sign-off');

    await ui.page.getByLabel('Agree: send the outcome').check();
    await ui.page.getByRole('button', { name: 'Sign off' }).click();
    await ui.page.getByText('Decision signed off').waitFor();
    await expectAccessible('contact after sign-off');
    expect(await ui.page.getByText('Signed off the decision').isVisible()).toBe(true);

    const email = await waitFor(
      async () => (await local.system.mailbox()).find((m) => m.subject === `Decision on your notification ${reference}`),
      'the outcome email',
      20_000,
    );
    // One outcome, with each child's decision.
    expect(email.body.text).toContain('Early help: targeted family support');
    expect(email.body.text).toContain('strategy discussion');
    expect(checked).toHaveLength(9);
  });

  it('worker records an open case the registry lacks, then its closure, on the contact page (issue 9: open cases are known, not guessed)', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    const signOut = ui.page.getByRole('button', { name: 'Sign out' });
    if (await signOut.count()) await signOut.click();
    await signInAs('Priya Shah');
    await ui.page.goto(`${local.system.endpoints.api}/console/contacts/${neglectContactId}`);
    const openCase = ui.page.locator('form[action$="/record-case"]');
    await openCase.waitFor();
    expect(await ui.page.getByText('The case registry knows of no open case for these children.').isVisible()).toBe(true);

    await openCase.getByLabel('Open case', { exact: true }).check();
    await openCase.getByLabel('Social care', { exact: true }).check();
    await openCase.getByRole('button', { name: 'Record case' }).click();
    await ui.page.locator('.govuk-error-summary').waitFor();
    await expectAccessible('contact with an open case missing its worker');

    await openCase.getByLabel('Open case', { exact: true }).check();
    await openCase.getByLabel('Social care', { exact: true }).check();
    await openCase.getByLabel('Allocated worker or lead professional (for an open case)').fill('Casey Allocated');
    await openCase.getByLabel('Their email address').fill('casey.allocated@exampleshire.example');
    await openCase.getByLabel('Team (optional)').fill('CIN Team 2');
    await openCase.getByRole('button', { name: 'Record case' }).click();
    await ui.page.getByText(/Child 1: open social care case, allocated worker Casey Allocated/).waitFor();
    // Recommended again with what is now known: the contact goes to the allocated worker.
    expect(await ui.page.locator('main').textContent()).toContain('Existing open case: pass to the allocated worker');
    await expectAccessible('contact with an open case recorded');

    await openCase.getByLabel('Case closed', { exact: true }).check();
    await openCase.getByLabel('Social care', { exact: true }).check();
    await openCase.getByRole('button', { name: 'Record case' }).click();
    await ui.page.getByText('The case registry knows of no open case for these children.').waitFor();
    expect(await ui.page.locator('main').textContent()).not.toContain('Existing open case: pass to the allocated worker');
    expect(await ui.page.getByText('Recorded a closed social care case for child 1').first().isVisible()).toBe(true);
    await expectAccessible('contact after the case was closed');
  }, 120_000);

  it('works with the keyboard alone: tab to the first contact and open it', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    for (let i = 0; i < 40; i++) {
      await ui.page.keyboard.press('Tab');
      const href = await ui.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('href'));
      if (href?.startsWith('/console/contacts/')) break;
    }
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('heading', { name: /^Contact / }).waitFor();
  });
});
