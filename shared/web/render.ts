import nunjucks from 'nunjucks';
import { formatLondonTime } from '../calendar/format';
import { GOVUK_FRONTEND_DIR, VIEWS_DIR } from './paths';

/**
 * Server-rendered pages with GOV.UK Frontend's own Nunjucks macros, so components work
 * without JavaScript and keep the accessibility work the Design System has done.
 */
let environment: nunjucks.Environment | undefined;

const env = (): nunjucks.Environment => {
  if (!environment) {
    environment = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIR]), {
      autoescape: true,
      throwOnUndefined: false,
    });
    // Staff and referrers read times in London time, in GOV.UK style, never as ISO strings.
    environment.addFilter('londonTime', (iso?: string) => (iso ? formatLondonTime(iso) : ''));
  }
  return environment;
};

export interface PageContext {
  /** Shown in the title and the service navigation. */
  serviceName?: string;
  [key: string]: unknown;
}

export const renderPage = (view: string, context: PageContext = {}): string =>
  env().render(view, { serviceName: 'Front Door', ...context });
