import { chromiumExecutable } from './chromium';

/**
 * Runs once before jest starts its workers. The packaged Chromium is unpacked here, once, and
 * its path handed to the workers through CHROMIUM_PATH: unpacking it from several workers at
 * once could give one of them a half-written binary.
 */
export default async function globalSetup(): Promise<void> {
  process.env.CHROMIUM_PATH = await chromiumExecutable();
}
