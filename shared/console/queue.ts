import * as z from 'zod';
import { AGENCY_TYPES, childName } from '../notification';
import { hasNotification, type Contact, type NotifiedContact } from '../contacts';
import { ROUTES } from '../triage/types';
import { overdueClocks } from '../triage/clocks';
import { instantOf, localDateAt } from '../calendar/zoned';
import { formatLondonTime } from '../calendar/format';
import { referrerAgencyName, routeName, statusName, THEME_NAMES } from '../web/labels';
import { emailQueueRow, isEmailToComplete } from './incoming-email';

/**
 * The triage console's queue: the lists a busy front door works from, most urgent first. Pure:
 * the handler fetches whole lists (every page) and this decides what each tab shows. The open
 * statuses are read whole because every tab filters them; decided contacts, an archive that only
 * grows, are read only as far as the tabs need: those decided today, and those whose referrer
 * asked for reconsideration.
 */
export const TABS = {
  all: 'Awaiting decision',
  'needs-completing': 'Needs completing',
  'domestic-abuse': THEME_NAMES['domestic-abuse'] ?? 'Domestic abuse',
  cse: THEME_NAMES.cse ?? 'Child sexual exploitation',
  missing: THEME_NAMES.missing ?? 'Missing',
  mine: 'My contacts',
  manager: 'Awaiting manager',
  'decided-today': 'Decided today',
} as const;
export type Tab = keyof typeof TABS;
export const PAGE_SIZE = 25;

const optionalEnum = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined);

