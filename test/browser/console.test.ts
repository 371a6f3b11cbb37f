import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { submitAndTriage } from '../console/helpers';

/**
 * The triage console in a real browser, walked as a worker and then a manager would (issue 12,
 * points 8–12): a red contact that cannot be missed (first in the queue, a banner saying why and
 * when the duty manager was told), an overdue one next, plain words for codes, a story-telling
 * audit trail, errors that stay on GOV.UK pages at addresses that survive a reload, a queue that
 * fits a 320 px screen, and axe (WCAG 2.2 AA and best practice) on every page on the way.
 *
 * With SCREENSHOTS_DIR set (npm run screenshots), it also saves the README's screenshots there.
 */
describe('the triage console in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  const checked: string[] = [];
  const api = () => local.system.endpoints.api;
  let redId = '';
  let overdueId = '';
  let redReference = '';

  const expectAccessible = async (name: string) => {
    expect([name, await accessibilityViolations(ui.page, { bestPractice: true })]).toEqual([name, []]);
    checked.push(name);
  };
  const screenshot = async (name: string) => {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await ui.page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  };
  const title = () => ui.page.title();
  const text = async (selector: string) =>
    ((await ui.page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  /** Reloads until the text is on the page: Front Door's own steps (the alert, the emails) run on after triage. */
  const reloadUntil = (wanted: RegExp) =>
    waitFor(
      async () => (wanted.test(await text('main')) ? true : (await ui.page.reload(), undefined)),
      `the page to say ${wanted}`,
      30_000,
    );
  const signInAs = async (name: string) => {
    await ui.page.goto(`${api()}/console`);
    await ui.page.getByLabel(name).check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Triage queue' }).waitFor();
  };

  beforeAll(async () => {
    [overdueId, redId] = await Promise.all([
      submitAndTriage(local.system, 'school-neglect'),
      submitAndTriage(local.system, 'police-domestic-abuse-high'),
    ]);
    // The school's contact is made overdue, as if nobody had decided it in time.
    const store = new DynamoContactStore(
      local.system.endpoints.outputs.ContactsTableName!,
      new DynamoDBClient(local.system.clientConfig('dynamodb')),
    );
    const school = (await store.get(overdueId))!;
    await store.amend(
      overdueId,
      school.status,
      { recommendation: { ...school.recommendation!, dueAt: new Date(Date.now() - 3 * 3600_000).toISOString() } },
      new Date().toISOString(),
    );
  }, 120_000);

  it('a worker finds the red contact first, sees why it is red, and decides each child', async () => {
    await ui.page.goto(`${api()}/`);
    await expectAccessible('start page, linking to the console');
    await ui.page.getByRole('link', { name: 'Triage console' }).click();
    await ui.page.getByRole('heading', { name: /Sign in to the triage console/ }).waitFor();
    expect(await ui.page.locator('.govuk-warning-text').textContent()).toContain('Local only');
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('link', { name: 'Choose who to sign in as' }).waitFor();
    expect(await title()).toMatch(/^Error: /);
    await expectAccessible('sign-in with an error');

    await ui.page.getByLabel('Sam Okafor').check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Triage queue' }).waitFor();
    await expectAccessible('queue');
    await screenshot('console-queue');

    // Point 8: red first, then overdue, then by due time.
    const rows = ui.page.locator('#all tbody tr');
    expect(await rows.nth(0).textContent()).toContain('Red');
    expect(await rows.nth(1).textContent()).toContain('Overdue');
    redReference = (await rows.nth(0).getByRole('link').first().textContent())!.trim();

    // Point 9: the filters and the queue in plain words, never codes.
    const optionTexts = await ui.page.locator('form[action="/console"] option').allTextContents();
    expect(optionTexts).toEqual(
      expect.arrayContaining([
        'Domestic abuse',
        'Child sexual exploitation',
        'GP practice',
        'Early help: targeted family support',
      ]),
    );
    expect(optionTexts.filter((o) => /^[a-z]+(-[a-z]+)+$/.test(o.trim()))).toEqual([]);
    expect(await ui.page.getByRole('tab', { name: /Child sexual exploitation/ }).count()).toBe(1);

    // Point 12: the queue fits a 320 px screen (WCAG 1.4.10 reflow), every row still readable.
    await ui.page.setViewportSize({ width: 320, height: 900 });
    await ui.page.reload();
    expect(
      await ui.page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(320);
    // Each cell says which column it is in, the table's headers being hidden at this width.
    const labels = await rows
      .nth(0)
      .locator('td')
      .evaluateAll((cells) =>
        cells.map(
          (cell) =>
            (
              globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }
            ).getComputedStyle(cell, '::before').content,
        ),
      );
    expect(labels).toEqual(expect.arrayContaining(['"Reference: "', '"Priority: "', '"Decision due: "']));
    await expectAccessible('queue at 320 px');
    await screenshot('console-queue-320px');
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await ui.page.reload();

    await rows.nth(0).getByRole('link', { name: redReference }).click();
    await ui.page.getByRole('heading', { name: `Contact ${redReference}` }).waitFor();
    // Point 8: the banner first, saying why the contact is red and when the duty manager (out of hours, the emergency duty team) was told.
    await reloadUntil(/was alerted at/);
    const banner = await text('.govuk-notification-banner');
    expect(banner).toContain('Red priority');
    expect(banner).toMatch(/Why it is red: .+/);
    expect(banner).toMatch(
      /The (duty manager|emergency duty team) was alerted at \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4}\./,
    );
    // Point 9: dates as GOV.UK writes them, names not codes.
    const main = await text('main');
    expect(main).toContain('1 June 2024');
    expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(main).toContain("Referrer's agency Police");
    expect(main).toContain('Domestic abuse');
    expect(main).not.toContain('domestic-abuse');
    await expectAccessible('red contact');
    await screenshot('console-red-contact');

    // Point 10: the trail tells the story, Front Door's steps beside people's, repeated views once.
    await ui.page.reload();
    await reloadUntil(/Acknowledgement emailed to the referrer/);
    const trail = await text('#audit-trail + table');
    expect(trail).toContain("Received from an agency's system");
    expect(trail).toMatch(/Triaged: Recommended level 4, red priority, by ruleset \S+ version \S+/);
    expect(trail).toMatch(/(Duty manager|Emergency duty team) alerted/);
    expect(trail).toMatch(/Sam Okafor \(Triage worker\) Viewed \(\d+ times, last at/);
    expect(trail.match(/Sam Okafor \(Triage worker\) Viewed/g)).toHaveLength(1);

    // Point 11: a refused action comes back to the contact's own address (post/redirect/get).
    await ui.page.getByRole('button', { name: 'Escalate' }).click();
    await ui.page.locator('.govuk-error-summary').waitFor();
    expect(new URL(ui.page.url()).pathname).toBe(`/console/contacts/${redId}`);
    expect(await title()).toMatch(/^Error: Contact /);
    expect(await text('.govuk-error-summary')).toContain('Enter');
    await expectAccessible('contact with a refused action');
    await ui.page.reload();
    await ui.page.getByRole('heading', { name: `Contact ${redReference}` }).waitFor();
    expect(await ui.page.locator('.govuk-error-summary').count()).toBe(0);
    // An action's address opened directly, and an address the console does not have: GOV.UK's "Page not found".
    for (const path of [`/console/contacts/${redId}/escalate`, '/console/no-such-page']) {
      const response = await ui.page.goto(`${api()}${path}`);
      expect(response!.status()).toBe(404);
      await ui.page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(await title()).toMatch(/^Error: Page not found/);
    }
    await expectAccessible('page not found');
    await screenshot('console-page-not-found');

    // The overdue contact says so on its own page too.
    await ui.page.goto(`${api()}/console/contacts/${overdueId}`);
    expect(await text('.govuk-warning-text')).toMatch(/Overdue: the decision was due at/);
    expect(await text('main')).toContain('14 March 2018');
    await expectAccessible('overdue contact');

    await ui.page.goto(`${api()}/console/contacts/${redId}`);
    await ui.page.getByRole('button', { name: 'Claim' }).click();
    await ui.page.getByText('Saved.').waitFor();
    expect(new URL(ui.page.url()).pathname).toBe(`/console/contacts/${redId}`);
    await ui.page.getByRole('button', { name: 'Decide' }).click();
    await ui.page.getByRole('heading', { name: 'Decide what happens next' }).waitFor();
    // Two children in the household: each is decided, each form starting from that child's recommended
    // level and route, and a blank rationale for the worker's own words beside the recommendation's reasons.
    expect(await ui.page.getByLabel(/Rationale for Child 1/).inputValue()).toBe('');
    expect(await ui.page.getByText("The recommendation's reasons for Child 2").isVisible()).toBe(true);
    await expectAccessible('decide each child');
    await screenshot('console-decide');

    await ui.page.getByRole('link', { name: 'Record the same decision for all children' }).click();
    await ui.page.getByRole('button', { name: 'Record decision for all children' }).waitFor();
    expect(await ui.page.getByLabel('Rationale', { exact: true }).inputValue()).toBe('');
    await expectAccessible('decide the same for all children');
    await ui.page.getByRole('link', { name: 'Decide for each child instead' }).click();

    // The toddler keeps the recommended strategy discussion; the older child gets targeted early help.
    await ui.page
      .getByLabel(/Rationale for Child 1/)
      .fill('Bruising to a toddler with no explanation: a strategy discussion today, as the recommendation says.');
    await ui.page
      .getByLabel(/Rationale for Child 2/)
      .fill('No injury to the older child; the family needs help to settle and keep safe from the ex-partner.');
    const second = ui.page.getByRole('group', { name: /Level of need for Child 2/ });
    await ui.page.getByLabel(/Route for Child 2/).selectOption('early-help-targeted');
    await second.getByLabel('Level 3').check();
    await ui.page.getByLabel(/Primary need for Child 2/).selectOption('N4');
    await ui.page.getByRole('button', { name: 'Record decision for each child' }).click();
    await ui.page
      .getByRole('link', {
        name: /Say why you are choosing a different level or route from the recommendation for Child 2/,
      })
      .waitFor();
    expect(await title()).toMatch(/^Error: /);
    await expectAccessible('decide with an error');

    await ui.page
      .getByLabel(/Reason for overriding the recommendation for Child 2/)
      .fill('The family has moved to a refuge; targeted early help with the refuge worker.');
    await ui.page.getByRole('button', { name: 'Record decision for each child' }).click();
    await ui.page.getByText('A manager must sign it off before the outcome is sent').waitFor();
    expect(await ui.page.getByText('Awaiting manager sign-off').first().isVisible()).toBe(true);
    expect(await text('main')).toContain('Proposed by Sam Okafor');

    await ui.page.goto(`${api()}/console#manager`);
    expect(await ui.page.locator('#manager').textContent()).toContain(redReference);
    expect(await ui.page.locator('#all').textContent()).not.toContain(redReference);
  }, 240_000);

  it('a manager signs the decision off, and the day’s decisions show when they were made, not a countdown', async () => {
    await ui.page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('Morgan Ellis');
    await ui.page.getByRole('tab', { name: /Awaiting manager/ }).click();
    await ui.page.locator('#manager').getByRole('link', { name: redReference }).click();
    await ui.page.getByRole('heading', { name: 'Decision awaiting sign-off' }).waitFor();
    expect(await ui.page.getByRole('group', { name: 'Do you agree with this decision?' }).count()).toBe(1);
    await expectAccessible('contact awaiting sign-off');
    await screenshot('console-sign-off');

    // Sign off without choosing: the error comes back on the contact's own address.
    await ui.page.getByRole('button', { name: 'Sign off' }).click();
    await ui.page.locator('.govuk-error-summary').waitFor();
    expect(new URL(ui.page.url()).pathname).toBe(`/console/contacts/${redId}`);
    expect(await title()).toMatch(/^Error: /);
    await expectAccessible('sign-off with an error');

    await ui.page.getByLabel('Agree: send the outcome').check();
    await ui.page.getByRole('button', { name: 'Sign off' }).click();
    await ui.page.getByText('Decision signed off').waitFor();
    await expectAccessible('contact after sign-off');
    expect(await ui.page.getByText('Signed off the decision').isVisible()).toBe(true);
    expect(await text('main')).toMatch(/Decided by Sam Okafor at/);
    expect(await text('main')).not.toMatch(/sam\.okafor/);

    const email = await waitFor(
      async () =>
        (await local.system.mailbox()).find((m) => m.subject === `Decision on your notification ${redReference}`),
      'the outcome email',
      20_000,
    );
    // One outcome, with each child's decision.
    expect(email.body.text).toContain('Early help: targeted family support');
    expect(email.body.text).toContain('strategy discussion');
    await reloadUntil(/Outcome emailed to the referrer/);
    expect(await text('#audit-trail + table')).toMatch(/Morgan Ellis \(Manager\) Signed off the decision/);

    await ui.page.goto(`${api()}/console`);
    await ui.page.getByRole('tab', { name: /Decided today/ }).click();
    const decided = ui.page.locator('#decided-today tbody tr', { hasText: redReference });
    expect(await decided.textContent()).toMatch(/Decided at \d{1,2}(:\d\d)?(am|pm)/);
    expect(await decided.textContent()).not.toMatch(/left|overdue/i);
    await expectAccessible('queue, decided today');
    expect(checked).toHaveLength(15);
  }, 180_000);

  it('worker records an open case the registry lacks, then its closure, on the contact page (issue 9: open cases are known, not guessed)', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    const signOut = ui.page.getByRole('button', { name: 'Sign out' });
    if (await signOut.count()) await signOut.click();
    await signInAs('Priya Shah');
    await ui.page.goto(`${local.system.endpoints.api}/console/contacts/${overdueId}`);
    const openCase = ui.page.locator('form[action$="/record-case"]');
    await openCase.waitFor();
    expect(await ui.page.getByText('The case registry knows of no open case for these children.').isVisible()).toBe(
      true,
    );

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
    expect(await ui.page.locator('main').textContent()).not.toContain(
      'Existing open case: pass to the allocated worker',
    );
    expect(await ui.page.getByText('Recorded a closed social care case for child 1').first().isVisible()).toBe(true);
    await expectAccessible('contact after the case was closed');
  }, 120_000);

  it('works with the keyboard alone: tab to the first contact and open it', async () => {
    await ui.page.goto(`${api()}/console`);
    for (let i = 0; i < 40; i++) {
      await ui.page.keyboard.press('Tab');
      const href = await ui.page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
        ).document.activeElement?.getAttribute('href'),
      );
      if (href?.startsWith('/console/contacts/')) break;
    }
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('heading', { name: /^Contact / }).waitFor();
  });
});
