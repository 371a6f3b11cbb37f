import { join } from 'node:path';

/**
 * Where the page templates and GOV.UK Frontend live. On AWS, Lambda sets LAMBDA_TASK_ROOT and
 * the bundle carries copies at the same relative paths as in the repository (see
 * FrontDoorFunction's `pages` option); from the sources, the repository root is used.
 */
const root = process.env.LAMBDA_TASK_ROOT ?? join(__dirname, '..', '..');

export const VIEWS_DIR = join(root, 'shared', 'web', 'views');
export const GOVUK_FRONTEND_DIR = join(root, 'node_modules', 'govuk-frontend', 'dist');
/** Front Door's own stylesheet, served beside GOV.UK Frontend's. */
export const WEB_ASSETS_DIR = join(root, 'shared', 'web', 'assets');
/** A folder copied next to a bundle, keeping only the files a function reads at run time. */
export interface CopiedFiles {
  dir: string;
  /** `find` name patterns, relative to dir. */
  names: string[];
}

const GOVUK = 'node_modules/govuk-frontend/dist/govuk';

/**
 * Page functions render Nunjucks templates, so they carry ours and GOV.UK Frontend's macros and
 * nothing else of its 8.7 MB (Sass sources, source maps, scripts); the rest of node_modules is
 * bundled by esbuild.
 */
export const PAGE_FILES: CopiedFiles[] = [
  { dir: 'shared/web/views', names: ['*.njk'] },
  { dir: GOVUK, names: ['*.njk'] },
];

/** Only the assets function serves GOV.UK Frontend's compiled styles, script, fonts and images. */
export const ASSET_FILES: CopiedFiles[] = [
  {
    dir: GOVUK,
    names: [
      'govuk-frontend.min.css',
      'govuk-frontend.min.js',
      '*.woff',
      '*.woff2',
      '*.png',
      '*.svg',
      '*.ico',
      'manifest.json',
    ],
  },
  { dir: 'shared/web/assets', names: ['*.css'] },
];
