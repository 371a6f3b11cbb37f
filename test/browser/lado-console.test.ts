import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { apiClient } from '../integration/api-client';

/**
 * The LADO's console in a real browser: the queue with its clock, an allegation, an initial
 * consideration refused for missing answers and then recorded, a meeting and the outcome. Every
 * page is checked against WCAG 2.2 AA.
 */
describe('the LADO console in a browser', () => {
  // Up to 8 engineers share 2 cores: the local system may take more than a minute to start.
  const local = useLocalSystem();
  const ui = useBrowserPage();

  const expectAccessible = async (name: string) => {
    expect([name, await accessibilityViolations(ui.page)]).toEqual([name, []]);
  };

  beforeAll(async () => {
    const api = apiClient(local.system);
    const accepted = await api.submit(
      JSON.parse(readFileSync(join(__dirname, '../../events/notifications/school-allegation-teacher.json'), 'utf8')),
    );
    await api.contactInStatus(accepted.body.contactId, 'referred-to-lado', 60_000);
  }, 120_000);

  it('the LADO considers an allegation, records the meeting and concludes it', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    await ui.page.getByLabel('Casey Morgan').check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Allegations' }).waitFor();
    await expectAccessible('allegations queue');
    expect(await ui.page.locator('tbody tr').first().textContent()).toContain('Initial consideration due');

    await ui.page.locator('tbody tr').first().getByRole('link').first().click();
    await ui.page.getByRole('heading', { name: /^Allegation LADO-/ }).waitFor();
    await expectAccessible('allegation');

    await ui.page.getByRole('button', { name: 'Record initial consideration' }).click();
    await ui.page.locator('.govuk-error-summary').waitFor();
    expect(await ui.page.locator('.govuk-error-summary__list li').count()).toBe(3);
    await expectAccessible('initial consideration with errors');
    await ui.page.locator('.govuk-error-summary__list a').first().click();
    await ui.page.locator('#immediateRisk').check();
    await ui.page.locator('#meetingNeeded').check();
    await ui.page
      .getByLabel('Reasons and advice given to the employer')
      .fill('Meets the harm threshold; the employer is advised not to investigate.');
    await ui.page.getByRole('button', { name: 'Record initial consideration' }).click();
    await ui.page.getByText('Initial consideration recorded', { exact: true }).first().waitFor();
    expect(await ui.page.locator('h1 + .govuk-tag').textContent()).toMatch(/Meeting due \(immediate risk: 72 hours\)/);
    await expectAccessible('awaiting the meeting');

    await ui.page.getByText('Record a meeting').click();
    await ui.page.locator('#heldOn-day').fill('2');
    await ui.page.locator('#heldOn-month').fill('1');
    await ui.page.locator('#heldOn-year').fill('2026');
    await ui.page.getByLabel('Time it started').fill('10:00');
    await ui.page.getByLabel('Attendees').fill('Casey Morgan, LADO\nJordan Sample, head teacher');
    await ui.page.getByLabel('Agencies represented').fill('LADO, police, employer');
    await ui.page
      .getByLabel('Discussion and decisions')
      .fill('Police to consider a criminal investigation; employer to suspend.');
    await ui.page.locator('#action1Text').fill('Police to decide on investigation');
    await ui.page.locator('#action1Owner').fill('DS Example');
    await ui.page.locator('#action1Due-day').fill('9');
    await ui.page.locator('#action1Due-month').fill('1');
    await ui.page.locator('#action1Due-year').fill('2026');
    await ui.page.getByRole('button', { name: 'Record meeting' }).click();
    await ui.page.getByText('Meeting recorded', { exact: true }).first().waitFor();
    await expectAccessible('after the meeting');

    await ui.page.locator('input[name="category"][value="unsubstantiated"]').check();
    await ui.page.locator('input[name="furtherActions"][value="training"]').check();
    await ui.page
      .locator('#outcome-notes')
      .fill('Not enough evidence to prove or disprove it; safer handling training agreed.');
    await ui.page.getByRole('button', { name: 'Record outcome' }).click();
    await ui.page.getByText('Outcome recorded: the allegation is concluded').waitFor();
    await expectAccessible('concluded');
    expect(await ui.page.locator('.govuk-caption-l').textContent()).toBe('Concluded');
  }, 180_000);
});
