import { recommend } from '../../shared/rules';
import { RECEIVED_AT, inputFor, type Scenario } from './notifications';

/**
 * DfE statutory guidance on children who run away or go missing from home or care (2014): a
 * return home interview within 72 hours of the child's return. The clock runs from the return
 * the referrer reports, not from when the notification reached us (Wednesday 18 November 2026,
 * 10:00 GMT in these scenarios).
 */

const missing = (screening: Scenario['screening']): Scenario => ({
  agency: 'police',
  factors: ['10A'],
  screening,
  ages: [14],
  description: 'Missing overnight; found by officers at a bus station the next morning.',
});
const rhi = (screening: Scenario['screening']) =>
  recommend(inputFor(missing(screening))).clocks.find((c) => c.name === 'Return home interview')!;

describe('the return home interview clock', () => {
  it('runs 72 hours from the return the referrer gives, in England’s local time', () => {
    expect(rhi({ missingEpisodes: 1, returnedOn: '2026-11-16', returnedTime: '21:30' })).toEqual({
      name: 'Return home interview',
      startsAt: '2026-11-16T21:30:00.000Z',
      dueAt: '2026-11-19T21:30:00.000Z',
      from: 'missing-return',
    });
  });

  it('reads a summer time return as London time (21:30 BST is 20:30 UTC)', () => {
    const clock = recommend(inputFor(missing({ returnedOn: '2026-07-05', returnedTime: '21:30' })), {}).clocks[0]!;
    expect(clock.startsAt).toBe('2026-07-05T20:30:00.000Z');
  });

  it('without a time, starts at the beginning of the day of return, so it is never later than the guidance allows', () => {
    expect(rhi({ returnedOn: '2026-11-17' })).toMatchObject({
      startsAt: '2026-11-17T00:00:00.000Z',
      dueAt: '2026-11-20T00:00:00.000Z',
    });
  });

  it('starts no later than receipt when the return given is after the notification arrived (a typing error)', () => {
    expect(rhi({ returnedOn: '2026-11-18', returnedTime: '23:00' })).toMatchObject({
      startsAt: RECEIVED_AT.toISOString(),
      dueAt: '2026-11-21T10:00:00.000Z',
    });
  });

  it('runs from receipt, and says so, when the referrer did not say when the child came back', () => {
    expect(rhi({ missingEpisodes: 1 })).toEqual({
      name: 'Return home interview',
      startsAt: RECEIVED_AT.toISOString(),
      dueAt: '2026-11-21T10:00:00.000Z',
      from: 'missing-return',
      returnNotGiven: true,
    });
  });

  it('leaves the other clocks running from receipt', () => {
    const clocks = recommend(inputFor({ ...missing({ returnedOn: '2026-11-16' }), factors: ['10A', '11A'] })).clocks;
    expect(clocks.find((c) => c.name.startsWith('Partner'))).toMatchObject({
      from: 'received',
      startsAt: RECEIVED_AT.toISOString(),
    });
  });
});
