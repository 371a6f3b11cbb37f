import { formatLondonTime } from '../calendar/format';
import { compose } from '../mail/render';
import { isSecureAddress } from '../mail/secure-address';
import type { EmailMessage, MailConfig } from '../mail/message';
import { EMPLOYER_SECTORS } from '../notification';
import type { Allegation } from './allegation';
import type { LadoSettings } from '../config';

/**
 * The LADO pathway's emails. The employer's designated person needs to know what happens next
 * and what not to do (not to investigate, not to tell the person before the LADO agrees): with
 * the detail only on a secure domain. The referrer is thanked without any detail about the adult,
 * which they may not be entitled to see and which ordinary email would expose.
 */
type Lado = Pick<LadoSettings, 'LADO_PHONE' | 'LADO_EMAIL'>;

const about = (allegation: Allegation, kind: string) => ({ idempotencyKey: `${allegation.allegationId}:${kind}` });

export const employerNextStepsEmail = (
  allegation: Allegation,
  config: MailConfig,
  lado: Lado,
): EmailMessage | undefined => {
  const to = allegation.person.employerContact;
  if (!to) return undefined;
  const secure = isSecureAddress(to.email, config);
  const detail = secure
    ? [
        `It concerns ${allegation.person.name}, ${allegation.person.role} at ${allegation.person.employer} (${EMPLOYER_SECTORS[allegation.person.sector]}).`,
        `The LADO will consider it by ${formatLondonTime(allegation.considerationDueAt)} and contact you to agree what happens next, including whether an allegation management meeting is needed (within 72 hours where there is immediate risk, otherwise within 5 working days).`,
        'Until then: do not investigate or interview anyone; do not tell the person about the allegation unless the LADO agrees; keep a written record of what you know and any action you take to keep children safe, such as suspension, and tell the LADO about it.',
      ]
    : [
        'We have not included any details because this email address is not on a secure network.',
        `Phone the LADO on ${lado.LADO_PHONE} today, quoting the reference, to hear what happens next. Do not investigate, and do not tell the person concerned until the LADO agrees.`,
      ];
  return compose(
    about(allegation, 'employer-next-steps'),
    to.email,
    `Allegation about a member of your staff or volunteers: reference ${allegation.reference}`,
    [
      `Dear ${to.name},`,
      `The Local Authority Designated Officer (LADO) has received an allegation about someone who works or volunteers with children in your organisation. The reference is ${allegation.reference}.`,
      ...detail,
      `Contact the LADO on ${lado.LADO_PHONE} or ${lado.LADO_EMAIL}.`,
    ],
    config,
  );
};

/** Nothing to send when the referrer gave no email address (a member of the public may give a phone number or stay anonymous). */
export const referrerAllegationAcknowledgement = (
  allegation: Allegation,
  config: MailConfig,
  lado: Lado,
): EmailMessage | undefined =>
  allegation.referrer.email === undefined
    ? undefined
    : compose(
        about(allegation, 'referrer-acknowledgement'),
        allegation.referrer.email,
        `We have passed your concern about an adult to the LADO: reference ${allegation.reference}`,
        [
          allegation.referrer.name ? `Dear ${allegation.referrer.name},` : 'Hello,',
          `Thank you for telling us about your concern about an adult who works or volunteers with children. It has been passed to the Local Authority Designated Officer (LADO), who will consider it within one working day. The reference is ${allegation.reference}.`,
          allegation.childContact
            ? `You also asked for help for the child: that is notification ${allegation.childContact.reference}, and you will hear about it separately.`
            : 'You told us the child does not need help from children’s social care as well. If that changes, tell us at once.',
          `The LADO may contact you for more information. Do not discuss the allegation with the person concerned. If you need to speak to the LADO, phone ${lado.LADO_PHONE}.`,
          { warning: `If a child is in immediate danger, call 999 or the duty team on ${config.DUTY_TEAM_PHONE}.` },
        ],
        config,
      );
