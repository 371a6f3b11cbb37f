import { can } from '../../shared/auth/roles';
import { hasNotification, type NotifiedContact } from '../../shared/contacts';
import { HANDOVER_TEAMS, teamsOf, type Handover, type HandoverTeam } from '../../shared/handovers/handover';
import { handoverMeasures } from '../../shared/handovers/measures';
import { handoverLine, measuresRows } from '../../shared/handovers/view';
import { contactStore, handoverStore } from '../lib/dependencies';
import { page } from '../lib/pages';
import { baseContext, consoleRoute } from './lib';

const DAY = 24 * 3600_000;
/** Accepted handovers listed on the page; the measures count all of the last 30 days. */
const ACCEPTED_SHOWN = 20;

/**
 * GET /console/handovers: for a receiving team, the handovers addressed to it (waiting first,
 * oldest first), with its "no quibble" measures; for the front door's workers and managers,
 * every team's measures and the handovers teams returned.
 */
export const handler = consoleRoute('handovers', async (_event, user) => {
  const now = new Date();
  const since = new Date(now.getTime() - 30 * DAY).toISOString();
  const receiving = can(user, 'receive');
  const teams = receiving ? teamsOf(user) : (Object.keys(HANDOVER_TEAMS) as HandoverTeam[]);
  const store = handoverStore();
  const contactsOf = async (handovers: Handover[]) =>
    new Map(
      (await Promise.all([...new Set(handovers.map((h) => h.contactId))].map((id) => contactStore().get(id))))
        .filter((c): c is NotifiedContact => !!c && hasNotification(c))
        .map((c) => [c.contactId, c]),
    );
  const sections = await Promise.all(
    teams.map(async (team) => {
      const [waiting, accepted, returned] = await Promise.all([
        store.listByTeam(team, 'sent'),
        store.listByTeam(team, 'accepted', since),
        store.listByTeam(team, 'returned', since),
      ]);
      const oldestFirst = [...waiting].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
      const contacts = await contactsOf([...waiting, ...returned, ...accepted.slice(0, ACCEPTED_SHOWN)]);
      const line = (h: Handover) => handoverLine(h, contacts.get(h.contactId), now);
      return {
        team: HANDOVER_TEAMS[team],
        measures: measuresRows(handoverMeasures(team, { waiting, accepted, returned }, now)),
        waiting: oldestFirst.map(line),
        accepted: accepted.slice(0, ACCEPTED_SHOWN).map(line),
        returned: returned.map(line),
      };
    }),
  );
  return page('console/handovers.njk', {
    ...baseContext(user, '/console/handovers'),
    sections,
    receiving,
    linkTo: receiving ? '/console/handovers' : '/console/contacts',
  });
});
