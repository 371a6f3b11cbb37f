/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from './browser';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';

describe('the start page in a browser', () => {
  let system: RunningLocalSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startLocalSystem(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('renders with GOV.UK Frontend, says to call 999 first and has no accessibility violations', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(system.endpoints.api);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('If a child is in immediate danger, call 999 now.').isVisible()).toBe(true);
    // GOV.UK Frontend's stylesheet is served and applied: its heading class sets the font.
    const headingFont = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(headingFont).toMatch(/GDS Transport|arial/i);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
