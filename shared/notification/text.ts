/**
 * Text that cannot be stored or shown as it was sent. Half of a surrogate pair is not text at
 * all (DynamoDB and email would each mangle it differently); text-direction overrides and
 * isolates can make a name read as another one ("Trojan Source").
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
export const hasBidiControls = (text: string): boolean => BIDI_CONTROLS.test(text);
