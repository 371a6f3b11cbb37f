import { englandAndWalesCalendar } from '../../shared/calendar';
import type { Allegation } from '../../shared/lado/allegation';
import { allegationFacts } from '../../shared/reporting/allegation-facts';

/** An allegation reported on Monday 23 November 2026 at 10:00, due for consideration on Tuesday at 10:00. */
const reported = (more: Partial<Allegation>): Allegation =>
  ({
    allegationId: 'allegation-1',
    receivedAt: '2026-11-23T10:00:00.000Z',
    referrer: { agencyType: 'school' },
    person: { name: 'Alex Testperson', employer: 'Example Primary School', role: 'Teacher', sector: 'education' },
    immediateRisk: false,
    considerationDueAt: '2026-11-24T10:00:00.000Z',
    meetings: [],
    earlier: [],
    ...more,
  }) as Allegation;

const options = { calendar: englandAndWalesCalendar(), secret: 'allegation-facts-test-key' };
const by = { id: 'casey.morgan', name: 'Casey Morgan' };

describe('the LADO’s allegation facts', () => {
  it('say whether the initial consideration came within one working day, and hold no name, employer or role', () => {
    // Prepare
    const inTime = reported({
      initialConsideration: {
        at: '2026-11-24T10:00:00.000Z',
        by,
        meetingNeeded: true,
        immediateRisk: false,
        notes: '',
      },
    });
    const late = reported({
      initialConsideration: {
        at: '2026-11-24T10:01:00.000Z',
        by,
        meetingNeeded: true,
        immediateRisk: false,
        notes: '',
      },
    });

    // Act
    const [a, b, waiting] = [inTime, late, reported({})].map((x) => allegationFacts(x, options));

    // Assess
    expect([a!.considered_within_one_working_day, b!.considered_within_one_working_day]).toEqual([true, false]);
    expect(waiting).toMatchObject({ considered_at: null, considered_within_one_working_day: null });
    expect(a).toMatchObject({
      received_on: '2026-11-23',
      received_month: '2026-11',
      source: 'school',
      sector: 'education',
    });
    expect(JSON.stringify(a)).not.toMatch(/Alex|Example Primary|Teacher|allegation-1/);
  });

  it('time the first meeting against its clock and the outcome against one and three months, by category', () => {
    // Prepare: a meeting a minute after its due time; concluded a month and a day after the report.
    const allegation = reported({
      meetingDueAt: '2026-11-30T10:00:00.000Z',
      meetings: [{ heldAt: '2026-11-30T10:01:00.000Z' } as Allegation['meetings'][number]],
      outcome: {
        category: 'unfounded',
        furtherActions: ['no-further-action'],
        notes: '',
        at: '2026-12-24T10:00:00.000Z',
        by,
      },
      earlier: [
        { allegationId: 'x', reference: 'LADO-X', receivedAt: '2025-01-01T00:00:00Z', employer: 'e', role: 'r' },
      ],
    });

    // Act
    const fact = allegationFacts(allegation, options);

    // Assess
    expect(fact).toMatchObject({
      first_meeting_at: '2026-11-30T10:01:00.000Z',
      meeting_within_time: false,
      outcome: 'unfounded',
      resolved_within_one_month: false,
      resolved_within_three_months: true,
      repeat_allegation: true,
    });
  });
});
