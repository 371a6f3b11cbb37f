import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Mailer } from '../../shared/mail/mailer';
import type { MessageQueue } from '../../shared/front-door/ports';
import type { EmailMessage } from '../../shared/mail/message';
import { receiveEmail } from '../../shared/email-intake/receive';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryIntakeStore } from '../support/memory-intake-store';

/**
 * Property-based fuzzing of the email parser, bounded in runs and time: whatever arrives, the
 * intake answers with an outcome (never an exception, which would leave the sender unanswered
 * and the message to be retried), a refused email stores nothing, and one email is one contact
 * at most, however often SES delivers it.
 */
const template = readFileSync(join(__dirname, '..', '..', 'events', 'email', 'template.eml'), 'utf8');
const config = testRuntimeConfig({ INBOUND_EMAIL_MAX_BYTES: String(64 * 1024) });

const setUp = () => {
  const { store, contacts } = memoryIntakeStore();
  const triageQueue: MessageQueue = { send: async () => undefined };
  const sent: EmailMessage[] = [];
  const mailer: Mailer = { sendOnce: async (m) => void sent.push(m) };
  return { contacts, deps: { store, triageQueue, mailer, config } };
};

/** Emails near the template: lines cut, swapped, repeated or replaced with hostile text, and raw bytes. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '\u202Eevil',
    '\uD800',
    '--- BEGIN FRONT DOOR NOTIFICATION ---',
    '--- END FRONT DOOR NOTIFICATION ---',
    'Content-Type: multipart/mixed; boundary=x',
    '=?utf-8?B?/w==?=',
    '{"a":',
    ': : :',
    '- [',
    '&anchor',
    '*alias',
    '!!binary x',
  ),
);
const nearTemplate = fc
  .array(fc.tuple(fc.nat(), fc.oneof(fc.constant('cut'), fc.constant('repeat'), hostileText)), { maxLength: 6 })
  .map((edits) => {
    const lines = template.split('\n');
    for (const [at, edit] of edits) {
      const i = at % lines.length;
      if (edit === 'cut') lines.splice(i, 1);
      else if (edit === 'repeat') lines.splice(i, 0, lines[i]!);
      else lines[i] = edit;
    }
    return Buffer.from(lines.join('\n'));
  });
const email = fc.oneof(
  nearTemplate,
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
);

describe('email parser fuzzing', () => {
  it('answers every email with an outcome, stores nothing for a refused one and never stores one twice', async () => {
    await fc.assert(
      fc.asyncProperty(email, async (raw) => {
        // Prepare
        const { contacts, deps } = setUp();
        const source = {
          bucket: 'inbound',
          key: 'inbound/fuzz',
          messageId: 'fuzz',
          now: new Date('2026-11-20T10:00:00Z'),
        };

        // Act: SES may deliver the same message twice.
        const first = await receiveEmail(raw, source, deps);
        const again = await receiveEmail(raw, source, deps);

        // Assess
        if (first.outcome === 'refused') expect(contacts.size).toBe(0);
        else expect(again).toMatchObject({ contactId: first.contactId });
        expect(contacts.size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 20_000, seed: Number(process.env.FUZZ_SEED) || undefined },
    );
  }, 40_000);
});
