import {
  agreeDecision,
  answerReconsideration,
  canMove,
  codesOfStatus,
  completeNotification,
  contactFrom,
  ContactWrite,
  decide,
  proposeDecision,
  reopenForReturnedHandover,
  requestReconsideration,
  returnDecision,
  TRANSITIONS,
  type Contact,
  type ContactIn,
  type ContactStatus,
  type NextFromEach,
} from '../../shared/contacts';
import { MemoryContactStore } from '../support/contact-store-in-memory';
import { aRecommendedContact } from '../support/recommended-contact';

/**
 * The contact's life cycle as typed transitions (issue 16 part 3): each function takes the
 * variant it starts from and gives the variant it makes, along an edge of the one table
 * (TRANSITIONS). These tests prove every function keeps to the table at run time; the
 * `@ts-expect-error` lines prove the compiler refuses the edges it lacks.
 */
const at = '2026-11-20T15:00:00.000Z';
const manager = { id: 'morgan.ellis', name: 'Morgan Ellis' };
const aDecision = {
  children: [
    { childIndex: 0, route: 'nfa' as const, level: 1 as const, rationale: 'No further action: a one-off worry.' },
  ],
  decidedAt: '2026-11-20T14:00:00.000Z',
  decidedBy: 'sam.okafor',
};
const awaiting = aRecommendedContact();
const failed = aRecommendedContact({ status: 'triage-failed', triageFailure: { error: 'Timeout', at } });
const proposed = aRecommendedContact({ status: 'awaiting-manager', proposedDecision: aDecision });
const decided = aRecommendedContact({ status: 'decided', decision: aDecision });
const needsCompleting = aRecommendedContact({
  status: 'needs-completing',
  notification: undefined,
  recommendation: undefined,
  incomingEmail: {
    from: 'pat.neighbour@mail.example',
    subject: 'Worried',
    text: 'Hello',
    attachments: [],
    rawMessage: { bucket: 'inbound', key: 'k' },
  },
});
const requested = requestReconsideration(decided, { requestedAt: at, reason: 'Please look at it again.' });
const upheld = { ...requested.reconsideration!, status: 'upheld' as const, answer: 'It stands.' };
const changed = { ...upheld, status: 'changed' as const };

type Move = [name: string, before: Contact, after: Contact, write: ContactWrite<ContactStatus>];
/** A transition that changes the status: its write is typed by the table, as in the use cases. */
const move = <B extends Contact, A extends ContactIn<NextFromEach<B['status']>>>(
  name: string,
  before: B,
  after: A,
): Move => [name, before, after, ContactWrite.move(before, after)];
/** A transition within a status. */
const within = <C extends Contact>(name: string, before: C, after: C): Move => [
  name,
  before,
  after,
  ContactWrite.within(before, after),
];

/** Every transition function, applied to a contact in each status it starts from. */
const moves: Move[] = [
  move('decide', awaiting, decide(awaiting, aDecision)),
  move('decide', failed, decide(failed, aDecision)),
  move('proposeDecision', awaiting, proposeDecision(awaiting, aDecision)),
  move('proposeDecision', failed, proposeDecision(failed, aDecision)),
  move('agreeDecision', proposed, agreeDecision(proposed, { outcome: 'agreed', by: manager, at })),
  move('returnDecision', proposed, returnDecision(proposed, { outcome: 'returned', comment: 'Why?', by: manager, at })),
  move(
    'reopenForReturnedHandover',
    decided,
    reopenForReturnedHandover(decided, { handoverId: 'h1', team: 'early-help', reason: 'Not ours', by: manager, at }),
  ),
  within('requestReconsideration', decided, requested),
  within('answerReconsideration', requested, answerReconsideration(requested, upheld)),
  within(
    'answerReconsideration',
    requested,
    answerReconsideration(requested, changed, { ...aDecision, decidedAt: at }),
  ),
  move('completeNotification', needsCompleting, completeNotification(needsCompleting, awaiting.notification)),
];

/** The edges taken without reading the contact first: triage's steps, by the stores' conditional `transition`. */
const UNREAD_EDGES = [
  'received→triaging',
  'received→triage-failed',
  'triaging→awaiting-decision',
  'triaging→triage-failed',
  'triaging→referred-to-lado',
  'triage-failed→triaging',
];

describe('the typed transitions of a contact', () => {
  it.each(moves)('%s moves only along an edge of the table, to a valid contact', (_name, before, after, write) => {
    // Assess: a change of status is an edge of the table; the result is a contact its status allows.
    if (after.status !== before.status) expect(canMove(before.status, after.status)).toBe(true);
    expect(write.status).toBe(after.status);
    expect(contactFrom({ ...before, ...write.changes })).toEqual(contactFrom(after));
  });

  it('between them and triage steps take every edge of the table, and no other', () => {
    // Prepare
    const next: Record<ContactStatus, readonly ContactStatus[]> = TRANSITIONS;
    const table = codesOfStatus.flatMap((from) => next[from].map((to) => `${from}→${to}`));
    // Act
    const taken = moves.filter(([, b, a]) => b.status !== a.status).map(([, b, a]) => `${b.status}→${a.status}`);
    // Assess
    expect(new Set([...taken, ...UNREAD_EDGES])).toEqual(new Set(table));
  });

  it('write only what changed, and remove what a transition takes away', () => {
    // Act
    const reopened = ContactWrite.move(
      decided,
      reopenForReturnedHandover(decided, { handoverId: 'h1', team: 'social-care', reason: 'No', by: manager, at }),
    );
    // Assess
    expect(Object.keys(reopened.changes).sort()).toEqual(['decision', 'handoverReturn', 'previousDecisions', 'status']);
    expect(reopened.changes).toMatchObject({ status: 'awaiting-decision', decision: undefined });
    expect(reopened.changes.previousDecisions).toEqual([aDecision]);
  });

  it('refuse an edge the table lacks, at compile time and at run time', async () => {
    // Prepare
    const store = new MemoryContactStore([awaiting]);
    const received = aRecommendedContact({ status: 'received', recommendation: undefined });

    // Act and assess: none of these compiles; those that run are refused.
    // @ts-expect-error a contact that is only received cannot be decided
    decide(received, aDecision);
    // @ts-expect-error a decided contact never becomes received again
    expect(() => ContactWrite.move(decided, received)).toThrow('cannot move from decided to received');
    await expect(
      // @ts-expect-error triage's steps never decide a contact
      store.transition('c1', ['awaiting-decision', 'triaging'], 'decided', {}, at),
    ).rejects.toThrow('cannot move');
    expect(store.contacts.get('c1')).toMatchObject({ status: 'awaiting-decision', version: 3 });
  });
});
