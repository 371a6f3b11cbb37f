/**
 * Where the receipt rule stores raw messages in the inbound bucket: the prefix, then SES's message
 * id. A file of its own so the console's download and the stack need not load the email parser.
 */
export const INBOUND_PREFIX = 'inbound/';
