import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireSetting } from '../../shared/config';
import { config } from '../lib/dependencies';
import { problem } from '../lib/http';
import { webHandler } from '../lib/middleware';
import { page } from '../lib/pages';

/**
 * GET / and GET /accessibility: the service's start page and its accessibility statement. Also
 * the API's default route: any address no other route matches gets GOV.UK's "Page not found"
 * page (an API client, under /api/, a JSON problem), never the gateway's bare `{"message":"Not Found"}`.
 */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) => {
  switch (event.rawPath) {
    case '/':
      return page('home.njk', { areaName: config().AREA_NAME });
    case '/accessibility':
      return page('accessibility.njk', {
        areaName: config().AREA_NAME,
        contactEmail: requireSetting(config(), 'SERVICE_CONTACT_ADDRESS'),
      });
    default:
      if (event.rawPath.startsWith('/api/')) return problem(404, 'Not Found');
      return page('not-found.njk', { console: event.rawPath.startsWith('/console') }, 404);
  }
});
