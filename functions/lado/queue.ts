import { OPEN_ALLEGATION_STATUSES } from '../../shared/lado/allegation';
import { allegationQueue } from '../../shared/lado/queue';
import { baseContext, consoleRoute } from '../console/lib';
import { page } from '../lib/pages';
import { allegationStore } from './dependencies';

/** Open allegations are read whole (a LADO's caseload is hundreds a year); concluded ones, the latest. */
const OPEN_LIMIT = 1000;
const CONCLUDED_LIMIT = 50;

/** GET /console/allegations: the LADO's queue, with the clock each allegation is running against. */
export const handler = consoleRoute('allegations', async (_event, user) => {
  const store = allegationStore();
  const open = (await Promise.all(OPEN_ALLEGATION_STATUSES.map((s) => store.listByStatus(s, OPEN_LIMIT)))).flat();
  const concluded = await store.listByStatus('concluded', CONCLUDED_LIMIT);
  return page('console/allegations.njk', {
    ...baseContext(user, '/console/allegations'),
    ...allegationQueue(open, concluded, new Date()),
  });
});
