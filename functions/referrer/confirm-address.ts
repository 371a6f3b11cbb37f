import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { statusPageUrl } from '../../shared/mail/links';
import { confirmAddress, openConfirmation } from '../../shared/referrer/address-confirmation';
import { config, contactStore, matchKey, referrerAddresses } from '../lib/dependencies';
import { formHandler } from '../lib/form-handler';
import { logger } from '../lib/observability';
import { page } from '../lib/pages';

/**
 * GET and POST /confirm-email/{token}: the link in a first acknowledgement to an address never
 * confirmed. GET only shows a button (mail scanners open links by themselves); the POST confirms.
 */
export const handler = formHandler(
  async (event: APIGatewayProxyEventV2) => {
    const common = { areaName: config().AREA_NAME };
    const request = { token: event.pathParameters?.token ?? '', now: new Date() };
    const deps = { addresses: referrerAddresses(), store: contactStore() };
    if (event.requestContext.http.method !== 'POST') {
      const contact = await openConfirmation(request, deps);
      if (!contact) return page('referrer/confirmation-not-found.njk', common, 404);
      return page('referrer/confirm-address.njk', { ...common, reference: contact.reference });
    }
    const contact = await confirmAddress(request, { ...deps, matchKey: await matchKey() });
    if (!contact) return page('referrer/confirmation-not-found.njk', common, 404);
    logger.info('Referrer address confirmed', { contactId: contact.contactId });
    return page('referrer/address-confirmed.njk', {
      ...common,
      reference: contact.reference,
      statusHref: new URL(statusPageUrl(contact, config())).pathname,
    });
  },
  { forms: 'public' },
);
