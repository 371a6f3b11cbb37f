import type { RuntimeConfig } from '../config';
import { OPEN_STATUSES, type PartnerRequest } from '../contacts';
import { partnerReminderEmail } from '../mail/partner-reminder';
import type { ContactQueries } from '../contacts/ports';
import type { Mailer } from '../mail/mailer';

const isOverdue = (request: PartnerRequest, now: Date) => !request.answer && request.dueAt < now.toISOString();

/**
 * Scheduled: reminds each partner agency whose answer is past its 48-hour due time (domain
 * brief §4), once per request however often it runs, and says how many answers are overdue.
 * A request made before its address was kept is counted but cannot be reminded.
 */
export const remindOverduePartnerRequests = async (deps: {
  store: ContactQueries;
  mailer: Mailer;
  config: RuntimeConfig;
  now: Date;
}): Promise<{ overdue: number; reminded: number }> => {
  // Workers ask partners for information while a contact is open, so only open contacts have requests to remind.
  const lists = await Promise.all(OPEN_STATUSES.map((status) => deps.store.listByStatus(status)));
  let overdue = 0;
  let reminded = 0;
  for (const contact of lists.flat()) {
    for (const request of contact.partnerRequests ?? []) {
      if (!isOverdue(request, deps.now)) continue;
      overdue++;
      if (!request.sentTo) continue;
      await deps.mailer.sendOnce(partnerReminderEmail(contact, { ...request, sentTo: request.sentTo }, deps.config));
      reminded++;
    }
  }
  return { overdue, reminded };
};
