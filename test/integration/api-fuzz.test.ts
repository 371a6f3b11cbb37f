import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { useLocalSystem } from '../support/local-system';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';

/**
 * Property-based fuzzing of the single and batch notification APIs on the local system, bounded
 * in runs and time: no input gets a 5xx, a refused input stores nothing, and sending the same
 * thing again never stores it twice. FUZZ_SEED replays a failing run.
 */
const seed = Number(process.env.FUZZ_SEED) || undefined;

/** Text that has broken things before: direction overrides, half surrogates, controls, huge and odd numbers. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '\u202Eevil',
    '\uD800',
    '\u0000',
    '<script>alert(1)</script>',
    'null',
    '',
    ' ',
    '𝔉𝔯𝔬𝔫𝔱',
    '1e309',
    '__proto__',
    'constructor',
  ),
);
const jsonish: fc.Arbitrary<unknown> = fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));

/** A valid notification with a few of its fields, at any depth, replaced or removed. */
const mutatedNotification = fc
  .tuple(
    fc.constantFrom(aSchoolNeglectNotification, aPoliceDomesticAbuseNotification),
    fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), jsonish), { maxLength: 4 }),
  )
  .map(([make, edits]) => {
    const notification = make() as unknown as Record<string, unknown>;
    for (const [path, value] of edits) {
      let node: Record<string, unknown> = notification;
      for (const [depth, step] of path.entries()) {
        const keys = Object.keys(node);
        if (!keys.length) break;
        const key = keys[step % keys.length]!;
        const next = node[key];
        if (depth === path.length - 1 || !next || typeof next !== 'object') {
          if (value === undefined) delete node[key];
          else node[key] = value;
          break;
        }
        node = next as Record<string, unknown>;
      }
    }
    return notification;
  });

const body = fc.oneof(
  { arbitrary: mutatedNotification.map((n) => JSON.stringify(n)), weight: 6 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)), weight: 1 },
  { arbitrary: hostile, weight: 1 },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/jsonp',
  'text/plain',
  'application/json; charset=latin1',
  'multipart/form-data',
);

describe('API fuzzing', () => {
  const local = useLocalSystem();
  let db: DynamoDBClient;
  beforeAll(() => {
    db = new DynamoDBClient(local.system.clientConfig('dynamodb'));
  });
  afterAll(() => db?.destroy());

  /** Contacts stored, counted in the table itself rather than through the API under test. */
  const storedContacts = async (): Promise<number> => {
    let count = 0;
    let ExclusiveStartKey: Record<string, never> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: local.system.endpoints.outputs.ContactsTableName!,
          // The contact items only: its audit trail, matches and index entries sit under the same pk.
          FilterExpression: 'begins_with(pk, :contact) AND sk = :item',
          ExpressionAttributeValues: { ':contact': { S: 'CONTACT#' }, ':item': { S: 'CONTACT' } },
          Select: 'COUNT',
          ExclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
    } while (ExclusiveStartKey);
    return count;
  };

  const send = (path: string, payload: string | Buffer, headers: Record<string, string>) =>
    fetch(`${local.system.endpoints.api}${path}`, {
      method: 'POST',
      headers,
      body: typeof payload === 'string' ? payload : new Uint8Array(payload),
    });

  it('POST /api/notifications: no 5xx, nothing stored when refused, never stored twice', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        // Prepare
        const headers = { 'content-type': type, 'idempotency-key': `fuzz-single-${Date.now()}-${run++}` };
        const before = await storedContacts();

        // Act: a client that never heard back sends the same request again.
        const first = await send('/api/notifications', payload, headers);
        const again = await send('/api/notifications', payload, headers);

        // Assess
        expect([first.status, again.status].filter((s) => s >= 500)).toEqual([]);
        const stored = (await storedContacts()) - before;
        expect(stored).toBe(first.status === 202 ? 1 : 0);
        if (first.status === 202) expect((await again.json()).contactId).toBe((await first.json()).contactId);
      }),
      { numRuns: 40, interruptAfterTimeLimit: 60_000, seed },
    );
  }, 150_000);

  it('POST /api/notifications/batch: no 5xx, one contact per accepted item, nothing more on a resend', async () => {
    let run = 0;
    const item = fc.record({
      idempotencyKey: fc.oneof(fc.constant('same-key'), hostile, fc.uuid()),
      notification: mutatedNotification,
    });
    const batch = fc.oneof(
      {
        arbitrary: fc
          .array(item, { minLength: 1, maxLength: 4 })
          .map((notifications) => JSON.stringify({ notifications })),
        weight: 4,
      },
      { arbitrary: body, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(batch, async (payload) => {
        // Prepare: keys are the agency's own; a fresh prefix per run keeps runs apart.
        const scoped =
          typeof payload === 'string'
            ? payload.replaceAll('"idempotencyKey":"', `"idempotencyKey":"${Date.now()}-${run++}-`)
            : payload;
        const headers = { 'content-type': 'application/json', 'x-api-key': 'local-batch-key' };
        const before = await storedContacts();

        // Act
        const first = await send('/api/notifications/batch', scoped, headers);
        const afterFirst = await storedContacts();
        const again = await send('/api/notifications/batch', scoped, headers);

        // Assess
        expect([first.status, again.status].filter((s) => s >= 500)).toEqual([]);
        const accepted =
          first.status === 200
            ? ((await first.json()) as { results: { outcome: string }[] }).results.filter(
                (r) => r.outcome === 'accepted',
              ).length
            : 0;
        expect(afterFirst - before).toBe(accepted);
        expect(await storedContacts()).toBe(afterFirst);
      }),
      { numRuns: 25, interruptAfterTimeLimit: 60_000, seed },
    );
  }, 150_000);
});
