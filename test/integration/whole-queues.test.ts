import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoContactStore } from '../../shared/aws/dynamo-contact-store';
import {
  contactFrom,
  newContactId,
  referenceFor,
  type Contact,
  type ContactChanges,
  type ContactStatus,
} from '../../shared/contacts';
import { householdKeyFor, matchKeysFor } from '../../shared/matching/keys';
import type { TriageWorkflow } from '../../shared/front-door/ports';
import { requeueStalledContacts } from '../../shared/front-door/stalled';
import { MATCHES_KEPT } from '../../shared/front-door/triage-steps';
import { parseNotification, type Notification } from '../../shared/notification';
import type { Recommendation } from '../../shared/triage/types';
import { get, signIn } from '../console/helpers';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { census } from '../support/census';
import { distinctName } from '../support/distinct-name';
import { apiClient } from './api-client';
import { LOCAL_MATCH_KEY } from '../../shared/aws/secrets-manager-key';

/**
 * Whole queues and matching at scale, on the local system: more contacts than one 1 MB
 * DynamoDB page in a queue (the console tab, GET /api/contacts with its cursor, the stall
 * sweeper), hundreds of earlier contacts about one child and one address, and a burst of
 * notifications that waits in the queue rather than failing.
 */
let system: RunningLocalSystem;
let store: DynamoContactStore;
let client: DynamoDBClient;
beforeAll(async () => {
  system = await startLocalSystem();
  client = new DynamoDBClient(system.clientConfig('dynamodb'));
  store = new DynamoContactStore(system.endpoints.outputs.ContactsTableName!, client);
}, 180_000);
afterAll(async () => {
  client?.destroy();
  await system?.stop();
}, 60_000);

const valid = (edit: (n: Notification) => void = () => {}): Notification => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  edit(parsed.notification);
  return parsed.notification;
};
/** About 20 KB of synthetic text: sixty such contacts fill more than one DynamoDB page. */
const LONG = 'A synthetic account of the concern, long enough to make the contact large. '.repeat(260);
const aContact = (status: ContactStatus, receivedAt: string, extra: ContactChanges = {}): Contact => {
  const contactId = newContactId();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status,
    channel: 'api',
    receivedAt,
    updatedAt: receivedAt,
    notification: valid(),
    ...extra,
  });
};
const inParallel = async <T>(items: T[], each: (item: T) => Promise<unknown>, width = 10) => {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(each));
};

