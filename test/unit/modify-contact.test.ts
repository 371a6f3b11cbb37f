import {
  ContactWrite,
  MODIFY_ATTEMPTS,
  modifyContact,
  type Contact,
  type ContactChange,
  type ContactStatus,
} from '../../shared/contacts';
import { requestReconsideration } from '../../shared/referrer/reconsideration';
import { MemoryContactStore } from '../support/contact-store-in-memory';

/**
 * modifyContact: one read–check–write with one retry policy on version conflicts, for every use
 * case that changes a contact someone else may be changing at the same moment.
 */

const NOW = '2026-11-30T10:00:00.000Z';

const contact = (overrides: Partial<Contact> = {}): Contact =>
  ({
    contactId: 'c-1',
    reference: 'CFC-AAAA-BBBB',
    status: 'decided',
    channel: 'api',
    receivedAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    version: 4,
    notification: { children: [{}] },
    decision: { children: [], decidedAt: '2026-11-29T10:00:00.000Z', decidedBy: 'sam.okafor' },
    ...overrides,
  }) as Contact;

/** The in-memory store, where another writer changes the contact just before each of our first `conflicts` writes. */
const storeWithConflicts = (conflicts: number, initial = contact()) => {
  const store = new MemoryContactStore([initial]);
  const calls = { get: 0, update: 0 };
  let left = conflicts;
  const racing = {
    get: async (id: string) => {
      calls.get++;
      return store.get(id);
    },
    update: async <S extends ContactStatus>(id: string, expected: number, write: ContactWrite<S>, now: string) => {
      calls.update++;
      if (left-- > 0) {
        const current = (await store.get(id))!;
        const other = ContactWrite.change(current, { assignee: { id: `w-${left}`, name: 'Another worker' } });
        await store.update(id, current.version ?? 0, other, now);
      }
      return store.update(id, expected, write, now);
    },
  };
  return { store, racing, calls };
};

/** Links an earlier contact: a change that builds on what is already there. */
const addLink =
  (ref: string) =>
  (current: Contact): ContactChange<'already-linked'> =>
    current.links?.some((l) => l.reference === ref)
      ? { stop: 'already-linked' }
      : {
          write: ContactWrite.change(current, {
            links: [
              ...(current.links ?? []),
              { contactId: `id-${ref}`, reference: ref, by: { id: 'w', name: 'W' }, at: NOW },
            ],
          }),
        };

