import { InMemoryCaseRegistry } from '../../shared/cases/in-memory-case-registry';
import { performAction } from '../../shared/console/actions';
import { recordDecision } from '../../shared/front-door/decisions';
import { ContactWrite, contactFrom, newContactId, referenceFor, type Contact } from '../../shared/contacts';
import { householdKeyFor, matchKeysFor } from '../../shared/matching/keys';
import type { ContactStore } from '../../shared/contacts/ports';
import { applyLevelsOfNeed, matchEarlierContacts, MATCHES_KEPT } from '../../shared/front-door/triage-steps';
import { parseNotification, type Notification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { TEST_MATCH_KEY } from '../support/match-key';

/**
 * Matching against the in-memory store: the work is one index read per key and nothing per
 * earlier contact, each child and address keeps its newest few and counts the rest, and the
 * matches live beside the contact, never in it.
 */
const now = new Date('2026-11-30T10:00:00Z');

const valid = (edit: (n: Notification) => void = () => {}): Notification => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  edit(parsed.notification);
  return parsed.notification;
};

const aContact = (notification: Notification, minutesAgo: number, status: Contact['status'] = 'triaging'): Contact => {
  const contactId = newContactId();
  const receivedAt = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  return contactFrom({
    contactId,
    reference: referenceFor(contactId),
    status,
    channel: 'api',
    receivedAt,
    updatedAt: receivedAt,
    notification,
  });
};

/** Earlier contacts as the index holds them after their own triage: awaiting a decision at level 2. */
const indexEarlier = async (
  store: MemoryContactStore,
  notification: Notification,
  count: number,
  keysOf: (n: Notification) => { key: string; basis: never }[],
) => {
  const earlier: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const contact = {
      ...aContact(notification, 100_000 - i * 60, 'awaiting-decision'),
      recommendation: { level: 2, children: [{ childIndex: 0, level: 2 }] } as Contact['recommendation'],
    };
    await store.create(contact);
    for (const key of keysOf(notification)) {
      await store.indexChildren([
        {
          key: key,
          entry: {
            contactId: contact.contactId,
            reference: contact.reference,
            receivedAt: contact.receivedAt,
            childIndex: 0,
            status: 'awaiting-decision',
            level: 2,
            // As triage records them: the keys of the children the entry is about.
            childKeys: notification.children.flatMap((c) => matchKeysFor(c, TEST_MATCH_KEY).map((k) => k.key)),
          },
        },
      ]);
    }
    earlier.push(contact);
  }
  return earlier;
};

/** Counts the calls the use case makes, by method. */
const counting = (store: MemoryContactStore) => {
  const calls: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, name: string) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted as ContactStore, calls };
};

