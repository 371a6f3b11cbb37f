import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { fieldErrors, type FieldError } from '../notification';
import { acceptNotification } from './intake';
import type { Contacts, IdempotencyKeys } from '../contacts/ports';
import type { MessageQueue } from './ports';

/**
 * Agency systems (police domestic abuse notifications above all) send many notifications at
 * once. Each item is accepted or refused on its own, exactly as a single notification would be,
 * so one bad item never holds back the others, and each item's idempotency key makes a resent
 * batch land on the same contacts. Keys are the client's own: another agency's identical key
 * is another key, and an item reusing a key for a different body (even within one batch) is
 * refused on its own.
 */
export const batchSchema = (maxItems: number) =>
  z.object({
    notifications: z
      .array(
        z.object({
          idempotencyKey: z.string().trim().min(1, 'Give each notification an idempotency key').max(200),
          notification: z.unknown(),
        }),
      )
      .min(1, 'Send at least one notification')
      .max(maxItems, `Send at most ${maxItems} notifications in one batch`),
  });

export type ItemResult =
  | {
      index: number;
      idempotencyKey: string;
      outcome: 'accepted' | 'already-accepted';
      contactId: string;
      reference: string;
      statusToken?: string;
    }
  | { index: number; idempotencyKey: string; outcome: 'invalid'; errors: FieldError[] }
  | { index: number; idempotencyKey: string; outcome: 'key-reused'; message: string };

export type BatchResult =
  | { outcome: 'invalid'; errors: FieldError[] }
  | { outcome: 'processed'; results: ItemResult[] };

export const acceptBatch = async (
  request: { body: unknown; client: string; maxItems: number; now: Date },
  deps: { store: Contacts & IdempotencyKeys; triageQueue: MessageQueue },
): Promise<BatchResult> => {
  const parsed = batchSchema(request.maxItems).safeParse(request.body);
  if (!parsed.success) return { outcome: 'invalid', errors: fieldErrors(parsed.error) };
  const results: ItemResult[] = [];
  // One at a time: a batch is small, and order keeps the results easy to read back.
  for (const [index, item] of parsed.data.notifications.entries()) {
    const result = await acceptNotification(
      {
        body: item.notification,
        channel: 'batch',
        idempotencyKey: { scope: `batch:${request.client}`, key: item.idempotencyKey },
        now: request.now,
      },
      deps,
    );
    results.push(
      result.outcome === 'invalid'
        ? { index, idempotencyKey: item.idempotencyKey, outcome: 'invalid', errors: result.errors }
        : result.outcome === 'key-reused'
          ? { index, idempotencyKey: item.idempotencyKey, outcome: 'key-reused', message: result.message }
          : {
              index,
              idempotencyKey: item.idempotencyKey,
              outcome: result.outcome,
              contactId: result.contact.contactId,
              reference: result.contact.reference,
              statusToken: result.contact.statusToken,
            },
    );
  }
  return { outcome: 'processed', results };
};

/**
 * The client whose key this is, from `client=sha256hex` pairs. Only hashes are configured, and
 * they are compared in constant time.
 */
export const clientForKey = (key: string | undefined, configured: string): string | undefined => {
  if (!key) return undefined;
  const presented = createHash('sha256').update(key).digest();
  for (const pair of configured
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [client, hash] = pair.split('=');
    const expected = Buffer.from(hash ?? '', 'hex');
    if (client && expected.length === presented.length && timingSafeEqual(expected, presented)) return client;
  }
  return undefined;
};
