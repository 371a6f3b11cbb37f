import PostalMime from 'postal-mime';
import { htmlToText } from './html-text';

/**
 * What the intake reads of an inbound email. postal-mime does the MIME work: it has no
 * dependencies and decodes charsets with the runtime's TextDecoder, where mailparser carried
 * iconv-lite's tables and an HTML-to-text library (1.1 MB of every email function's bundle).
 */
export interface ParsedEmail {
  /** The first From mailbox's address; a group or an unparseable From has none. */
  from?: string;
  subject?: string;
  /** The plain text part, or the HTML body converted to text when there is no plain part. */
  text?: string;
  /** Whether there was an HTML body; the HTML itself is never kept. */
  hasHtml: boolean;
  attachments: Array<{ filename?: string; contentType: string; size: number; content: Buffer }>;
}

/** Headers and nesting far past any real email: past these the message is refused as unreadable. */
const LIMITS = { maxNestingDepth: 50, maxHeadersSize: 256 * 1024 };

/** Throws when the bytes cannot be read as an email, or go past the limits. */
export const parseEmail = async (raw: Buffer): Promise<ParsedEmail> => {
  const mail = await PostalMime.parse(raw, {
    ...LIMITS,
    // An attached email stays an attachment (of type message/rfc822), as mailparser kept it,
    // rather than having its text merged into the referrer's own.
    forceRfc822Attachments: true,
  });
  return {
    from: mail.from?.address || undefined,
    subject: mail.subject,
    text: mail.text ?? (mail.html ? htmlToText(mail.html) : undefined),
    hasHtml: Boolean(mail.html),
    attachments: mail.attachments.map((a) => {
      const content = typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer);
      return { filename: a.filename ?? undefined, contentType: a.mimeType, size: content.length, content };
    }),
  };
};
