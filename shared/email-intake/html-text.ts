/**
 * The text of an HTML-only email, for a worker to read. Only the words are kept: script, style,
 * head and comments go whole, every tag goes, and block ends become line breaks. The result is
 * escaped wherever it is shown, so this is for reading, not a sanitiser.
 */

/** The named entities email clients write; any other stays as written, which is still readable. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  copy: '©',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
};

const codePoint = (n: number, entity: string): string =>
  Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : entity;

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? entity;
    return codePoint(
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
      entity,
    );
  });

export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      // A block not closed runs to the end: what follows an unclosed <script> is never text.
      .replace(/<(script|style|head|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      .replace(/<br\b[^>]*>/gi, '\n')
      .replace(/<\/?(p|div|tr|li|h[1-6]|table|ul|ol|blockquote|hr|pre)\b[^>]*>/gi, '\n')
      // A tag starts with a letter, / or !: a lone '<' in the text ('age < 5') is kept.
      .replace(/<[a-z/!?][^>]*(>|$)/gi, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
