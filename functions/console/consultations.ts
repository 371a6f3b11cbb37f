import { consultationsView } from '../../shared/consultations/consultations-view';
import { consultationStore } from '../lib/dependencies';
import { page } from '../lib/pages';
import { baseContext, consoleRoute } from './lib';

const DAY = 24 * 3600_000;
/** How far back the list and its search reach. */
const DAYS = 90;

/**
 * GET /console/consultations: advice given by phone with no child identified, over the last 90
 * days: counted (in all, in the last 30 days, by the caller's agency) and searchable.
 */
export const handler = consoleRoute('view', async (event, user) => {
  const now = new Date();
  const query = (event.queryStringParameters?.q ?? '').trim().slice(0, 200);
  const all = await consultationStore().listSince(new Date(now.getTime() - DAYS * DAY).toISOString(), now);
  return page('console/consultations.njk', {
    ...baseContext(user, '/console/consultations'),
    done:
      event.queryStringParameters?.done === 'recorded' ? 'Consultation recorded. It does not go to triage.' : undefined,
    query,
    ...consultationsView(all, query, now, DAYS),
  });
});
