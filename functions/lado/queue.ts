import { readAllegationQueue } from '../../shared/lado/queue';
import { baseContext, consoleRoute } from '../console/lib';
import { page } from '../lib/pages';
import { allegationStore } from './dependencies';

/** GET /console/allegations: the LADO's queue, with the clock each allegation is running against. */
export const handler = consoleRoute('allegations', async (_event, user) =>
  page('console/allegations.njk', {
    ...baseContext(user, '/console/allegations'),
    ...(await readAllegationQueue(allegationStore(), new Date())),
  }),
);
