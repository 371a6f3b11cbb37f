import type { ChildDecision, Contact, DecidedContact, Decision } from '../contacts';
import { teamForRoute } from '../triage/types';
import type { MailConfig } from './message';

export type Team = NonNullable<ReturnType<typeof teamForRoute>>;

/** The teams a decision hands children to, with the children each receives, in the decision's order. */
export const childrenByTeam = (decision: Pick<Decision, 'children'>): Map<Team, ChildDecision[]> => {
  const teams = new Map<Team, ChildDecision[]>();
  for (const child of decision.children) {
    const team = teamForRoute(child.route);
    if (team) teams.set(team, [...(teams.get(team) ?? []), child]);
  }
  return teams;
};

export const teamAddress = (team: Team, config: MailConfig): string =>
  team === 'early-help' ? config.EARLY_HELP_TEAM_ADDRESS : config.SOCIAL_CARE_TEAM_ADDRESS;

/** The allocated social worker of a child's open case, whom a contact routed to the open case goes to. */
const allocatedWorker = (contact: Contact, childIndex: number) =>
  contact.recommendation?.caseHolders?.find((c) => c.kind === 'social-care' && c.childIndex === childIndex);

/**
 * Where each child's handover goes, by address: a team mailbox, or for a child routed to an
 * open case, that child's allocated worker (the team's mailbox when the registry names nobody).
 */
export const handoversOf = (
  contact: DecidedContact,
  config: MailConfig,
): Map<string, { kind: string; team: Team; children: ChildDecision[] }> => {
  const handovers = new Map<string, { kind: string; team: Team; children: ChildDecision[] }>();
  for (const [team, children] of childrenByTeam(contact.decision)) {
    for (const child of children) {
      const worker =
        child.route === 'existing-open-case' ? allocatedWorker(contact, child.childIndex)?.holder.email : undefined;
      const to = worker ?? teamAddress(team, config);
      const handover = handovers.get(to) ?? {
        kind: worker ? `allocated-worker-${child.childIndex + 1}` : team,
        team,
        children: [],
      };
      handover.children.push(child);
      handovers.set(to, handover);
    }
  }
  return handovers;
};
