import {
  MAX_NOTIFICATION_BYTES,
  newContactId,
  newStatusToken,
  referenceFor,
  utf8Bytes,
  type Channel,
  type Contact,
} from '../contacts';
import {
  childDateErrors,
  parseNotification,
  pastDateErrors,
  type FieldError,
  type Notification,
  type ParseResult,
} from '../notification';
import { getDefaultRuleset } from '../rules';
import { claimKey, fingerprintOf, KEY_REUSED_MESSAGE, type IdempotencyKey } from './idempotency';
import type { Contacts, IdempotencyKeys } from '../contacts/ports';
import type { MessageQueue } from './ports';

/**
 * Indicators a referrer picks must be ones the area's guidance has: the engine would otherwise
 * pass over them in silence, and the referrer's judgement would be lost.
 */
const unknownIndicators = (notification: Notification): FieldError[] => {
  const known = new Set(getDefaultRuleset().indicators.map((indicator) => indicator.id));
  const unknownIn = (chosen: string[], path: string) =>
    chosen.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ path: `${path}.${i}`, message: `"${id}" is not an indicator in the levels-of-need guidance` }],
    );
  return [
    ...unknownIn(notification.concerns.indicators, 'concerns.indicators'),
    ...notification.children.flatMap((child, c) =>
      unknownIn(child.concerns?.indicators ?? [], `children.${c}.concerns.indicators`),
    ),
  ];
};

/**
 * Everything a notification must pass before it is stored, from any channel or a completed email:
 * the schema, the area's indicators, and the dates as the form checks them (a person of 18 or
 * over is not a child, and a date of birth or a return in the future is a typing error).
 */
export const validateNotification = (body: unknown, now: Date): ParseResult => {
  const parsed = parseNotification(body);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const unknown = unknownIndicators(parsed.notification);
  if (unknown.length) return { ok: false, errors: unknown };
  const dates = [...childDateErrors(parsed.notification, now), ...pastDateErrors(parsed.notification, now)];
  if (dates.length) return { ok: false, errors: dates };
  const bytes = utf8Bytes(parsed.notification);
  if (bytes > MAX_NOTIFICATION_BYTES) {
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    return {
      ok: false,
      errors: [
        {
          path: '(notification)',
          message: `The notification is too large to store: ${kb(bytes)} of text, at most ${kb(MAX_NOTIFICATION_BYTES)}. Shorten the longest descriptions, or email documents separately`,
        },
      ],
    };
  }
  return { ok: true, notification: parsed.notification };
};

export type AcceptResult =
  /** `queued` is false when the queue could not be reached: the contact is stored all the same. */
  | { outcome: 'accepted' | 'already-accepted'; contact: Contact; queued: boolean }
  | { outcome: 'invalid'; errors: FieldError[] }
  /** The key was first used, by the same caller, for a different notification: nothing was stored. */
  | { outcome: 'key-reused'; message: string };

/**
 * Accepting a notification: validate all of it before storing any of it, store it, then queue
 * it for triage. A retry with the same idempotency key and the same body lands on the same
 * contact and queues it again, which is harmless because triage starts at most once per contact;
 * the same key with a different body is refused, never merged into the first notification.
 *
 * The key's record is written before the contact, so a failure between the two leaves a record
 * that the caller's retry completes, and never a contact that its key cannot find.
 *
 * Once stored, the notification is accepted even if the queue cannot be reached: telling the
 * referrer otherwise would make them send it again, and `requeueStalledContacts` queues any
 * contact still waiting a few minutes later.
 */
export const acceptNotification = async (
  request: { body: unknown; channel: Channel; idempotencyKey?: IdempotencyKey; now: Date } & Pick<
    Contact,
    'senderAuthentication'
  >,
  deps: { store: Contacts & IdempotencyKeys; triageQueue: MessageQueue },
): Promise<AcceptResult> => {
  const parsed = validateNotification(request.body, request.now);
  if (!parsed.ok) return { outcome: 'invalid', errors: parsed.errors };

  const claim = request.idempotencyKey
    ? await claimKey({ key: request.idempotencyKey, fingerprint: fingerprintOf(request.body), now: request.now }, deps)
    : ({ outcome: 'new', contactId: newContactId() } as const);
  if (claim.outcome === 'conflict') return { outcome: 'key-reused', message: KEY_REUSED_MESSAGE };

  const { contactId } = claim;
  const at = request.now.toISOString();
  const candidate: Contact = {
    contactId,
    reference: referenceFor(contactId),
    status: 'received',
    channel: request.channel,
    receivedAt: at,
    statusToken: newStatusToken(contactId),
    notification: parsed.notification,
    ...(request.senderAuthentication && { senderAuthentication: request.senderAuthentication }),
    updatedAt: at,
  };
  const created = await deps.store.create(candidate);
  const contact = created === 'created' ? candidate : ((await deps.store.get(contactId)) ?? candidate);
  const queued =
    contact.status !== 'received' ||
    (await deps.triageQueue.send({ contactId }).then(
      () => true,
      () => false,
    ));
  return { outcome: created === 'created' ? 'accepted' : 'already-accepted', contact, queued };
};
