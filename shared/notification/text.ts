/**
 * Text that cannot be stored or shown as it was sent. Half of a surrogate pair is not text at
 * all (DynamoDB and email would each mangle it differently); text-direction overrides and
 * isolates can make a name read as another one ("Trojan Source").
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Characters that show nothing in a name: the zero-width space, the word joiner, a stray byte
 * order mark, a soft hyphen, and the direction marks (LRM, RLM, ALM), which come in unseen with
 * names pasted from documents and, unlike overrides, cannot reorder text. The zero-width joiner
 * and non-joiner stay: they shape letters in Persian, Indic scripts and emoji.
 */
const INVISIBLE_IN_NAMES = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C]/g;

/** Text as a reader sees it, for counting what was written: every character that shows nothing left out. */
export const visibleText = (text: string): string => text.replace(/\p{Default_Ignorable_Code_Point}/gu, '');

/** Whether a name holds a letter or a number in any script, not only punctuation or marks. */
export const hasLetterOrNumber = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/**
 * Control characters (C0, DEL, C1) in a name: a line break in a name opens an email, says
 * "Dear …" and is shown on pages, so each run becomes one space instead. Invisible characters go
 * too, so a name of nothing but them is empty, not blank-looking.
 */
export const stripControlCharacters = (text: string): string =>
  text
    .replace(INVISIBLE_IN_NAMES, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this function's purpose.
    .replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
export const hasBidiControls = (text: string): boolean => BIDI_CONTROLS.test(text);
