import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireSetting } from '../../shared/config';
import { config } from '../lib/dependencies';
import { webHandler } from '../lib/middleware';
import { page } from '../lib/pages';

/** GET / and GET /accessibility: the service's start page and its accessibility statement. */
export const handler = webHandler(async (event: APIGatewayProxyEventV2) =>
  event.rawPath === '/accessibility'
    ? page('accessibility.njk', { areaName: config().AREA_NAME, contactEmail: requireSetting(config(), 'SERVICE_CONTACT_ADDRESS') })
    : page('home.njk', { areaName: config().AREA_NAME }),
);
