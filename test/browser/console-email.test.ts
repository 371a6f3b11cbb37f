import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { sendSmtp } from '../support/smtp';
import { accessibilityViolations, useBrowserPage } from './browser';

/** The free-text email pages in a real browser, with an accessibility check on each. */
describe('a free-text email in the triage console, in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  let reference: string;

  beforeAll(async () => {
    const message = readFileSync(join(__dirname, '../../events/email/free-text-with-attachment.eml'));
    const reply = await sendSmtp(
      local.system.endpoints.smtp,
      { from: 'pat.neighbour@mail.example', to: ['notify@exampleshire.example'] },
      message,
    );
    const contactId = await apiClient(local.system).contactIdOfEmail(/^250 Ok (\w+)$/.exec(reply)![1]);
    reference = (await apiClient(local.system).contactInStatus(contactId, 'needs-completing')).reference;
  }, 60_000);

  it('lets a worker find it, read it and start completing it, with no accessibility violations on the way', async () => {
    const { page } = ui;
    await page.goto(`${local.system.endpoints.api}/console`);
    await page.getByLabel('Sam Okafor').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: /Needs completing/ }).click();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('Worried about the children next door').first().isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Complete this notification' }).click();
    await page.waitForURL(/\/notify\//);
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 60_000);
});
