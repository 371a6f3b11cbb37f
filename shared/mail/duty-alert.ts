import { type NotifiedContact, describeRoute } from '../contacts';
import { formatLondonTime } from '../calendar/format';
import type { EmailMessage, MailConfig } from './message';
import { compose } from './render';
import { consoleContactUrl } from './links';

const describeAgencyType = (type: string) =>
  type === 'anonymous' ? 'none (anonymous)' : `none (${type.replace(/-/g, ' ')})`;

/**
 * A red contact needs someone now: the duty manager in office hours, the emergency duty team
 * outside them (domain brief §10). The alert names no child and links to the contact.
 */
export const dutyManagerAlert = (
  contact: NotifiedContact,
  config: MailConfig,
  when: { outOfHours: boolean } = { outOfHours: false },
): EmailMessage => {
  const to =
    when.outOfHours && config.EMERGENCY_DUTY_TEAM_ADDRESS
      ? config.EMERGENCY_DUTY_TEAM_ADDRESS
      : config.DUTY_MANAGER_ADDRESS;
  const recommendation = contact.recommendation;
  return compose(
    { contactId: contact.contactId, kind: 'duty-alert' },
    to,
    `RED: immediate risk notification ${contact.reference}`,
    [
      `A notification marked red has arrived: ${contact.reference}.`,
      ...(to === config.EMERGENCY_DUTY_TEAM_ADDRESS && when.outOfHours
        ? ['It arrived outside office hours, so it comes to the emergency duty team.']
        : []),
      contact.notification.immediateDanger
        ? 'The referrer says a child is in immediate danger.'
        : 'The levels-of-need rules assess the risk as immediate.',
      ...(recommendation
        ? [
            `Recommended: level ${recommendation.level}, ${describeRoute(recommendation.route)}. Decision due by ${formatLondonTime(recommendation.dueAt)}.`,
          ]
        : []),
      ...(recommendation?.caseHolders?.length
        ? recommendation.caseHolders.map(
            (c) =>
              `Child ${c.childIndex + 1} has an open ${c.kind === 'social-care' ? 'social care case; allocated worker' : 'early help case; lead professional'}: ${c.holder.name} (${c.holder.email}).`,
          )
        : []),
      `Referring agency: ${contact.notification.referrer.organisation ?? describeAgencyType(contact.notification.referrer.agencyType)}.`,
      { warning: 'Open the contact in the triage console now.' },
      { text: 'The contact:', href: consoleContactUrl(contact.contactId, config) },
    ],
    config,
  );
};
