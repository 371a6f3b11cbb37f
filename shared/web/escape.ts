const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe to put in HTML or SVG, as element content or a quoted attribute value: the
 * five characters that could end either are written as entities every HTML and XML parser reads.
 * For markup built outside a template (emails, the board report, charts); templates autoescape.
 */
export const escapeMarkup = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
