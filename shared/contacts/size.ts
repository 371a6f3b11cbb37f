/**
 * Sizes as DynamoDB counts them: UTF-8 bytes, with a 400 KB limit on a whole item. (The local
 * emulator counts UTF-16 units, so a limit in characters passes locally and fails in AWS for
 * text in most of the world's scripts.) A notification may use at most MAX_NOTIFICATION_BYTES,
 * leaving the rest of the item for what triage and the console add to the contact.
 */
export const MAX_NOTIFICATION_BYTES = 200 * 1024;

export const utf8Bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export const truncateUtf8 = (text: string, maxBytes: number): string => {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
};
