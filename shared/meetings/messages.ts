import { compose } from '../mail/render';
import type { EmailMessage, MailConfig } from '../mail/message';
import type { Child } from '../notification';
import type { MeetingRecord } from './meeting';
import type { Recipient } from './recipients';

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "30 November 2026" from YYYY-MM-DD. */
export const formatDate = (date: string): string => longDate.format(new Date(`${date}T00:00:00Z`));

/**
 * What a child's GP or school needs to know after a triage meeting, and no more (domain brief
 * §10): who the child is, what the chair wrote for them, and how to ask. Not the concern, the
 * other agencies' contributions, or the other children. Sent only to a secure address.
 */
export const meetingFollowUpEmail = (
  record: MeetingRecord,
  child: Pick<Child, 'dateOfBirth'> | undefined,
  recipient: Recipient,
  to: string,
  whatToKnow: string,
  config: MailConfig,
): EmailMessage =>
  compose(
    {
      idempotencyKey: `${record.meetingId}:${record.contactId}:${record.childIndex}:${recipient}`,
      contactId: record.contactId,
    },
    to,
    `Information for the child's ${recipient === 'gp' ? 'GP' : 'school'} from a multi-agency triage meeting (${record.reference})`,
    [
      `The ${record.themeName.toLowerCase()} triage meeting held by the ${config.AREA_NAME} Front Door on ${formatDate(record.date)} discussed a child ${recipient === 'gp' ? 'registered with your practice' : 'at your school'}.`,
      `Child: ${record.childName}${child?.dateOfBirth ? `, born ${formatDate(child.dateOfBirth)}` : ''}.`,
      `What you need to know: ${whatToKnow}`,
      `If you need to know more, call the duty team on ${config.DUTY_TEAM_PHONE}, quoting reference ${record.reference}. Keep this information secure and share it only with those who need it to keep the child safe.`,
    ],
    config,
  );
