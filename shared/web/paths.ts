import { join } from 'node:path';

/**
 * Where the page templates and GOV.UK Frontend live. On AWS, Lambda sets LAMBDA_TASK_ROOT and
 * the bundle carries copies at the same relative paths as in the repository (see
 * FrontDoorFunction's `pages` option); from the sources, the repository root is used.
 */
const root = process.env.LAMBDA_TASK_ROOT ?? join(__dirname, '..', '..');

export const VIEWS_DIR = join(root, 'shared', 'web', 'views');
export const GOVUK_FRONTEND_DIR = join(root, 'node_modules', 'govuk-frontend', 'dist');
/** Copied next to the bundle so pages render in Lambda; the rest of node_modules is bundled. */
export const PAGE_FILES = ['shared/web/views', 'node_modules/govuk-frontend/dist/govuk'];