describe('matching earlier contacts', () => {
  it('matches 300 earlier contacts about one child from the index alone, keeps the newest and counts the rest', async () => {
    const store = new MemoryContactStore();
    const child = valid();
    const earlier = await indexEarlier(store, child, 300, (n) => matchKeysFor(n.children[0]!, TEST_MATCH_KEY) as never);
    const latest = aContact(valid(), 0);
    await store.create(latest);
    const { store: watched, calls } = counting(store);

    const result = await matchEarlierContacts(latest.contactId, { store: watched, matchKey: TEST_MATCH_KEY, now });

    expect(result.matchedContacts).toBe(300);
    // One read of the contact itself, and under each key the newest page and a count of the rest:
    // nothing per earlier contact, and no key read to its end.
    expect(calls.getWithMatches).toBe(1);
    expect(calls.get).toBeUndefined();
    expect(calls.findByMatchKey).toBeUndefined();
    expect(calls.newestByMatchKey).toBe(matchKeysFor(child.children[0]!, TEST_MATCH_KEY).length + 1);
    expect(calls.countOlderByMatchKey).toBe(matchKeysFor(child.children[0]!, TEST_MATCH_KEY).length);
    const { earlier: kept, more } = await store.getMatches(latest.contactId);
    expect(kept).toHaveLength(MATCHES_KEPT);
    expect(kept[0]).toMatchObject({
      contactId: earlier.at(-1)!.contactId,
      status: 'awaiting-decision',
      level: 2,
      childIndex: 0,
      matchedOn: ['name-dob-postcode', 'nhs-number'],
    });
    expect(more).toEqual([{ kind: 'child', childIndex: 0, count: 300 - MATCHES_KEPT }]);
    // The contact itself holds no matches.
    expect(JSON.stringify(store.contacts.get(latest.contactId))).not.toContain(earlier[0]!.contactId);
  });

  it('reads only the newest of a child with hundreds of earlier contacts, and counts each of the rest once', async () => {
    // Prepare: 600 earlier contacts about the child, each under both of her keys, and 40 about
    // other children at her address, older than hers; indexed as triage indexes them.
    const store = new MemoryContactStore();
    const child = valid();
    const keys = [
      ...matchKeysFor(child.children[0]!, TEST_MATCH_KEY),
      householdKeyFor(child.children[0]!.address, TEST_MATCH_KEY),
    ];
    const neighbour = valid(
      (n) => (n.children[0] = { ...n.children[0]!, firstName: 'Neighbour', nhsNumber: undefined }),
    );
    await indexEarlier(
      store,
      neighbour,
      40,
      () => [householdKeyFor(child.children[0]!.address, TEST_MATCH_KEY)] as never,
    );
    await indexEarlier(store, child, 600, () => keys as never);
    const latest = aContact(child, 0);
    await store.create(latest);
    const { store: watched, calls } = counting(store);
    const limits: number[] = [];
    const newest = watched.newestByMatchKey.bind(watched);
    watched.newestByMatchKey = (key, limit) => {
      limits.push(limit);
      return newest(key, limit);
    };

    // Act
    const result = await matchEarlierContacts(latest.contactId, { store: watched, matchKey: TEST_MATCH_KEY, now });

    // Assess: every contact counted once, none read beyond a page whatever the history.
    expect(result).toEqual({ matchedContacts: 600, householdContacts: 40 });
    expect(Math.max(...limits)).toBeLessThanOrEqual(2 * (MATCHES_KEPT + 1));
    expect(calls.findByMatchKey).toBeUndefined();
    const { earlier, household, more } = await store.getMatches(latest.contactId);
    expect(earlier).toHaveLength(MATCHES_KEPT);
    expect(earlier.every((m) => m.matchedOn.length === 2)).toBe(true);
    // Her own older contacts at the address are never shown as another child's.
    expect(household.every((m) => !m.contactId || m.reference)).toBe(true);
    expect(household.filter((m) => earlier.some((e) => e.contactId === m.contactId))).toEqual([]);
    expect(more).toEqual([
      { kind: 'child', childIndex: 0, count: 600 - MATCHES_KEPT },
      { kind: 'household', childIndex: 0, count: 40 - household.length },
    ]);
  });

  it('matches a notification about 20 children at a children’s home with hundreds of earlier contacts, per child and per address', async () => {
    const store = new MemoryContactStore();
    const home = valid();
    const twenty = valid((n) => {
      n.children = Array.from({ length: 20 }, (_, i) => ({
        ...n.children[0]!,
        firstName: `Resident${String.fromCharCode(65 + i)}`,
        nhsNumber: undefined,
      }));
    });
    // 200 earlier contacts about other children at the same address, and 30 about each of the first two children.
    await indexEarlier(store, home, 200, (n) => [householdKeyFor(n.children[0]!.address, TEST_MATCH_KEY)] as never);
    for (const childIndex of [0, 1]) {
      const one = valid((n) => (n.children = [twenty.children[childIndex]!]));
      await indexEarlier(
        store,
        one,
        30,
        (n) =>
          [
            ...matchKeysFor(n.children[0]!, TEST_MATCH_KEY),
            householdKeyFor(n.children[0]!.address, TEST_MATCH_KEY),
          ] as never,
      );
    }
    const latest = aContact(twenty, 0);
    await store.create(latest);

    const result = await matchEarlierContacts(latest.contactId, { store, matchKey: TEST_MATCH_KEY, now });

    const { earlier, household, more } = await store.getMatches(latest.contactId);
    expect(result).toEqual({ matchedContacts: 60, householdContacts: 200 });
    expect(earlier.filter((m) => m.childIndex === 0)).toHaveLength(MATCHES_KEPT);
    expect(earlier.filter((m) => m.childIndex === 1)).toHaveLength(MATCHES_KEPT);
    // The household is the address's other contacts, not the children's own, under the first child living there.
    expect(household).toHaveLength(MATCHES_KEPT);
    expect(household.every((m) => m.childIndex === 0)).toBe(true);
    expect(more).toEqual(
      expect.arrayContaining([
        { kind: 'child', childIndex: 0, count: 30 - MATCHES_KEPT },
        { kind: 'child', childIndex: 1, count: 30 - MATCHES_KEPT },
        { kind: 'household', childIndex: 0, count: 200 - MATCHES_KEPT },
      ]),
    );
    // Every child is indexed under its own keys, and the address once.
    expect(store.index.get(householdKeyFor(twenty.children[0]!.address, TEST_MATCH_KEY).key)!.size).toBe(200 + 60 + 1);
    for (const child of twenty.children)
      expect(store.index.get(matchKeysFor(child, TEST_MATCH_KEY)[0]!.key)).toBeDefined();
  });

  it('shows an earlier contact as it is now, not as it was when matched', async () => {
    const store = new MemoryContactStore();
    const first = aContact(valid(), 60);
    await store.create(first);
    await matchEarlierContacts(first.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    await applyLevelsOfNeed(first.contactId, {
      store,
      now,
      matchKey: TEST_MATCH_KEY,
      cases: new InMemoryCaseRegistry(),
      acknowledgements: { send: async () => {} },
    });
    const second = aContact(valid(), 0);
    await store.create(second);
    await matchEarlierContacts(second.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    expect((await store.getMatches(second.contactId)).earlier).toEqual([
      expect.objectContaining({ contactId: first.contactId, status: 'awaiting-decision' }),
    ]);

    const decidedAt = now.toISOString();
    await store.transition(
      first.contactId,
      ['awaiting-decision'],
      'decided',
      {
        decision: {
          children: [{ childIndex: 0, route: 'nfa', level: 1, rationale: 'No further action.' }],
          decidedBy: 'Sam Okafor',
          decidedAt,
        } as unknown as Contact['decision'],
      },
      decidedAt,
    );

    // The status, decision time, level and route are all read fresh.
    expect((await store.getMatches(second.contactId)).earlier).toEqual([
      expect.objectContaining({
        contactId: first.contactId,
        matchedChildIndex: 0,
        status: 'decided',
        decidedAt,
        level: 1,
        route: 'nfa',
      }),
    ]);
    // And a third contact finds that summary in the index, without reading the earlier contact.
    const third = aContact(valid(), 0);
    await store.create(third);
    await matchEarlierContacts(third.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    expect(
      (await store.getMatches(third.contactId)).earlier.find((m) => m.contactId === first.contactId),
    ).toMatchObject({ status: 'decided', route: 'nfa' });
  });

  it('shows the child of the earlier contact that matched, and that child’s decision as it changes on reconsideration', async () => {
    // Prepare: an earlier contact about two siblings, decided differently for each.
    const store = new MemoryContactStore();
    const cases = new InMemoryCaseRegistry();
    const siblings = valid((n) => {
      n.children = [
        { ...n.children[0]!, firstName: 'Amira', nhsNumber: undefined },
        { ...n.children[0]!, firstName: 'Ben', nhsNumber: undefined },
      ];
    });
    const earlier = aContact(siblings, 60);
    await store.create(earlier);
    await matchEarlierContacts(earlier.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    await applyLevelsOfNeed(earlier.contactId, {
      store,
      matchKey: TEST_MATCH_KEY,
      now,
      cases,
      acknowledgements: { send: async () => {} },
    });
    const decided = await recordDecision(
      {
        contactId: earlier.contactId,
        decidedBy: 'worker-1',
        now,
        body: {
          children: [
            {
              childIndex: 0,
              route: 'nfa',
              level: 1,
              rationale: 'No further action for Amira.',
              overrideReason: 'Checks found no concern.',
            },
            {
              childIndex: 1,
              route: 'csc-assessment',
              level: 3,
              rationale: 'Assessment for Ben under section 17.',
              overrideReason: 'Ben told his teacher more.',
            },
          ],
        },
      },
      { store, outcomeQueue: { send: async () => {} } },
    );
    expect(decided.outcome).toBe('recorded');
    // A later notification about Ben alone.
    const later = aContact(
      valid((n) => (n.children = [siblings.children[1]!])),
      0,
    );
    await store.create(later);

    // Act
    await matchEarlierContacts(later.contactId, { store, matchKey: TEST_MATCH_KEY, now });

    // Assess: Ben's own decision, not his sister's (the earlier contact's first child).
    expect((await store.getMatches(later.contactId)).earlier).toEqual([
      expect.objectContaining({
        contactId: earlier.contactId,
        childIndex: 0,
        matchedChildIndex: 1,
        status: 'decided',
        level: 3,
        route: 'csc-assessment',
        decidedAt: now.toISOString(),
      }),
    ]);

    // Act: a manager changes Ben's decision on the referrer's request.
    const reconsideredAt = new Date(now.getTime() + 86_400_000);
    const requested = await store.update(
      earlier.contactId,
      store.contacts.get(earlier.contactId)!.version ?? 0,
      ContactWrite.change(store.contacts.get(earlier.contactId)!, {
        reconsideration: { requestedAt: now.toISOString(), reason: 'Synthetic reason.', status: 'requested' },
      }),
      now.toISOString(),
    );
    const answered = await performAction(
      {
        contactId: earlier.contactId,
        kind: 'answer-reconsideration',
        fields: {
          reconsiderationStatus: 'changed',
          answer: 'Early help will support the family.',
          route: 'early-help-targeted',
          level: '2',
          rationale: 'Targeted early help meets Ben’s needs.',
          childIndex: '1',
        },
        expectedVersion: requested.version ?? 0,
        actor: { id: 'manager-1', name: 'Synthetic Manager', role: 'manager' },
        now: reconsideredAt,
      },
      { store, outcomeQueue: { send: async () => {} } },
    );
    expect(answered.outcome).toBe('done');

    // Assess: the match shows Ben's new decision; each child's index entry carries its own.
    expect((await store.getMatches(later.contactId)).earlier).toEqual([
      expect.objectContaining({
        matchedChildIndex: 1,
        level: 2,
        route: 'early-help-targeted',
        decidedAt: reconsideredAt.toISOString(),
      }),
    ]);
    const [amiraKey] = matchKeysFor(siblings.children[0]!, TEST_MATCH_KEY);
    const [benKey] = matchKeysFor(siblings.children[1]!, TEST_MATCH_KEY);
    expect((await store.findByMatchKey(amiraKey!)).find((e) => e.contactId === earlier.contactId)).toMatchObject({
      childIndex: 0,
      level: 1,
      route: 'nfa',
    });
    expect((await store.findByMatchKey(benKey!)).find((e) => e.contactId === earlier.contactId)).toMatchObject({
      childIndex: 1,
      level: 2,
      route: 'early-help-targeted',
      decidedAt: reconsideredAt.toISOString(),
    });
  });

  it('gives the levels-of-need rules the matches stored beside the contact', async () => {
    const store = new MemoryContactStore();
    for (const minutesAgo of [300, 200, 100]) {
      const earlier = aContact(valid(), minutesAgo);
      await store.create(earlier);
      await matchEarlierContacts(earlier.contactId, { store, matchKey: TEST_MATCH_KEY, now });
      await applyLevelsOfNeed(earlier.contactId, {
        store,
        now,
        matchKey: TEST_MATCH_KEY,
        cases: new InMemoryCaseRegistry(),
        acknowledgements: { send: async () => {} },
      });
    }
    const latest = aContact(valid(), 0);
    await store.create(latest);
    await matchEarlierContacts(latest.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    await applyLevelsOfNeed(latest.contactId, {
      store,
      now,
      matchKey: TEST_MATCH_KEY,
      cases: new InMemoryCaseRegistry(),
      acknowledgements: { send: async () => {} },
    });

    const { recommendation } = (await store.get(latest.contactId))!;
    expect(recommendation!.reasons.filter((r) => r.kind === 'history').map((r) => r.evidence.join(' '))).toEqual(
      expect.arrayContaining([expect.stringContaining('3 earlier contacts')]),
    );
  });

  it('records the contact under its own keys in the same store call as its matches', async () => {
    // Prepare: one earlier contact about the same child.
    const store = new MemoryContactStore();
    const child = valid();
    const [before] = await indexEarlier(store, child, 1, (n) => matchKeysFor(n.children[0]!, TEST_MATCH_KEY) as never);
    const latest = aContact(valid(), 0);
    await store.create(latest);
    const { store: watched, calls } = counting(store);

    // Act
    await matchEarlierContacts(latest.contactId, { store: watched, matchKey: TEST_MATCH_KEY, now });

    // Assess: one write call (the DynamoDB store makes it one batch request), and a later contact finds this one.
    expect(calls).toMatchObject({ saveMatches: 1 });
    expect(calls.indexChildren).toBeUndefined();
    expect((await store.getMatches(latest.contactId)).earlier.map((m) => m.contactId)).toEqual([before!.contactId]);
    const indexed = await store.findByMatchKey(matchKeysFor(child.children[0]!, TEST_MATCH_KEY)[0]!);
    expect(indexed.map((e) => e.contactId)).toEqual([latest.contactId, before!.contactId]);
  });

  it('stores nothing more once triage has moved on, when a retried step runs again, but keeps the contact indexed', async () => {
    const store = new MemoryContactStore();
    const notification = valid();
    const contact = aContact(notification, 0, 'awaiting-decision');
    await store.create(contact);
    await matchEarlierContacts(contact.contactId, { store, matchKey: TEST_MATCH_KEY, now });
    expect(store.matches.has(contact.contactId)).toBe(false);
    const indexed = await store.findByMatchKey(householdKeyFor(notification.children[0]!.address, TEST_MATCH_KEY));
    expect(indexed.map((e) => e.contactId)).toEqual([contact.contactId]);
  });
});
