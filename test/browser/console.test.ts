import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from './browser';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { submitAndTriage } from '../console/helpers';

/**
 * The journey in a real browser: a worker decides the most urgent contact, the decision
 * waits for a manager, the manager signs it off and the outcome email arrives. Every page is
 * checked against WCAG 2.2 AA on the way.
 */
describe('the triage console in a browser', () => {
  let system: RunningLocalSystem;
  let browser: Browser;
  let page: Page;
  const checked: string[] = [];

  const expectAccessible = async (name: string) => {
    expect([name, await accessibilityViolations(page)]).toEqual([name, []]);
    checked.push(name);
  };
  const signInAs = async (name: string) => {
    await page.goto(`${system.endpoints.api}/console`);
    await page.getByLabel(name).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
  };

  beforeAll(async () => {
    [system, browser] = await Promise.all([startLocalSystem(), launchBrowser()]);
    await Promise.all([submitAndTriage(system, 'school-neglect'), submitAndTriage(system, 'police-domestic-abuse-high')]);
    page = await (await browser.newContext()).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('worker decides the most urgent contact, manager signs it off, the outcome email is sent', async () => {
    await page.goto(`${system.endpoints.api}/`);
    await expectAccessible('start page, linking to the console');
    await page.getByRole('link', { name: 'Triage console' }).click();
    await page.getByRole('heading', { name: /Sign in to the triage console/ }).waitFor();
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('Local only');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Choose who to sign in as' }).waitFor();
    await expectAccessible('sign-in with an error');

    await page.getByLabel('Sam Okafor').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await expectAccessible('queue');

    // The most urgent contact is first: the red one, due within hours.
    const first = page.locator('#all tbody tr').first();
    expect(await first.textContent()).toContain('Red');
    const reference = (await first.getByRole('link').first().textContent())!.trim();
    await first.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Contact ${reference}` }).waitFor();
    await expectAccessible('contact');

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Decide' }).click();
    await page.getByRole('heading', { name: 'Decide what happens next' }).waitFor();
    expect(await page.getByLabel('Rationale').inputValue()).not.toBe('');
    await expectAccessible('decide');

    await page.getByLabel('Route').selectOption('early-help-targeted');
    await page.getByLabel('Level 3').check();
    await page.getByLabel('Primary need code').selectOption('N4');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('link', { name: /Say why you are choosing a different level or route/ }).waitFor();
    await expectAccessible('decide with an error');

    await page.getByLabel('Reason for overriding the recommendation').fill('The family has moved to a refuge; targeted early help with the refuge worker.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('A manager must sign it off before the outcome is sent').waitFor();
    expect(await page.getByText('Awaiting manager sign-off').first().isVisible()).toBe(true);

    await page.goto(`${system.endpoints.api}/console#manager`);
    expect(await page.locator('#manager').textContent()).toContain(reference);
    expect(await page.locator('#all').textContent()).not.toContain(reference);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('Morgan Ellis');
    await page.getByRole('tab', { name: /Awaiting manager/ }).click();
    await page.locator('#manager').getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: 'Decision awaiting sign-off' }).waitFor();
    await expectAccessible('contact awaiting sign-off');

    await page.getByLabel('Agree: send the outcome').check();
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByText('Decision signed off').waitFor();
    await expectAccessible('contact after sign-off');
    expect(await page.getByText('Signed off the decision').isVisible()).toBe(true);

    const email = await waitFor(
      async () => (await system.mailbox()).find((m) => m.subject === `Decision on your notification ${reference}`),
      'the outcome email',
      20_000,
    );
    expect(email.body.text).toContain('Early help');
    expect(checked).toHaveLength(8);
  });

  it('works with the keyboard alone: tab to the first contact and open it', async () => {
    await page.goto(`${system.endpoints.api}/console`);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('href'));
      if (href?.startsWith('/console/contacts/')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Contact / }).waitFor();
  });
});
