import { buildQueue, pageItems, QueueQuerySchema, startOfToday, TABS, type Tab } from '../../shared/console/queue';
import { findStuckContacts } from '../../shared/console/stuck';
import { AGENCY_NAMES, THEME_NAMES } from '../../shared/web/labels';
import { ROUTES } from '../../shared/triage/types';
import { contactStore } from '../lib/dependencies';
import { page } from '../lib/pages';
import { baseContext, consoleRoute } from './lib';

const options = (all: string, entries: [string, string][], selected?: string) => [
  { value: '', text: all },
  ...entries.map(([value, text]) => ({ value, text, selected: value === selected })),
];

/** GET /console: the queue, most urgent first, in tabs, with filters and paging. */
export const handler = consoleRoute('view', async (event, user) => {
  const query = QueueQuerySchema.parse(event.queryStringParameters ?? {});
  const store = contactStore();
  const now = new Date();
  const [stuck, [awaiting, failed, awaitingManager, needsCompleting, decidedToday, reconsiderationRequests]] =
    await Promise.all([
      findStuckContacts({ store, now }),
      Promise.all([
        ...(['awaiting-decision', 'triage-failed', 'awaiting-manager', 'needs-completing'] as const).map((s) =>
          store.listByStatus(s),
        ),
        store.listByStatus('decided', { since: startOfToday(now) }),
        store.listReconsiderationRequests(),
      ]),
    ]);
  const tabs = buildQueue(
    {
      open: [...awaiting!, ...failed!],
      awaitingManager: awaitingManager!,
      needsCompleting,
      decidedToday: decidedToday!,
      reconsiderationRequests: reconsiderationRequests!,
    },
    query,
    user.id,
    now,
  );
  const filterParams = Object.entries({
    route: query.route,
    level: query.level,
    source: query.source,
    theme: query.theme,
  }).filter(([, v]) => v);
  const pageHref = (tab: Tab, n: number) =>
    `/console?${new URLSearchParams([...filterParams, ['tab', tab], ['page', String(n)]] as [string, string][])}#${tab}`;
  return page('console/queue.njk', {
    ...baseContext(user),
    query,
    stuck,
    tabs,
    pageHref,
    pageItems: (t: { tab: Tab; page: number; pages: number }) =>
      pageItems(t.page, t.pages).map((item) =>
        'number' in item ? { ...item, href: pageHref(t.tab, item.number) } : item,
      ),
    filters: {
      route: options('Any route', Object.entries(ROUTES), query.route),
      level: options(
        'Any level',
        [
          ['1', 'Level 1'],
          ['2', 'Level 2'],
          ['3', 'Level 3'],
          ['4', 'Level 4'],
        ],
        query.level,
      ),
      source: options('Any agency', Object.entries(AGENCY_NAMES), query.source),
      theme: options('Any theme', Object.entries(THEME_NAMES), query.theme),
    },
    tabNames: TABS,
  });
});
