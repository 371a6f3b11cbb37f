import type { EmailMessage, MailConfig } from './message';
import { escapeMarkup } from '../web/escape';

/**
 * Each email is written once as blocks and rendered twice, as plain text and as HTML, so the
 * two versions can never say different things.
 */

/** A paragraph, a paragraph ending in a link, or a warning the HTML version makes bold. */
export type Block = string | { text: string; href: string } | { warning: string };

const renderText = (blocks: Block[]) =>
  blocks
    .map((block) =>
      typeof block === 'string' ? block : 'warning' in block ? block.warning : `${block.text} ${block.href}`,
    )
    .join('\n\n');

const renderHtml = (subject: string, blocks: Block[]) => {
  const paragraph = (inner: string) =>
    `<p style="font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; margin: 0 0 20px;">${inner}</p>`;
  const body = blocks
    .map((block) =>
      typeof block === 'string'
        ? paragraph(escapeMarkup(block).replace(/\n/g, '<br>'))
        : 'warning' in block
          ? paragraph(`<strong>${escapeMarkup(block.warning)}</strong>`)
          : paragraph(
              `${escapeMarkup(block.text)} <a href="${escapeMarkup(block.href)}">${escapeMarkup(block.href)}</a>`,
            ),
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeMarkup(subject)}</title></head>\n<body style="margin: 0; padding: 20px; color: #0b0c0c;">\n${body}\n</body>\n</html>\n`;
};

/** An email about a contact is keyed `<contactId>:<kind>`: once per contact and kind. The LADO pathway composes its emails with it too. */
export const compose = (
  about: { contactId: string; kind: string } | { idempotencyKey: string; contactId?: string },
  to: string,
  subject: string,
  blocks: Block[],
  config: MailConfig,
): EmailMessage => {
  const all = [...blocks, `${config.AREA_NAME} Front Door`, 'This is an automatic message. Do not reply to it.'];
  const keys =
    'kind' in about ? { idempotencyKey: `${about.contactId}:${about.kind}`, contactId: about.contactId } : about;
  return { ...keys, to, subject, text: `${renderText(all)}\n`, html: renderHtml(subject, all) };
};
