/**
 * SES receiving on loopback: an SMTP listener that does what each enabled `AWS::SES::ReceiptRule`
 * in the template says, in the rule's order. An S3 action stores the raw message in the local
 * bucket under the rule's prefix and SES's message id; a Lambda action invokes the function with
 * a receipt event shaped as SES sends it. Nothing here names a bucket or a function: a changed
 * rule changes what the laptop does.
 */
import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent, SESMail } from 'aws-lambda';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import type { LambdaInvoker, LocalFunction } from './lambda';
import { LOOPBACK } from './net';
import { clientConfig } from './resources';
import type { LocalDeployment } from './template';

type ReceiptAction =
  | { type: 'S3'; bucket: string; prefix: string }
  | { type: 'Lambda'; fn: LocalFunction; invocationType: 'Event' | 'RequestResponse' };

export interface ReceiptRule {
  logicalId: string;
  /** Addresses or domains the rule is for; empty means every recipient, as in SES. */
  recipients: string[];
  actions: ReceiptAction[];
}

interface RuleProperties {
  Rule: {
    Enabled?: boolean | string;
    Recipients?: string[];
    Actions?: Array<{
      S3Action?: { BucketName: string; ObjectKeyPrefix?: string };
      LambdaAction?: { FunctionArn: string; InvocationType?: 'Event' | 'RequestResponse' };
    }>;
  };
}

export function describeReceiptRules(
  deployment: LocalDeployment,
  invoker: LambdaInvoker,
  log: (line: string) => void,
): ReceiptRule[] {
  const rules: ReceiptRule[] = [];
  for (const logicalId of deployment.ofType('AWS::SES::ReceiptRule')) {
    const { Rule } = deployment.properties(logicalId) as unknown as RuleProperties;
    if (Rule.Enabled === false || Rule.Enabled === 'false') continue;
    const actions: ReceiptAction[] = [];
    for (const action of Rule.Actions ?? []) {
      if (action.S3Action)
        actions.push({ type: 'S3', bucket: action.S3Action.BucketName, prefix: action.S3Action.ObjectKeyPrefix ?? '' });
      else if (action.LambdaAction) {
        const fn = invoker.find(action.LambdaAction.FunctionArn);
        if (!fn)
          throw new Error(
            `Receipt rule ${logicalId} invokes ${action.LambdaAction.FunctionArn}, which has no local entry`,
          );
        actions.push({ type: 'Lambda', fn, invocationType: action.LambdaAction.InvocationType ?? 'Event' });
      } else
        log(
          `  receipt rule ${logicalId}: only S3 and Lambda actions run locally; ${Object.keys(action).join(', ')} skipped`,
        );
    }
    rules.push({ logicalId, recipients: (Rule.Recipients ?? []).map((r) => r.toLowerCase()), actions });
  }
  return rules;
}

/** SES matches a recipient by whole address, by domain, or by any subdomain of a `.domain` entry. */
export const ruleMatches = (rule: ReceiptRule, recipient: string): boolean => {
  const address = recipient.toLowerCase();
  const domain = address.split('@').pop()!;
  return (
    rule.recipients.length === 0 ||
    rule.recipients.some((r) => r === address || r === domain || (r.startsWith('.') && domain.endsWith(r)))
  );
};

