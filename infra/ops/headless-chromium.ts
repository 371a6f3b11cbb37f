import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Where a headless Chromium is found: `CHROMIUM_PATH` when set, the system's when there is one,
 * otherwise the one shipped inside the @sparticuz/chromium package (its binary is in the npm
 * package, so a machine with no browser and no network beyond the registry has it too). The
 * browser tests and the board report's PDF use the same one.
 */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** Flags that keep the browser from reaching for Google's services. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A self-contained HTML page printed to PDF (A4, as the page's own @page rule says), or why it
 * could not be: playwright-core and a Chromium are development dependencies, which an install
 * for operations alone may not have.
 */
export const printToPdf = async (html: string): Promise<{ pdf: Buffer } | { unavailable: string }> => {
  let browser: import('playwright-core').Browser;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: await chromiumExecutable(),
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  } catch (error) {
    return {
      unavailable: `no headless browser (${(error as Error).message.split('\n')[0]}): install the development dependencies, or set CHROMIUM_PATH to a Chromium`,
    };
  }
  try {
    const page = await browser.newPage();
    // Nothing outside the page may load: the report is self-contained, and a request would be a leak.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return { pdf: await page.pdf({ preferCSSPageSize: true, printBackground: true }) };
  } finally {
    await browser.close();
  }
};
