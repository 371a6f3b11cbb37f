import type { Contact } from '../contacts';
import { describeRoute } from '../contacts';
import type { RuntimeConfig } from '../config';
import { teamForRoute, type Route } from '../triage/types';

/**
 * The emails the front door sends, composed as plain data so that their wording can be tested
 * without a mail server. Ordinary email is not secure (domain brief §5): detail about children
 * and concerns goes only to secure domains, everyone else gets the reference and a link.
 */
export interface EmailMessage {
  /** The same key always means the same email: a retried step must not send it twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
}

type MailConfig = Pick<RuntimeConfig, 'AREA_NAME' | 'PUBLIC_BASE_URL' | 'SECURE_EMAIL_DOMAINS' | 'DUTY_MANAGER_ADDRESS' | 'EARLY_HELP_TEAM_ADDRESS' | 'SOCIAL_CARE_TEAM_ADDRESS'>;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** GOV.UK style times: "10am on Monday 23 November 2026", "5:30pm", "midday", "midnight". */
export const formatLondonTime = (iso: string): string => {
  const part = Object.fromEntries(londonParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const hour = Number(part.hour);
  const minute = part.minute === '00' ? '' : `:${part.minute}`;
  const time =
    hour === 12 && !minute ? 'midday' : hour === 0 && !minute ? 'midnight' : `${hour % 12 || 12}${minute}${hour < 12 ? 'am' : 'pm'}`;
  return `${time} on ${part.weekday} ${part.day} ${part.month} ${part.year}`;
};

export const isSecureAddress = (address: string, config: Pick<RuntimeConfig, 'SECURE_EMAIL_DOMAINS'>): boolean => {
  const domain = address.split('@').pop()?.toLowerCase() ?? '';
  return config.SECURE_EMAIL_DOMAINS.some((secure) => domain === secure || domain.endsWith(`.${secure}`));
};

const statusLink = (contact: Contact, config: MailConfig) =>
  `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/contacts/${contact.contactId}/status`;

const childrenSummary = (contact: Contact) =>
  contact.notification.children.map((c) => `${c.firstName} ${c.lastName}`).join(', ');

const signOff = (config: MailConfig) => `\n${config.AREA_NAME} Front Door\n\nThis is an automatic message. Do not reply to it.\n`;

export const acknowledgementEmail = (contact: Contact, config: MailConfig): EmailMessage => {
  const due = contact.recommendation ? formatLondonTime(contact.recommendation.dueAt) : 'within one working day';
  const secure = isSecureAddress(contact.notification.referrer.email, config);
  return {
    idempotencyKey: `${contact.contactId}:acknowledgement`,
    to: contact.notification.referrer.email,
    subject: `We have received your notification ${contact.reference}`,
    text: [
      `Dear ${contact.notification.referrer.name},`,
      '',
      `Thank you for telling us you are worried about ${secure ? childrenSummary(contact) : 'a child'}.`,
      `Your reference is ${contact.reference}. Use it whenever you contact us about this notification.`,
      '',
      `A qualified social worker will decide what happens next by ${due}. We will email you the decision and the reasons for it.`,
      '',
      'If a child is in immediate danger, call 999. Do not wait for our decision.',
      '',
      `Check the status of your notification: ${statusLink(contact, config)}`,
      signOff(config),
    ].join('\n'),
  };
};

export const dutyManagerAlert = (contact: Contact, config: MailConfig): EmailMessage => ({
  idempotencyKey: `${contact.contactId}:duty-alert`,
  to: config.DUTY_MANAGER_ADDRESS,
  subject: `RED: immediate risk notification ${contact.reference}`,
  text: [
    `A notification marked red has arrived: ${contact.reference}.`,
    contact.notification.immediateDanger ? 'The referrer says a child is in immediate danger.' : 'The levels-of-need rules assess the risk as immediate.',
    contact.recommendation ? `Recommended: level ${contact.recommendation.level}, ${describeRoute(contact.recommendation.route)}. Decision due by ${formatLondonTime(contact.recommendation.dueAt)}.` : '',
    `Referring agency: ${contact.notification.referrer.organisation}.`,
    '',
    'Open the contact in the triage console now.',
    signOff(config),
  ].filter((line) => line !== '').join('\n'),
});

const nextSteps: Record<Route, string> = {
  nfa: 'No further action will be taken by the council. Keep supporting the child and family as you would usually.',
  'information-advice': 'The family will be offered information and advice about universal and voluntary services.',
  'early-help-single-agency': 'Your agency is best placed to keep supporting the family, with advice from early help.',
  'early-help-targeted': 'The early help team will contact the family to offer targeted family support.',
  'csc-assessment': "Children's social care will carry out a child in need assessment.",
  'csc-strategy-discussion': "Children's social care will hold a strategy discussion with police and health.",
  'existing-open-case': 'The child already has an allocated worker, who has been told about your notification.',
};

export const outcomeEmail = (contact: Contact, config: MailConfig): EmailMessage => {
  const decision = contact.decision!;
  const secure = isSecureAddress(contact.notification.referrer.email, config);
  return {
    idempotencyKey: `${contact.contactId}:outcome`,
    to: contact.notification.referrer.email,
    subject: `Decision on your notification ${contact.reference}`,
    text: [
      `Dear ${contact.notification.referrer.name},`,
      '',
      `We have decided what happens next for notification ${contact.reference}.`,
      '',
      `Decision: ${describeRoute(decision.route)} (level of need ${decision.level}).`,
      secure
        ? `Why: ${decision.rationale}`
        : `The reasons are available to you through the link below, because this email address is not on a secure network.`,
      '',
      `What happens next: ${nextSteps[decision.route]}`,
      '',
      'If you disagree with this decision, talk to the front door manager first; if you still disagree, follow the escalation (resolution of professional disagreement) guidance of the local safeguarding partnership.',
      '',
      `Check the status of your notification: ${statusLink(contact, config)}`,
      signOff(config),
    ].join('\n'),
  };
};

/** The receiving team is always inside the secure network, so it gets the full handover. */
export const teamHandoverEmail = (contact: Contact, config: MailConfig): EmailMessage | undefined => {
  const decision = contact.decision!;
  const team = teamAddress(decision.route, config);
  if (!team) return undefined;
  return {
    idempotencyKey: `${contact.contactId}:handover`,
    to: team,
    subject: `New ${teamForRoute(decision.route) === 'early-help' ? 'early help request' : 'referral'} from the front door: ${contact.reference}`,
    text: [
      `The front door has decided ${describeRoute(decision.route)} (level of need ${decision.level}) for ${contact.reference}.`,
      `Children: ${childrenSummary(contact)}.`,
      `Decided by ${decision.decidedBy} at ${formatLondonTime(decision.decidedAt)}.`,
      '',
      `Rationale: ${decision.rationale}`,
      '',
      'Under the no-quibble agreement this route is accepted by the receiving team, with quality assurance afterwards.',
      signOff(config),
    ].join('\n'),
  };
};

const teamAddress = (route: Route, config: MailConfig): string | undefined => {
  const team = teamForRoute(route);
  if (team === 'early-help') return config.EARLY_HELP_TEAM_ADDRESS;
  if (team === 'social-care') return config.SOCIAL_CARE_TEAM_ADDRESS;
  return undefined;
};