export const QueueQuerySchema = z.object({
  tab: optionalEnum(Object.keys(TABS) as [Tab, ...Tab[]]).transform((t) => t ?? 'all'),
  route: optionalEnum(Object.keys(ROUTES) as [keyof typeof ROUTES, ...(keyof typeof ROUTES)[]]),
  level: optionalEnum(['1', '2', '3', '4'] as const),
  source: optionalEnum(Object.keys(AGENCY_TYPES) as [string, ...string[]]),
  theme: optionalEnum(['domestic-abuse', 'cse', 'missing', 'exploitation'] as const),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type QueueQuery = z.output<typeof QueueQuerySchema>;

export interface QueueLists {
  open: Contact[];
  awaitingManager: Contact[];
  /** Contacts decided since the start of today (London time). */
  decidedToday: Contact[];
  /** Decided contacts whose referrer's reconsideration request is waiting. */
  reconsiderationRequests: Contact[];
  /** Free-text emails a worker turns into notifications: no notification, so no filters apply. */
  needsCompleting?: Contact[];
}

const dueOf = (c: Contact) => c.recommendation?.dueAt ?? c.receivedAt;
/**
 * Most urgent first (issue 12): every red contact leads, whatever its due time, because a child
 * may be at immediate risk; then the overdue ones, nobody having decided them in time; then the
 * rest by due time. Within each band the earliest due comes first.
 */
export const byUrgency = (now: Date) => {
  const at = now.toISOString();
  const band = (c: Contact) => (c.recommendation?.priority === 'red' ? 0 : dueOf(c) < at ? 1 : 2);
  return (a: Contact, b: Contact) => band(a) - band(b) || dueOf(a).localeCompare(dueOf(b));
};
/** Decided contacts have no clock left: the most recently decided first. */
const byDecisionTime = (a: Contact, b: Contact) =>
  (b.decision?.decidedAt ?? '').localeCompare(a.decision?.decidedAt ?? '');
const hasTheme = (theme: string) => (c: Contact) => c.recommendation?.themes.includes(theme) ?? false;

/** Contacts a manager must look at: sign-offs, escalations, and referrers' reconsideration requests. */
const forManager = (lists: QueueLists) => [
  ...lists.awaitingManager,
  ...lists.open.filter((c) => c.escalation),
  ...lists.reconsiderationRequests,
];

/** Midnight at the start of today in London, as an ISO time: where "Decided today" begins. */
export const startOfToday = (now: Date): string => {
  const [year, month, day] = localDateAt(now.getTime(), 'Europe/London').split('-').map(Number) as [
    number,
    number,
    number,
  ];
  return new Date(instantOf({ year, month, day, hour: 0, minute: 0 }, 'Europe/London')).toISOString();
};

export const tabContacts = (tab: Tab, lists: QueueLists, userId: string): Contact[] => {
  switch (tab) {
    case 'all':
      return lists.open;
    case 'needs-completing':
      return (lists.needsCompleting ?? []).filter(isEmailToComplete);
    case 'domestic-abuse':
    case 'cse':
    case 'missing':
      return lists.open.filter(hasTheme(tab));
    case 'mine':
      return [...lists.open, ...lists.awaitingManager].filter((c) => c.assignee?.id === userId);
    case 'manager':
      return forManager(lists);
    case 'decided-today':
      return lists.decidedToday;
  }
};

/** A contact matches a route or level filter when any of its children was decided (or recommended) so. */
const matchesFilters = (q: QueueQuery) => (c: Contact) => {
  const outcomes: { route: string; level: number }[] =
    (c.decision ?? c.proposedDecision)?.children ?? c.recommendation?.children ?? [];
  return (
    (!q.route || outcomes.some((o) => o.route === q.route)) &&
    (!q.level || outcomes.some((o) => String(o.level) === q.level)) &&
    (!q.source || c.notification?.referrer.agencyType === q.source) &&
    (!q.theme || (c.recommendation?.themes.includes(q.theme) ?? false))
  );
};

export interface QueueRow {
  contactId: string;
  reference: string;
  children: { name: string; age: string }[];
  referrer: string;
  level?: number;
  route?: string;
  priority?: string;
  dueAt: string;
  /** Plain words, e.g. "2 hours 5 minutes left" or "3 hours overdue"; for a decided contact, when it was decided. */
  countdown: string;
  overdue: boolean;
  tags: string[];
  assignee?: string;
  status: string;
}

const ageOf = (
  {
    dateOfBirth,
    expectedDateOfDelivery,
    approximateAge,
  }: { dateOfBirth?: string; expectedDateOfDelivery?: string; approximateAge?: number },
  now: Date,
): string => {
  if (expectedDateOfDelivery) return 'Unborn';
  if (!dateOfBirth) return approximateAge === undefined ? 'Not known' : `About ${approximateAge}`;
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years--;
  return years < 1 ? 'Under 1' : `${years}`;
};

export const countdown = (dueAt: string, now: Date): { text: string; overdue: boolean } => {
  const minutes = Math.round((new Date(dueAt).getTime() - now.getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / 1440);
  const hours = Math.floor((abs % 1440) / 60);
  const parts = [
    days && `${days} day${days === 1 ? '' : 's'}`,
    hours && `${hours} hour${hours === 1 ? '' : 's'}`,
    !days && (abs % 60 || !hours) && `${abs % 60} minute${abs % 60 === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return minutes < 0
    ? { text: `${parts.join(' ')} overdue`, overdue: true }
    : { text: `${parts.join(' ')} left`, overdue: false };
};

export const queueRow = (c: NotifiedContact, now: Date): QueueRow => {
  const due = dueOf(c);
  const decided = c.status === 'decided';
  // A decided contact's clock has stopped: say when it was decided, not how late it is now.
  const clock = decided
    ? {
        text: c.decision ? `Decided at ${formatLondonTime(c.decision.decidedAt).replace(/ on .*/, '')}` : 'Decided',
        overdue: false,
      }
    : countdown(due, now);
  const tags = [
    ...(c.status === 'triage-failed' ? ['Triage failed'] : []),
    ...(c.status === 'awaiting-manager' ? ['Awaiting sign-off'] : []),
    ...(c.escalation ? ['Escalated'] : []),
    ...(c.partnerRequests?.some((r) => !r.answer) ? ['Waiting on partners'] : []),
    ...(c.reconsideration?.status === 'requested' ? ['Reconsideration requested'] : []),
    ...(c.referrerNotReached ? ['Referrer not reached'] : []),
    ...overdueClocks(c.recommendation, now).map((clock) => `${clock.name} overdue`),
  ];
  return {
    contactId: c.contactId,
    reference: c.reference,
    children: c.notification.children.map((child) => ({ name: childName(child), age: ageOf(child, now) })),
    referrer: c.notification.referrer.organisation ?? referrerAgencyName(c.notification.referrer.agencyType),
    level: c.recommendation?.level,
    route: c.recommendation && routeName(c.recommendation.route),
    priority: c.recommendation?.priority,
    dueAt: due,
    countdown: clock.text,
    overdue: clock.overdue,
    tags,
    assignee: c.assignee?.name,
    status: statusName(c.status),
  };
};

/** Every tab's rows for the current page, with counts for the tab labels and paging. */
export const buildQueue = (lists: QueueLists, query: QueueQuery, userId: string, now: Date) =>
  (Object.keys(TABS) as Tab[]).map((tab) => {
    const emails = tab === 'needs-completing';
    // Emails have no notification to filter on; oldest first, as they have no decision due yet.
    const all = tabContacts(tab, lists, userId)
      .filter(emails ? () => true : matchesFilters(query))
      .sort(tab === 'decided-today' ? byDecisionTime : byUrgency(now));
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const page = tab === query.tab ? Math.min(query.page, pages) : 1;
    const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return {
      tab,
      label: TABS[tab],
      count: all.length,
      page,
      pages,
      rows: emails ? [] : shown.filter(hasNotification).map((c) => queueRow(c, now)),
      emailRows: emails ? shown.filter(isEmailToComplete).map(emailQueueRow) : undefined,
    };
  });

export type PageItem = { number: number; current: boolean } | { ellipsis: true };

/**
 * The GOV.UK pagination pattern for many pages: the first and last pages, the current page and
 * its neighbours, and an ellipsis for each gap, rather than a link to every one of 50 pages.
 */
export const pageItems = (page: number, pages: number): PageItem[] => {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((number, i) => [
    ...(i > 0 && number - shown[i - 1]! > 1 ? [{ ellipsis: true as const }] : []),
    { number, current: number === page },
  ]);
};
