/// <reference lib="dom" />
import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';

describe('the start page in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();

  it('renders with GOV.UK Frontend, says to call 999 first and has no accessibility violations', async () => {
    const { page } = ui;
    await page.goto(local.system.endpoints.api);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('If a child is in immediate danger, call 999 now.').isVisible()).toBe(true);
    // GOV.UK Frontend's stylesheet is served and applied: its heading class sets the font.
    const headingFont = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(headingFont).toMatch(/GDS Transport|arial/i);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has an accessibility statement, a council footer with no Crown marks, and no accessibility violations', async () => {
    const { page } = ui;
    await page.goto(`${local.system.endpoints.api}/`);
    await page.getByRole('link', { name: 'Accessibility statement' }).click();
    await page.getByRole('heading', { level: 1, name: /Accessibility statement/ }).waitFor();
    expect(await page.getByRole('link', { name: 'front-door-service@exampleshire.example' }).isVisible()).toBe(true);
    expect(await page.content()).not.toMatch(/Crown copyright|govuk-footer__crown|favicon/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
