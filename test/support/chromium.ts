import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Where the browser tests find a Chromium: `CHROMIUM_PATH` when set, the system's when there is
 * one, otherwise the one shipped inside the @sparticuz/chromium devDependency (its binary is in the
 * npm package, so a fresh machine with no browser and no network beyond the registry has it too).
 */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}