describe('modifyContact', () => {
  it('writes the change worked out from the stored contact, at its version', async () => {
    // Prepare
    const { store, racing, calls } = storeWithConflicts(0);

    // Act
    const modified = await modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW });

    // Assess
    expect(modified.outcome).toBe('written');
    const stored = (await store.get('c-1'))!;
    expect(stored.links?.map((l) => l.reference)).toEqual(['CFC-1']);
    expect(stored.version).toBe(5);
    expect(stored.updatedAt).toBe(NOW);
    expect(modified).toMatchObject({ contact: stored, before: { version: 4 } });
    expect(calls).toEqual({ get: 1, update: 1 });
  });

  it('works the change out again from what another writer left, and keeps both', async () => {
    // Prepare
    const { store, racing, calls } = storeWithConflicts(1);
    const seen: (number | undefined)[] = [];
    const change = (current: Contact) => {
      seen.push(current.version);
      return addLink('CFC-1')(current);
    };

    // Act
    const modified = await modifyContact(racing, 'c-1', change, { now: NOW });

    // Assess
    expect(modified.outcome).toBe('written');
    expect(seen).toEqual([4, 5]);
    const stored = (await store.get('c-1'))!;
    expect(stored.assignee?.name).toBe('Another worker');
    expect(stored.links?.map((l) => l.reference)).toEqual(['CFC-1']);
    expect(stored.version).toBe(6);
    // The conflict carries the contact as it is now: it is not read again.
    expect(calls).toEqual({ get: 1, update: 2 });
  });

  it(`gives up after ${MODIFY_ATTEMPTS} attempts at a contact that keeps changing`, async () => {
    // Prepare
    const { store, racing, calls } = storeWithConflicts(100);
    let tries = 0;
    const change = (current: Contact) => {
      tries++;
      return addLink('CFC-1')(current);
    };

    // Act
    const modified = await modifyContact(racing, 'c-1', change, { now: NOW });

    // Assess
    expect(tries).toBe(MODIFY_ATTEMPTS);
    expect(calls.update).toBe(MODIFY_ATTEMPTS);
    expect(modified.outcome).toBe('kept-changing');
    const stored = (await store.get('c-1'))!;
    expect(stored.links).toBeUndefined();
    expect(modified).toEqual({ outcome: 'kept-changing', contact: stored });
  });

  it('writes nothing when the change stops, and says why', async () => {
    // Prepare
    const { store, racing, calls } = storeWithConflicts(0);
    await modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW });

    // Act
    const modified = await modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW });

    // Assess
    expect(modified).toMatchObject({ outcome: 'stopped', stop: 'already-linked', contact: { version: 5 } });
    expect((await store.get('c-1'))!.version).toBe(5);
    expect(calls.update).toBe(1);
  });

  it('stops when a conflict shows the change is no longer wanted', async () => {
    // Prepare: the other writer adds the same link first.
    const { store, racing } = storeWithConflicts(0);
    const update = racing.update;
    let raced = false;
    racing.update = async <S extends ContactStatus>(
      id: string,
      expected: number,
      changes: ContactWrite<S>,
      now: string,
    ) => {
      if (!raced) {
        raced = true;
        const first = addLink('CFC-1')(contact());
        if ('write' in first) await store.update(id, expected, first.write, now);
      }
      return update(id, expected, changes, now);
    };

    // Act
    const modified = await modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW });

    // Assess
    expect(modified).toMatchObject({ outcome: 'stopped', stop: 'already-linked' });
    expect((await store.get('c-1'))!.links).toHaveLength(1);
  });

  it('reports a contact that is not there', async () => {
    // Prepare
    const { racing } = storeWithConflicts(0);
    const change = jest.fn(addLink('CFC-1'));

    // Act
    const modified = await modifyContact(racing, 'missing', change, { now: NOW });

    // Assess
    expect(modified).toEqual({ outcome: 'not-found' });
    expect(change).not.toHaveBeenCalled();
  });

  it('starts from the contact the caller has just read, without reading it again', async () => {
    // Prepare
    const { racing, calls } = storeWithConflicts(0);
    const current = (await racing.get('c-1'))!;
    calls.get = 0;

    // Act
    const modified = await modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW, current });

    // Assess
    expect(modified.outcome).toBe('written');
    expect(calls).toEqual({ get: 0, update: 1 });
  });

  it('lets any other failure of the store through', async () => {
    // Prepare
    const { racing } = storeWithConflicts(0);
    racing.update = async () => {
      throw new Error('throttled');
    };

    // Act and assess
    await expect(modifyContact(racing, 'c-1', addLink('CFC-1'), { now: NOW })).rejects.toThrow('throttled');
  });
});

describe('requesting a reconsideration of a contact that keeps changing', () => {
  it(`fails after ${MODIFY_ATTEMPTS} attempts instead of trying for ever`, async () => {
    // Prepare
    const { racing, calls } = storeWithConflicts(100);
    const reason = 'The family were not asked what help they wanted.';

    // Act
    const requesting = requestReconsideration(
      { contactId: 'c-1', body: { reason }, now: new Date(NOW) },
      { store: racing },
    );

    // Assess
    await expect(requesting).rejects.toThrow('kept changing');
    expect(calls.update).toBe(MODIFY_ATTEMPTS);
  });

  it('is refused as already requested when a request lands in between', async () => {
    // Prepare
    const { store, racing } = storeWithConflicts(0);
    const update = racing.update;
    let raced = false;
    racing.update = async <S extends ContactStatus>(
      id: string,
      expected: number,
      changes: ContactWrite<S>,
      now: string,
    ) => {
      if (!raced) {
        raced = true;
        await store.update(
          id,
          expected,
          ContactWrite.change(contact(), {
            reconsideration: { requestedAt: now, reason: 'first', status: 'requested' },
          }),
          now,
        );
      }
      return update(id, expected, changes, now);
    };

    // Act
    const result = await requestReconsideration(
      { contactId: 'c-1', body: { reason: 'A second request sent at the same moment.' }, now: new Date(NOW) },
      { store: racing },
    );

    // Assess
    expect(result).toEqual({ outcome: 'refused', reason: 'already-requested' });
    expect((await store.get('c-1'))!.reconsideration?.reason).toBe('first');
  });
});
