import type { Context, SESEvent } from 'aws-lambda';
import * as z from 'zod';
import { requireSetting } from '../../shared/config';
import { INBOUND_PREFIX } from '../../shared/email-intake/inbound';
import { receiveEmail } from '../../shared/email-intake/receive';
import { config, contactStore, mailer, rawMessages, triageQueue } from '../lib/dependencies';
import { withObservability } from '../lib/middleware';
import { logger } from '../lib/observability';

/**
 * SES receiving: the receipt rule stores the raw message in the inbound bucket (under its SES
 * message id), then invokes this function with the message's metadata only.
 */
const Verdict = z.object({ status: z.string() }).optional();
const SesRecord = z.object({
  ses: z.object({
    mail: z.object({ messageId: z.string().min(1) }),
    receipt: z
      .object({
        virusVerdict: Verdict,
        spfVerdict: Verdict,
        dkimVerdict: Verdict,
        dmarcVerdict: Verdict,
      })
      .optional(),
  }),
});

export const handler = withObservability(async (event: SESEvent, context: Context) => {
  // Replies go through the idempotent mailer: with the context registered, a reply interrupted
  // by a timeout can be sent again once this invocation is over, rather than staying
  // "in progress" until its idempotency record expires.
  mailer().registerLambdaContext(context);
  const bucket = requireSetting(config(), 'INBOUND_EMAIL_BUCKET');
  for (const record of event.Records) {
    const { mail, receipt } = SesRecord.parse(record).ses;
    const { messageId } = mail;
    const key = `${INBOUND_PREFIX}${messageId}`;
    // A message SES found a virus in is dropped unread and unanswered: replying would confirm the
    // address to whoever sent it. Spam verdicts are not trusted: a real referral must not be lost.
    if (receipt?.virusVerdict?.status === 'FAIL') {
      await rawMessages().delete(bucket, key);
      logger.warn('Inbound email dropped: virus found', { messageId });
      continue;
    }
    const result = await receiveEmail(
      await rawMessages().get(bucket, key),
      {
        bucket,
        key,
        messageId,
        now: new Date(),
        verdicts: {
          spf: receipt?.spfVerdict?.status,
          dkim: receipt?.dkimVerdict?.status,
          dmarc: receipt?.dmarcVerdict?.status,
        },
      },
      { store: contactStore(), triageQueue: triageQueue(), mailer: mailer(), config: config() },
    );
    if (result.outcome === 'refused') await rawMessages().delete(bucket, key);
    logger.info('Inbound email', { messageId, outcome: result.outcome });
  }
});
