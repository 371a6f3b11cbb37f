import { countByAgency, searchConsultations } from '../../shared/consultations/consultation';
import { AGENCY_TYPES } from '../../shared/notification';
import { consultationStore } from '../lib/dependencies';
import { page } from '../lib/pages';
import { baseContext, consoleRoute } from './lib';

const DAY = 24 * 3600_000;
/** How far back the list and its search reach. */
const DAYS = 90;

const agencyName = (agency: string) => `${agency[0]!.toUpperCase()}${agency.slice(1).replace(/-/g, ' ')}`;

/** The caller's agency choices, with the worker's choice kept. */
export const agencyOptions = (chosen?: string) => [
  { value: '', text: "Choose the caller's agency" },
  ...Object.keys(AGENCY_TYPES)
    .filter((a) => a !== 'anonymous')
    .map((value) => ({ value, text: agencyName(value), selected: value === chosen })),
];

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
      ...countByAgency(all).map((a) => ({ key: { text: agencyName(a.agency) }, value: { text: String(a.count) } })),
    ],
    consultations: found.map((c) => ({ ...c, callerAgency: agencyName(c.callerAgency) })),
  });
});
