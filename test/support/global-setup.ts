import { chromiumExecutable } from './chromium';
import { templateCacheDir } from './stack-template';

/**
 * Runs once before jest starts its workers. The packaged Chromium is unpacked here, once, and
 * its path handed to the workers through CHROMIUM_PATH: unpacking it from several workers at
 * once could give one of them a half-written binary.
 */
export default async function globalSetup(): Promise<void> {
  process.env.CHROMIUM_PATH = await chromiumExecutable();
  // Hashed once here rather than in every test file that reads or runs the stack's template.
  process.env.FRONT_DOOR_TEMPLATE_CACHE = templateCacheDir();
}