/** The largest message SES receiving accepts. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/** What SES tells a Lambda action: the message's envelope and headers, never its body. */
export async function sesReceiptEvent(
  raw: Buffer,
  envelope: { messageId: string; source: string; recipients: string[]; receivedAt: Date },
  action: { functionArn: string; invocationType: string },
): Promise<SESEvent> {
  const parsed = await PostalMime.parse(raw);
  const timestamp = envelope.receivedAt.toISOString();
  const headers = parsed.headerLines.map(({ line }) => {
    const colon = line.indexOf(':');
    return {
      name: line.slice(0, colon),
      value: line
        .slice(colon + 1)
        .replace(/\r?\n\s+/g, ' ')
        .trim(),
    };
  });
  // SES repeats a few headers as written, address lists split at commas outside quotes.
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const addressList = (name: string) =>
    header(name)
      ?.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
      .map((a) => a.trim()) ?? [];
  const mail: SESMail = {
    timestamp,
    source: envelope.source,
    messageId: envelope.messageId,
    destination: envelope.recipients,
    headersTruncated: false,
    headers,
    commonHeaders: {
      returnPath: envelope.source,
      from: addressList('from'),
      to: addressList('to'),
      date: header('date') ?? timestamp,
      messageId: header('message-id') ?? envelope.messageId,
      subject: parsed.subject ?? '',
    },
  };
  // Nothing is scanned locally, so those verdicts are "not determined". SPF asks whether the
  // connecting server may send for the sender's domain; locally the only server is loopback,
  // standing in for the sender's own, so it passes (and email intake trusts the sender, as SES's
  // SPF pass for a domain without DMARC lets it in AWS).
  const gray = { status: 'GRAY' as const };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail,
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: envelope.recipients,
            spamVerdict: gray,
            virusVerdict: gray,
            spfVerdict: { status: 'PASS' as const },
            dkimVerdict: gray,
            dmarcVerdict: gray,
            action: { type: 'Lambda', functionArn: action.functionArn, invocationType: action.invocationType },
          },
        },
      },
    ],
  } as SESEvent;
}

/** SES message ids are opaque lower-case strings, also the S3 object's name. */
const newMessageId = () => randomBytes(20).toString('hex');

export class SmtpReceiver {
  private readonly s3: S3Client;
  private readonly server: SMTPServer;

  constructor(
    private readonly rules: ReceiptRule[],
    private readonly invoker: LambdaInvoker,
    s3Endpoint: string,
    private readonly log: (line: string) => void,
  ) {
    this.s3 = new S3Client({ ...clientConfig(s3Endpoint), forcePathStyle: true });
    this.server = new SMTPServer({
      // Loopback only and nothing to protect with a password: anyone on this machine may send.
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      banner: 'Front Door local (SES receiving)',
      onRcptTo: (address, _session, callback) =>
        // SES refuses mail for addresses no rule is for, so a wrong address fails visibly here too.
        this.rules.some((rule) => ruleMatches(rule, address.address))
          ? callback()
          : callback(
              Object.assign(new Error('Mailbox unavailable: no receipt rule for this address'), { responseCode: 550 }),
            ),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            callback(Object.assign(new Error('Message too large for SES receiving'), { responseCode: 552 }));
            return;
          }
          const from = session.envelope.mailFrom;
          const envelope = {
            messageId: newMessageId(),
            source: from ? from.address : '',
            recipients: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: new Date(),
          };
          this.receive(Buffer.concat(chunks), envelope).then(
            () => callback(null, `Ok ${envelope.messageId}`),
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolvePort, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, LOOPBACK, () => {
        this.server.off('error', reject);
        resolvePort((this.server.server.address() as { port: number }).port);
      });
    });
  }

  stop(): Promise<void> {
    this.s3.destroy();
    return new Promise((resolveClose) => this.server.close(() => resolveClose()));
  }

  /** Runs each matching rule's actions in order; an asynchronous (Event) invocation is not waited for, as in SES. */
  private async receive(raw: Buffer, envelope: Parameters<typeof sesReceiptEvent>[1]): Promise<void> {
    for (const rule of this.rules) {
      // SES tells each rule's actions about that rule's recipients only.
      const recipients = envelope.recipients.filter((recipient) => ruleMatches(rule, recipient));
      if (!recipients.length) continue;
      this.log(`✉ ${envelope.messageId} → ${rule.logicalId}`);
      for (const action of rule.actions) {
        if (action.type === 'S3') {
          await this.s3.send(
            new PutObjectCommand({ Bucket: action.bucket, Key: `${action.prefix}${envelope.messageId}`, Body: raw }),
          );
          continue;
        }
        const event = await sesReceiptEvent(
          raw,
          { ...envelope, recipients },
          { functionArn: action.fn.arn, invocationType: action.invocationType },
        );
        // RequestResponse holds up the SMTP conversation, so it is a request; an Event is queued work.
        const invocation = this.invoker.invoke(
          action.fn,
          event,
          action.invocationType === 'Event' ? 'work' : 'request',
        );
        // The invoker logs a failure; SES would retry an Event invocation, but the message is already accepted.
        if (action.invocationType === 'Event') invocation.catch(() => undefined);
        else await invocation;
      }
    }
  }
}
