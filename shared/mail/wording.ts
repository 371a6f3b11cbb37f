import { type ChildDecision, type NotifiedContact, type Decision, describeRoute, groupedByDecision } from '../contacts';
import { childName } from '../notification';
import type { MailConfig } from './message';
import type { Block } from './render';

/** Phrases more than one email says the same way. */

export const childrenSummary = (contact: NotifiedContact) => contact.notification.children.map(childName).join(', ');

/**
 * Referrers who gave no email address are not written to; those who gave no name are greeted
 * plainly, and so is an address not yet confirmed: the name is whatever the sender typed.
 */
export const greeting = (contact: NotifiedContact) =>
  contact.notification.referrer.name && contact.acknowledgement?.addressConfirmed !== false
    ? `Dear ${contact.notification.referrer.name},`
    : 'Hello,';

export const immediateDanger = (config: MailConfig): Block => ({
  warning: `If a child is in immediate danger, call 999 or the duty team on ${config.DUTY_TEAM_PHONE}. Do not wait for our decision.`,
});

export const describeDecision = (decision: Pick<ChildDecision, 'route' | 'level'>) =>
  `${describeRoute(decision.route)} (level of need ${decision.level})`;

/** Children are named only to a secure address; elsewhere by their place in the notification. */
export const childLabel = (contact: NotifiedContact, childIndex: number, secure: boolean): string => {
  const child = contact.notification.children[childIndex];
  return secure && child ? childName(child) : `child ${childIndex + 1}`;
};

export const joinAnd = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/** One line for a whole decision: "<route> (level of need n)", or each group of children's. */
export const describeWhole = (
  contact: NotifiedContact,
  decision: Pick<Decision, 'children'>,
  secure: boolean,
): string => {
  const groups = groupedByDecision(decision.children);
  if (groups.length === 1) return describeDecision(groups[0]![0]!);
  return groups
    .map((g) => `for ${joinAnd(g.map((c) => childLabel(contact, c.childIndex, secure)))}, ${describeDecision(g[0]!)}`)
    .join('; ');
};
