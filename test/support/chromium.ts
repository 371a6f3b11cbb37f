/** The browser tests use the same headless Chromium as the board report's PDF (see its comment). */
export { chromiumExecutable } from '../../infra/ops/headless-chromium';