describe('every list reads its whole queue', () => {
  const QUEUED = 70;
  let queued: Contact[];
  beforeAll(async () => {
    const big = valid((n) => (n.concerns.description = LONG));
    queued = Array.from({ length: QUEUED }, (_, i) => {
      const dueAt = new Date(Date.now() + (i + 1) * 3_600_000).toISOString();
      const recommendation = {
        level: 2,
        route: 'early-help-targeted',
        priority: 'green',
        dueAt,
        themes: [],
        reasons: [],
        clocks: [],
        ruleset: { id: 'default', version: '1' },
      } as unknown as Recommendation;
      return aContact('awaiting-decision', new Date().toISOString(), { notification: big, recommendation });
    });
    await inParallel(queued, (c) => store.create(c));
  }, 120_000);

  it('counts and pages the whole of a console tab, with GOV.UK pagination', async () => {
    const cookie = await signIn(system, 'sam.okafor');
    const pages = Math.ceil(QUEUED / 25);
    const first = await (await get(system, '/console?tab=all', cookie)).text();
    expect(first).toContain(`Awaiting decision (${QUEUED})`);
    expect(first).toContain('govuk-pagination');
    const last = await (await get(system, `/console?tab=all&page=${pages}`, cookie)).text();
    // The least urgent contact is on the last page: it was past the first 1 MB page of the index.
    expect(last).toContain(queued.at(-1)!.reference);
    expect(last).not.toContain(queued[0]!.reference);
  });

  it('gives GET /api/contacts a cursor that reaches every contact once, most urgent first', async () => {
    const api = apiClient(system);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await api.call(
        'GET',
        `/api/contacts?status=awaiting-decision&limit=30${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      seen.push(...(body.contacts as { contactId: string }[]).map((c) => c.contactId));
      cursor = body.next;
    } while (cursor && seen.length <= QUEUED);
    expect(seen).toEqual(queued.map((c) => c.contactId));

    const refused = await api.call('GET', '/api/contacts?status=awaiting-decision&cursor=made-up');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('has the stall sweeper read every stalled contact, past the first page', async () => {
    const big = valid((n) => (n.concerns.description = LONG));
    const stalled = Array.from({ length: 60 }, () =>
      aContact('received', new Date().toISOString(), { notification: big }),
    );
    await inParallel(stalled, (c) => store.create(c));
    // The sweeper's own run, ten minutes on, with the local system's table and a queue that
    // records what it is sent (the scheduled sweeper will not see them stalled for five minutes).
    const sent: string[] = [];
    const { requeued } = await requeueStalledContacts({
      store,
      // An empty queue: none of them can be waiting behind it.
      triageQueue: { send: async ({ contactId }) => void sent.push(contactId), messagesHeld: async () => 0 },
      acknowledgementQueue: { send: async () => {}, messagesHeld: async () => 0 },
      // No execution has ended: this run is about the contacts never queued.
      workflow: { contactsWithEndedRuns: async () => [] } as unknown as TriageWorkflow,
      now: new Date(Date.now() + 10 * 60_000),
    });
    expect(requeued).toBe(stalled.length);
    expect(sent.sort()).toEqual(stalled.map((c) => c.contactId).sort());
  });
});

describe('matching hundreds of earlier contacts', () => {
  const EARLIER = 300;
  /** A child and address of their own, so no other test's contacts match them. */
  const elsewhere = (n: {
    children: {
      firstName?: string;
      lastName?: string;
      nhsNumber?: string;
      address: { line1: string; postcode: string };
    }[];
  }) => {
    for (const c of n.children) {
      c.lastName = 'Hundredfold';
      delete c.nhsNumber;
      c.address = { ...c.address, line1: '300 Example Road', postcode: 'ZZ9 9ZZ' };
    }
    return n;
  };
  const submitted = () => elsewhere(aSchoolNeglectNotification());
  beforeAll(async () => {
    const child = valid(elsewhere).children[0]!;
    // The local system's own match key, so its triage finds these entries.
    const childKeys = matchKeysFor(child, LOCAL_MATCH_KEY);
    const keys = [...childKeys, householdKeyFor(child.address, LOCAL_MATCH_KEY)];
    const earlier = Array.from({ length: EARLIER }, (_, i) =>
      aContact('decided', new Date(Date.now() - (i + 1) * 86_400_000).toISOString(), {
        decision: {
          children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action.' }],
          decidedBy: 'Sam Okafor',
          decidedAt: new Date(Date.now() - i * 86_400_000).toISOString(),
        } as unknown as Contact['decision'],
      }),
    );
    await inParallel(earlier, async (c) => {
      await store.create(c);
      for (const key of keys) {
        await store.indexChildren([
          {
            key: key,
            entry: {
              contactId: c.contactId,
              reference: c.reference,
              receivedAt: c.receivedAt,
              childIndex: 0,
              status: 'decided',
              level: 1,
              route: 'nfa',
              decidedAt: c.decision!.decidedAt,
              // As triage indexes a contact now: the child's own keys, so the household's count
              // leaves out the child's own contacts.
              childKeys: childKeys.map((k) => k.key),
            },
          },
        ]);
      }
    });
  }, 180_000);

  it('triages a notification about a child with 300 earlier contacts, keeping the newest and counting the rest', async () => {
    const api = apiClient(system);
    const { body } = await api.submit(submitted());
    const triaged = await api.contactInStatus(body.contactId, 'awaiting-decision', 90_000);
    expect(triaged.matches).toHaveLength(MATCHES_KEPT);
    expect(triaged.matches[0]).toMatchObject({
      status: 'decided',
      route: 'nfa',
      level: 1,
      matchedOn: ['name-dob-postcode'],
    });
    expect(triaged.moreMatches).toEqual([{ kind: 'child', childIndex: 0, count: EARLIER - MATCHES_KEPT }]);

    const page = await (
      await get(system, `/console/contacts/${body.contactId}`, await signIn(system, 'sam.okafor'))
    ).text();
    expect(page).toContain(`and ${EARLIER - MATCHES_KEPT} more earlier contacts not listed`);
  }, 120_000);

  it('triages one notification about 20 children at that address, with the household’s contacts capped', async () => {
    const api = apiClient(system);
    const twenty = submitted();
    twenty.children = Array.from({ length: 20 }, (_, i) => ({
      ...structuredClone(twenty.children[0]!),
      firstName: `Resident${String.fromCharCode(65 + i)}`,
    }));
    const { status, body } = await api.submit(twenty);
    expect(status).toBe(202);
    const triaged = await api.contactInStatus(body.contactId, 'awaiting-decision', 90_000);
    expect(triaged.matches).toEqual([]);
    expect(triaged.householdMatches).toHaveLength(MATCHES_KEPT);
    // The 300 seeded and the notification about the one child, less those kept.
    expect(triaged.moreMatches).toEqual([{ kind: 'household', childIndex: 0, count: EARLIER + 1 - MATCHES_KEPT }]);
  }, 120_000);
});

describe('a burst of notifications', () => {
  const BURST = 200;
  const AT_ONCE = 50;

  it(`queues ${BURST} notifications sent ${AT_ONCE} at a time and triages every one exactly once: none failed, stuck, duplicated or unacknowledged`, async () => {
    // Prepare: each about a different child, so the burst measures the pipeline, not one child's history.
    const api = apiClient(system);
    const since = new Date().toISOString();
    const notification = (i: number) => {
      const n = aSchoolNeglectNotification();
      for (const child of n.children) {
        child.firstName = distinctName(i, 'burst');
        delete child.nhsNumber;
        child.address = { ...child.address, line1: `${i + 1} Burst Lane` };
      }
      return n;
    };

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < BURST; i += AT_ONCE) {
      const sent = await Promise.all(Array.from({ length: AT_ONCE }, (_, j) => api.submit(notification(i + j))));
      statuses.push(...sent.map((response) => response.status));
    }
    // Done when every contact is past triage and its acknowledgement is no longer pending.
    let counts = await census(system, { since });
    while (counts.total - counts.unfinished < BURST || counts.acknowledgementPending > 0) {
      await new Promise((resolvePoll) => setTimeout(resolvePoll, 250));
      counts = await census(system, { since });
    }

    counts = await census(system, { since, readByKey: true });

    // Assess
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
    expect(counts).toMatchObject({
      total: BURST,
      unfinished: 0,
      byStatus: { 'awaiting-decision': BURST },
      duplicatedAcknowledgements: 0,
      unacknowledged: 0,
      acknowledgementPending: 0,
      staleReads: 0,
    });
  }, 240_000);
});
