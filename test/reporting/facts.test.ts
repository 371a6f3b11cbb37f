import { englandAndWalesCalendar } from '../../shared/calendar';
import { contactFrom, type Contact, type ContactRecord, type Decision } from '../../shared/contacts';
import { parseNotification, type Notification } from '../../shared/notification';
import { contactFacts } from '../../shared/reporting/facts';
import type { Recommendation } from '../../shared/triage/types';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';

const options = { calendar: englandAndWalesCalendar(), secret: 'test-analytics-key-0123456789abcdef' };

const notificationOf = (input: unknown): Notification => {
  const parsed = parseNotification(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.notification;
};

const recommendation = (children: number, over: Partial<Recommendation> = {}): Recommendation => ({
  children: Array.from({ length: children }, (_, childIndex) => ({
    childIndex,
    level: 3,
    route: 'early-help-targeted',
    priority: 'amber',
    reasons: [],
  })),
  level: 3,
  route: 'early-help-targeted',
  priority: 'amber',
  dueAt: '2026-10-06T09:00:00.000Z',
  themes: ['domestic-abuse'],
  reasons: [],
  clocks: [],
  ruleset: { id: 'default', version: '1' },
  ...over,
});

const decision = (
  route: 'early-help-targeted' | 'csc-assessment' | 'nfa',
  level: 1 | 3 | 4,
  decidedAt: string,
  children = 1,
): Decision => ({
  children: Array.from({ length: children }, (_, childIndex) => ({
    childIndex,
    route,
    level,
    rationale: 'A rationale of enough length.',
  })),
  decidedAt,
  decidedBy: 'sam.okafor',
});

/** Received on a Monday morning in October 2026 (British Summer Time). */
const contact = (notification: Notification, over: Partial<ContactRecord> = {}): Contact =>
  contactFrom({
    contactId: 'abcdefghjkmnpqrstvwxyz0123',
    reference: 'CFC-AAAA-BBBB',
    status: 'awaiting-decision',
    channel: 'web',
    receivedAt: '2026-10-05T08:30:00.000Z',
    notification,
    recommendation: recommendation(notification.children.length),
    updatedAt: '2026-10-05T08:30:00.000Z',
    ...over,
  });

describe('contact facts', () => {
  it('gives one row per child, with no name, address, date of birth or free text in any of them', () => {
    // Prepare
    const notification = notificationOf(aPoliceDomesticAbuseNotification());

    // Act
    const { contacts, themes } = contactFacts(contact(notification), options);

    // Assess
    expect(contacts).toHaveLength(notification.children.length);
    const text = JSON.stringify({ contacts, themes });
    for (const child of notification.children) {
      for (const value of [
        child.firstName,
        child.lastName,
        child.dateOfBirth,
        child.address.line1,
        child.address.postcode,
        child.nhsNumber,
      ]) {
        if (value) expect(text).not.toContain(value);
      }
    }
    expect(text).not.toContain(notification.referrer.name!);
    expect(text).not.toContain(notification.concerns.description.slice(0, 30));
    expect(text).not.toContain('abcdefghjkmnpqrstvwxyz0123');
    expect(contacts[0]).toMatchObject({
      source: 'police',
      source_code: '6',
      channel: 'web',
      received_on: '2026-10-05',
      received_month: '2026-10',
      child_index: 0,
    });
    expect(themes).toEqual([
      { contact_key: contacts[0]!.contact_key, received_month: '2026-10', source: 'police', theme: 'domestic-abuse' },
    ]);
  });

  it('keys the same child alike on two contacts, and differently under another secret', () => {
    const notification = notificationOf(aSchoolNeglectNotification());
    const first = contactFacts(contact(notification), options).contacts[0]!;
    const second = contactFacts(contact(notification, { contactId: 'zzzzzzzzzzzzzzzzzzzzzzzzzz' }), options)
      .contacts[0]!;
    const other = contactFacts(contact(notification), { ...options, secret: 'another-key-0123456789abcdef0123' })
      .contacts[0]!;
    expect(second.child_key).toBe(first.child_key);
    expect(second.contact_key).not.toBe(first.contact_key);
    expect(other.child_key).not.toBe(first.child_key);
    expect(first.child_identified).toBe(true);
  });

  it('leaves a child known only by a first name and a rough age unidentified, with an age band from that age', () => {
    const input = aSchoolNeglectNotification() as { children: Record<string, unknown>[] };
    input.children = [
      {
        firstName: 'Robin',
        approximateAge: 6,
        gender: 'c',
        address: { line1: '1 Test Street', town: 'Testtown', postcode: 'ZZ1 1ZZ' },
      },
    ];
    const [row] = contactFacts(contact(notificationOf(input)), options).contacts;
    expect(row).toMatchObject({ child_identified: false, age_years: 6, age_band: '5-9' });
  });

  it('keeps the worker’s first decision and the standing one apart after a reconsideration changed it', () => {
    // Prepare: decided as early help the same morning, changed to an assessment a week later.
    const notification = notificationOf(aSchoolNeglectNotification());
    const worker = decision('early-help-targeted', 3, '2026-10-05T11:00:00.000Z');
    const manager = decision('csc-assessment', 4, '2026-10-12T11:00:00.000Z');
    const reconsidered = contact(notification, {
      status: 'decided',
      decision: manager,
      previousDecisions: [worker],
      reconsideration: {
        requestedAt: '2026-10-06T10:00:00.000Z',
        reason: 'We think this needs an assessment.',
        status: 'changed',
      },
    });

    // Act
    const [row] = contactFacts(reconsidered, options).contacts;

    // Assess
    expect(row).toMatchObject({
      first_decided_route: 'early-help-targeted',
      first_decided_level: 3,
      decided_route: 'csc-assessment',
      decided_level: 4,
      decided_at: '2026-10-05T11:00:00.000Z',
      screened_within_one_working_day: true,
      decided_within_priority_time: true,
      referral: true,
      early_help: false,
      reconsideration_requested: true,
      reconsideration_changed: true,
    });
  });

  it('marks screening late after one working day, over a weekend', () => {
    // Friday 9 October 16:00 BST; one working day runs to Monday 16:00.
    const notification = notificationOf(aSchoolNeglectNotification());
    const onTime = contact(notification, {
      receivedAt: '2026-10-09T15:00:00.000Z',
      status: 'decided',
      decision: decision('nfa', 1, '2026-10-12T14:59:00.000Z'),
    });
    const late = contactFrom({ ...onTime, decision: decision('nfa', 1, '2026-10-12T15:01:00.000Z') });
    expect(contactFacts(onTime, options).contacts[0]!.screened_within_one_working_day).toBe(true);
    expect(contactFacts(late, options).contacts[0]!.screened_within_one_working_day).toBe(false);
    expect(contactFacts(late, options).contacts[0]!.decided_within_priority_time).toBe(false);
  });

  it('counts partner requests answered within 48 hours of being asked, and notes referrers not reached', () => {
    const notification = notificationOf(aSchoolNeglectNotification());
    const person = { id: 'sam.okafor', name: 'Sam Okafor' };
    const ask = (id: string, answeredAt?: string) => ({
      id,
      agency: 'police' as const,
      question: 'Any incidents at the address?',
      requestedAt: '2026-10-05T09:00:00.000Z',
      requestedBy: person,
      dueAt: '2026-10-07T09:00:00.000Z',
      ...(answeredAt && { answer: 'None known.', answeredAt, answeredBy: person }),
    });
    const asked = contact(notification, {
      partnerRequests: [ask('a', '2026-10-07T09:00:00.000Z'), ask('b', '2026-10-07T09:01:00.000Z'), ask('c')],
      referrerNotReached: { at: '2026-10-05T09:00:00.000Z', reason: 'bounce' },
    });
    expect(contactFacts(asked, options).contacts[0]).toMatchObject({
      partner_requests: 3,
      partner_requests_answered_within_48h: 1,
      referrer_not_reached: true,
    });
  });

  it('has no rows for an email still waiting to be completed', () => {
    const waiting = {
      ...contact(notificationOf(aSchoolNeglectNotification())),
      notification: undefined,
    } as unknown as Contact;
    expect(contactFacts(waiting, options)).toEqual({ contacts: [], themes: [] });
  });
});
