import type { Allegation } from '../../shared/lado/allegation';
import {
  recordInitialConsideration,
  recordMeeting,
  recordOutcome,
  recordPartnerAction,
  type ManagementDeps,
} from '../../shared/lado/management';
import { inTime } from '../../shared/lado/clocks';
import { progressMeasures } from '../../shared/lado/measures';
import { allegationQueue, CONCLUDED_SHOWN, readAllegationQueue } from '../../shared/lado/queue';
import { renderPage } from '../../shared/web/render';
import { allegationExpiry } from '../../shared/lado/retention';
import { meetingInput } from '../../shared/lado/forms';
import { calendar, memoryAllegations } from './memory';

/** What the LADO records on an allegation, against an in-memory store. */
const lado = { id: 'casey.morgan', name: 'Casey Morgan', role: 'lado' };
const RECEIVED = '2026-11-23T10:00:00.000Z'; // a Monday

const allegation = (overrides: Partial<Allegation> = {}): Allegation => ({
  allegationId: 'a1',
  reference: 'LADO-AAAA-0001',
  status: 'awaiting-consideration',
  receivedAt: RECEIVED,
  notificationContactId: 'c1',
  notificationReference: 'CFC-C1',
  source: '2A',
  person: {
    name: 'Alex Testperson',
    dateOfBirth: '1985-09-21',
    role: 'Class teacher',
    employer: 'Example Primary School',
    sector: 'education',
    stillWorkingWithChildren: 'yes',
    childNeedsContact: false,
  },
  personKey: 'k1',
  referrer: {
    name: 'Priya Testwood',
    role: 'DSL',
    organisation: 'Example Primary School',
    agencyType: 'school',
    email: 'dsl@example-primary.sch.example',
    phone: '01632 960 101',
  },
  children: [{ name: 'Noah Placeholder', dateOfBirth: '2017-06-02' }],
  description: 'Synthetic description of what happened.',
  immediateRisk: false,
  considerationDueAt: '2026-11-24T10:00:00.000Z',
  meetingDueAt: '2026-11-30T10:00:00.000Z',
  meetings: [],
  partnerActions: [],
  earlier: [],
  updatedAt: RECEIVED,
  version: 1,
  expiresAt: allegationExpiry(RECEIVED, '1985-09-21', { minimumYears: 10, pensionAge: 67, maliciousDays: 0 }),
  ...overrides,
});

const setUp = (a: Allegation = allegation()) => {
  const memory = memoryAllegations();
  memory.allegations.set(a.allegationId, a);
  const deps: ManagementDeps = {
    allegations: memory.store,
    calendar,
    retention: { minimumYears: 10, pensionAge: 67, maliciousDays: 0 },
  };
  return { memory, deps };
};
const at = (iso: string) => new Date(iso);

