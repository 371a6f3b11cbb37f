import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { GOVUK_FRONTEND_DIR, WEB_ASSETS_DIR } from '../../shared/web/paths';
import { problem } from '../lib/http';
import { webHandler } from '../lib/middleware';

const GOVUK = join(GOVUK_FRONTEND_DIR, 'govuk');

/** Asset URL → file. GOV.UK Frontend's fonts and images keep their own folder layout. */
const FILES: Record<string, string> = {
  'govuk-frontend.min.css': join(GOVUK, 'govuk-frontend.min.css'),
  'govuk-frontend.min.js': join(GOVUK, 'govuk-frontend.min.js'),
  'front-door.css': join(WEB_ASSETS_DIR, 'front-door.css'),
};

/**
 * Runs GOV.UK Frontend's components; a separate file because the pages allow no inline script.
 * GOV.UK Frontend marks a radio or checkbox that reveals a question with aria-expanded, which
 * ARIA does not allow on those roles (axe: aria-allowed-attr; issue 12): the revealed question
 * follows its radio, and aria-controls still links them, so the attribute is taken off whenever
 * it is put on.
 */
const INIT_SCRIPT = `import { initAll } from '/assets/govuk-frontend.min.js';
initAll();
const reveals = '.govuk-radios__input[aria-controls], .govuk-checkboxes__input[aria-controls]';
const strip = (input) => input.removeAttribute('aria-expanded');
document.querySelectorAll(reveals).forEach(strip);
new MutationObserver((changes) => {
  for (const change of changes) if (change.target.matches(reveals) && change.target.hasAttribute('aria-expanded')) strip(change.target);
}).observe(document.body, { attributes: true, attributeFilter: ['aria-expanded'], subtree: true });
`;

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const fileFor = (path: string): string | undefined => {
  if (FILES[path]) return FILES[path];
  const safe = normalize(path);
  if (safe.startsWith('..') || !/^(fonts|images)\/[\w.-]+$|^manifest\.json$/.test(safe)) return undefined;
  return join(GOVUK, 'assets', safe);
};

/** GET /assets/{proxy+}: GOV.UK Frontend's styles, scripts, fonts and images. */
export const handler = webHandler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const path = event.pathParameters?.proxy ?? '';
  const cache = { 'cache-control': 'public, max-age=86400' };
  if (path === 'init.js')
    return { statusCode: 200, headers: { 'content-type': TYPES['.js']!, ...cache }, body: INIT_SCRIPT };
  const file = fileFor(path);
  const type = TYPES[extname(path)];
  if (!file || !type) return problem(404, 'No such asset');
  try {
    const content = await readFile(file);
    const binary = !type.includes('charset');
    return {
      statusCode: 200,
      headers: { 'content-type': type, ...cache },
      body: binary ? content.toString('base64') : content.toString('utf8'),
      isBase64Encoded: binary,
    };
  } catch {
    return problem(404, 'No such asset');
  }
});
