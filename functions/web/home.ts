import { config } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { page } from '../lib/pages';

/** GET /: the service's start page. */
export const handler = withObservability(async () => page('home.njk', { areaName: config().AREA_NAME }));
