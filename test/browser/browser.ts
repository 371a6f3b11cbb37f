import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../infra/ops/headless-chromium';
import { chromiumExecutable } from '../support/chromium';

/**
 * A Chromium driven by playwright-core: no browser download, which this machine's closed network
 * would refuse (see chromiumExecutable for which one). The flags stop it reaching for Google's
 * services.
 */
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });

/**
 * WCAG 2.2 AA violations on the page as it is now, as readable lines (empty when none). With
 * `bestPractice`, axe's best-practice rules too (every part of the page inside a landmark, one
 * main heading, ...), which an accessibility audit also runs.
 */
export const accessibilityViolations = async (
  page: Page,
  options: { bestPractice?: boolean } = {},
): Promise<string[]> => {
  const tags = [
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    ...(options.bestPractice ? ['best-practice'] : []),
  ];
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
};

/** One headless browser and page for a whole test file, closed after its last test. */
export function useBrowserPage(): { browser: Browser; page: Page } {
  const handle = {} as { browser: Browser; page: Page };
  beforeAll(async () => {
    handle.browser = await launchBrowser();
    handle.page = await (await handle.browser.newContext()).newPage();
  }, 60_000);
  afterAll(() => handle.browser?.close());
  return handle;
}
