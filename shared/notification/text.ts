/**
 * Text that cannot be stored or shown as it was sent. Half of a surrogate pair is not text at
 * all (DynamoDB and email would each mangle it differently); text-direction overrides and
 * isolates can make a name read as another one ("Trojan Source").
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The embeddings, overrides and isolates, and the marks that are direction controls too (LRM, RLM, ALM).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/**
 * Characters that show nothing and mean nothing in a name or a description: the zero-width space,
 * the word joiner and a stray byte order mark. (The zero-width joiner and non-joiner are left:
 * they shape letters in Persian, Indic scripts and emoji.)
 */
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;

/** Text as a reader sees it, for counting what was written: invisible characters left out. */
export const visibleText = (text: string): string => text.replace(INVISIBLE, '');

/**
 * Control characters (C0, DEL, C1) in a name: a line break in a name opens an email, says
 * "Dear …" and is shown on pages, so each run becomes one space instead. Invisible characters go
 * too, so a name of nothing but them is empty, not blank-looking.
 */
export const stripControlCharacters = (text: string): string =>
  visibleText(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this function's purpose.
    .replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
export const hasBidiControls = (text: string): boolean => BIDI_CONTROLS.test(text);
