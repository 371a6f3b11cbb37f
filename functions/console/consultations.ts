import { countByAgency, searchConsultations } from '../../shared/consultations/consultation';
import { callerAgencyName } from '../../shared/consultations/caller-agency';
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
  const all = await consultationStore().listSince(new Date(now.getTime() - DAYS * DAY).toISOString());
  const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString();
  const found = searchConsultations(all, query);
  return page('console/consultations.njk', {
    ...baseContext(user, '/console/consultations'),
    done:
      event.queryStringParameters?.done === 'recorded' ? 'Consultation recorded. It does not go to triage.' : undefined,
    query,
    counts: [
      { key: { text: `Last ${DAYS} days` }, value: { text: String(all.length) } },
      { key: { text: 'Last 30 days' }, value: { text: String(all.filter((c) => c.recordedAt >= monthAgo).length) } },
      ...countByAgency(all).map((a) => ({
        key: { text: callerAgencyName(a.agency) },
        value: { text: String(a.count) },
      })),
    ],
    consultations: found.map((c) => ({ ...c, callerAgency: callerAgencyName(c.callerAgency) })),
  });
});