describe('initial consideration', () => {
  it('with immediate risk, brings the meeting forward to 72 hours after the allegation, weekend or not', async () => {
    // Prepare
    const { deps, memory } = setUp();
    // Act
    const result = await recordInitialConsideration(
      {
        allegationId: 'a1',
        version: 1,
        input: { immediateRisk: 'yes', meetingNeeded: 'yes', notes: 'Meets the harm threshold.' },
        actor: lado,
        now: at('2026-11-23T15:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('recorded');
    expect(memory.allegations.get('a1')).toMatchObject({
      status: 'awaiting-meeting',
      immediateRisk: true,
      meetingDueAt: '2026-11-26T10:00:00.000Z',
      version: 2,
    });
    expect(memory.events).toEqual([
      expect.objectContaining({
        action: 'Initial consideration recorded',
        detail: 'Immediate risk; meeting needed',
        actor: lado,
      }),
    ]);
    if (result.outcome !== 'recorded') throw new Error();
    expect(progressMeasures(result.before, result.allegation)).toEqual([
      { name: 'TimeToInitialConsideration', unit: 'Seconds', value: 5 * 3600, dimensions: { sector: 'education' } },
      { name: 'InitialConsiderationInTime', unit: 'Count', value: 1, dimensions: { sector: 'education' } },
    ]);
  });

  it('without a meeting, stops the meeting clock and leaves the allegation in progress', async () => {
    // Prepare
    const { deps, memory } = setUp();
    // Act
    await recordInitialConsideration(
      {
        allegationId: 'a1',
        version: 1,
        input: { immediateRisk: 'no', meetingNeeded: 'no', notes: 'Conduct matter for the employer.' },
        actor: lado,
        now: at('2026-11-25T10:00:00Z'),
      },
      deps,
    );
    // Assess
    const stored = memory.allegations.get('a1')!;
    expect(stored.status).toBe('in-progress');
    expect(stored.meetingDueAt).toBeUndefined();
  });

  it('refuses missing answers with every error at once, and changes nothing', async () => {
    // Prepare
    const { deps, memory } = setUp();
    // Act
    const result = await recordInitialConsideration(
      { allegationId: 'a1', version: 1, input: { notes: '' }, actor: lado, now: at('2026-11-23T15:00:00Z') },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('invalid');
    if (result.outcome === 'invalid')
      expect(result.errors.map((e) => e.path)).toEqual(['immediateRisk', 'meetingNeeded', 'notes']);
    expect(memory.allegations.get('a1')!.version).toBe(1);
    expect(memory.events).toEqual([]);
  });

  it('refuses a write at a version someone else has moved on from', async () => {
    // Prepare
    const { deps } = setUp(allegation({ version: 3 }));
    // Act
    const result = await recordInitialConsideration(
      {
        allegationId: 'a1',
        version: 2,
        input: { immediateRisk: 'no', meetingNeeded: 'yes', notes: 'Late.' },
        actor: lado,
        now: at('2026-11-23T15:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('conflict');
  });
});

describe('meetings', () => {
  const form = {
    'heldOn-day': '27',
    'heldOn-month': '11',
    'heldOn-year': '2026',
    heldAtTime: '14:30',
    attendees: 'Casey Morgan, LADO\nJordan Sample, head teacher',
    agencies: 'LADO, police, employer',
    notes: 'Strategy agreed.',
    action1Text: 'Police to interview the child',
    action1Owner: 'DC Example',
    'action1Due-day': '4',
    'action1Due-month': '12',
    'action1Due-year': '2026',
    'reviewOn-day': '11',
    'reviewOn-month': '12',
    'reviewOn-year': '2026',
  };

  it('records attendees, agencies and actions with owners and due dates, and sets the review clock', async () => {
    // Prepare
    const { deps, memory } = setUp(allegation({ status: 'awaiting-meeting', version: 2 }));
    // Act
    const result = await recordMeeting(
      { allegationId: 'a1', version: 2, input: meetingInput(form), actor: lado, now: at('2026-11-27T16:00:00Z') },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('recorded');
    const stored = memory.allegations.get('a1')!;
    expect(stored.status).toBe('in-progress');
    expect(stored.meetings[0]).toMatchObject({
      heldAt: '2026-11-27T14:30:00.000Z',
      attendees: ['Casey Morgan', 'LADO', 'Jordan Sample', 'head teacher'],
      agencies: ['LADO', 'police', 'employer'],
      actions: [{ text: 'Police to interview the child', owner: 'DC Example', dueOn: '2026-12-04' }],
    });
    expect(stored.reviewDueAt).toBe('2026-12-11T23:59:59.000Z');
    if (result.outcome !== 'recorded') throw new Error();
    expect(progressMeasures(result.before, result.allegation).map((m) => [m.name, m.value])).toEqual([
      ['TimeToMeeting', (4 * 24 + 4.5) * 3600],
      ['MeetingInTime', 1],
    ]);
  });

  it('points at the half-filled action row', async () => {
    // Prepare
    const { deps } = setUp(allegation({ status: 'awaiting-meeting' }));
    // Act
    const result = await recordMeeting(
      {
        allegationId: 'a1',
        version: 1,
        input: meetingInput({ ...form, action2Text: 'Employer to review CCTV' }),
        actor: lado,
        now: at('2026-11-27T16:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('invalid');
    if (result.outcome === 'invalid')
      expect(result.errors.map((e) => e.path)).toEqual(['actions.1.owner', 'actions.1.dueOn']);
  });

  it('cannot be recorded before the initial consideration', async () => {
    // Prepare
    const { deps } = setUp();
    // Act
    const result = await recordMeeting(
      { allegationId: 'a1', version: 1, input: meetingInput(form), actor: lado, now: at('2026-11-27T16:00:00Z') },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('refused');
  });
});

describe('employer and police actions', () => {
  it('are recorded with who and when on any open allegation', async () => {
    // Prepare
    const { deps, memory } = setUp();
    // Act
    await recordPartnerAction(
      {
        allegationId: 'a1',
        version: 1,
        input: { kind: 'employer', text: 'Suspended on full pay pending enquiries.' },
        actor: lado,
        now: at('2026-11-23T16:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(memory.allegations.get('a1')!.partnerActions).toEqual([
      expect.objectContaining({ kind: 'employer', by: { id: 'casey.morgan', name: 'Casey Morgan' } }),
    ]);
  });
});

describe('outcome', () => {
  const inProgress = () => allegation({ status: 'in-progress', version: 4, meetings: [] });

  it('concludes with a statutory category and further action, counted within one month and three', async () => {
    // Prepare
    const { deps, memory } = setUp(inProgress());
    // Act
    const result = await recordOutcome(
      {
        allegationId: 'a1',
        version: 4,
        input: {
          category: 'substantiated',
          furtherActions: ['dismissal', 'dbs-referral', 'tra-referral'],
          notes: 'Evidence from CCTV and witnesses.',
        },
        actor: lado,
        now: at('2027-01-10T10:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(memory.allegations.get('a1')).toMatchObject({ status: 'concluded', outcome: { category: 'substantiated' } });
    expect(memory.people.get('k1')!.get('a1')).toMatchObject({ outcome: 'substantiated' });
    if (result.outcome !== 'recorded') throw new Error();
    const measures = progressMeasures(result.before, result.allegation);
    expect(measures.filter((m) => m.name.startsWith('Resolved')).map((m) => [m.name, m.value])).toEqual([
      ['ResolvedWithinOneMonth', 0],
      ['ResolvedWithinThreeMonths', 1],
    ]);
    expect(measures.find((m) => m.name === 'AllegationOutcomes')!.dimensions).toEqual({ outcome: 'substantiated' });
    expect(measures.filter((m) => m.name === 'FurtherActions').map((m) => m.dimensions.action)).toEqual([
      'dismissal',
      'dbs-referral',
      'tra-referral',
    ]);
  });

  it('removes a malicious allegation: out of the person index at once, deleted after the configured days', async () => {
    // Prepare
    const { deps, memory } = setUp(inProgress());
    await memory.store.indexPerson(
      'k1',
      {
        allegationId: 'a1',
        reference: 'LADO-AAAA-0001',
        receivedAt: RECEIVED,
        employer: 'Example Primary School',
        role: 'Class teacher',
      },
      1,
    );
    // Act
    await recordOutcome(
      {
        allegationId: 'a1',
        version: 4,
        input: {
          category: 'malicious',
          furtherActions: ['no-further-action'],
          notes: 'Deliberate fabrication, admitted.',
        },
        actor: lado,
        now: at('2026-12-01T10:00:00Z'),
      },
      { ...deps, retention: { ...deps.retention, maliciousDays: 7 } },
    );
    // Assess
    expect(memory.people.get('k1')!.size).toBe(0);
    expect(memory.allegations.get('a1')!.expiresAt).toBe(Date.parse('2026-12-08T10:00:00Z') / 1000);
    expect(memory.events.every((e) => e.expiresAt === Date.parse('2026-12-08T10:00:00Z') / 1000)).toBe(true);
  });

  it('refuses no further action together with another action', async () => {
    // Prepare
    const { deps } = setUp(inProgress());
    // Act
    const result = await recordOutcome(
      {
        allegationId: 'a1',
        version: 4,
        input: { category: 'unfounded', furtherActions: ['no-further-action', 'training'], notes: 'x' },
        actor: lado,
        now: at('2026-12-01T10:00:00Z'),
      },
      deps,
    );
    // Assess
    expect(result.outcome).toBe('invalid');
  });
});

describe('retention', () => {
  it('keeps an allegation until pension age when that is later than 10 years', () => {
    expect(
      new Date(
        allegationExpiry(RECEIVED, '1985-09-21', { minimumYears: 10, pensionAge: 67, maliciousDays: 0 }) * 1000,
      ).toISOString(),
    ).toBe('2052-09-21T00:00:00.000Z');
  });
  it('keeps it 10 years when the person is near pension age', () => {
    expect(
      new Date(
        allegationExpiry(RECEIVED, '1962-01-01', { minimumYears: 10, pensionAge: 67, maliciousDays: 0 }) * 1000,
      ).toISOString(),
    ).toBe('2036-11-23T10:00:00.000Z');
  });
  it('without a date of birth, never deletes it before pension age could have been reached', () => {
    expect(
      new Date(
        allegationExpiry(RECEIVED, undefined, { minimumYears: 10, pensionAge: 67, maliciousDays: 0 }) * 1000,
      ).toISOString(),
    ).toBe('2093-11-23T10:00:00.000Z');
  });
});

describe('the queue', () => {
  it('puts overdue clocks first, then the soonest due, with concluded ones apart', () => {
    // Prepare
    const now = at('2026-11-25T12:00:00Z');
    const overdue = allegation({ allegationId: 'late', considerationDueAt: '2026-11-24T10:00:00.000Z' });
    const soon = allegation({
      allegationId: 'soon',
      status: 'awaiting-meeting',
      meetingDueAt: '2026-11-26T10:00:00.000Z',
    });
    const later = allegation({ allegationId: 'later', status: 'in-progress', reviewDueAt: '2026-12-11T23:59:59.000Z' });
    const done = allegation({ allegationId: 'done', status: 'concluded' });
    // Act
    const queue = allegationQueue([later, soon, overdue], [done], now, 1);
    // Assess
    expect(queue.open.map((r) => r.allegationId)).toEqual(['late', 'soon', 'later']);
    expect(queue.overdue).toBe(1);
    expect(queue.open[0]!.clock).toMatchObject({ name: 'consideration', overdue: true });
    expect(queue.concluded.map((r) => r.allegationId)).toEqual(['done']);
  });

  it('reads every open allegation, and the latest concluded ones beside a true count that the page shows', async () => {
    // Prepare: more open allegations than the concluded list shows, and three more concluded than it shows.
    const { store } = memoryAllegations();
    const day = (n: number) => new Date(Date.parse(RECEIVED) - n * 86_400_000).toISOString();
    for (let n = 0; n < CONCLUDED_SHOWN + 10; n++)
      await store.create(allegation({ allegationId: `open${n}`, receivedAt: day(n) }));
    for (let n = 0; n < CONCLUDED_SHOWN + 3; n++)
      await store.create(allegation({ allegationId: `done${n}`, status: 'concluded', receivedAt: day(n) }));

    // Act
    const queue = await readAllegationQueue(store, at('2026-11-25T12:00:00Z'));
    const html = renderPage('console/allegations.njk', queue);

    // Assess
    expect(queue.open).toHaveLength(CONCLUDED_SHOWN + 10);
    expect(queue.concluded.map((r) => r.allegationId)).toEqual(
      Array.from({ length: CONCLUDED_SHOWN }, (_, n) => `done${n}`),
    );
    expect(queue.concludedTotal).toBe(CONCLUDED_SHOWN + 3);
    const text = html.replace(/\s+/g, ' ');
    expect(text).toContain(`Open (${CONCLUDED_SHOWN + 10}, ${CONCLUDED_SHOWN + 10} overdue)`);
    expect(text).toContain(`Recently concluded (the latest ${CONCLUDED_SHOWN} of ${CONCLUDED_SHOWN + 3})`);
    expect(text).toContain('And 3 more concluded allegations, older than these, not listed here.');
  });
});

describe('in time', () => {
  it('counts a step at or before its due time as in time, a later one or one with no clock as late', () => {
    // Prepare
    const due = '2026-11-20T17:00:00.000Z';
    // Act and assess
    expect(inTime('2026-11-20T16:59:59.000Z', due)).toBe(true);
    expect(inTime(due, due)).toBe(true);
    expect(inTime('2026-11-20T17:00:01.000Z', due)).toBe(false);
    expect(inTime('2026-11-20T09:00:00.000Z', undefined)).toBe(false);
  });
});
