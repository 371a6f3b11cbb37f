import type { Contact, PartnerRequest } from '../../shared/contacts';
import { remindOverduePartnerRequests } from '../../shared/front-door/partner-reminders';
import { openMeeting } from '../../shared/meetings/agenda';
import { answerAsPartner, openAsPartner, partnerWork, type PartnerDeps } from '../../shared/meetings/partner-access';
import { DEFAULT_MEETING_THEMES } from '../../shared/meetings/settings';
import { NotificationSchema } from '../../shared/notification';
import { DEFAULT_AGENCIES } from '../../shared/partners/agencies';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryPorts } from '../support/memory-contact-store';
import { MemoryMeetingStore } from './memory';

const chair = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
const police = { id: 'dc.harris', name: 'DC Jordan Harris', role: 'partner' };
const now = new Date('2026-03-02T09:00:00Z');

let n = 0;
const aContact = (themes: string[], requests: Partial<PartnerRequest>[] = []): Contact => {
  n++;
  return {
    contactId: `01k${String(n).padStart(23, '0')}`,
    reference: `CFC-PART-000${n}`,
    status: 'awaiting-decision',
    channel: 'api',
    receivedAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    version: 2,
    notification: NotificationSchema.parse(
      themes.length ? aPoliceDomesticAbuseNotification() : aSchoolNeglectNotification(),
    ),
    recommendation: { themes, dueAt: '2026-03-02T16:00:00Z' } as unknown as Contact['recommendation'],
    partnerRequests: requests.map((r, i) => ({
      id: `request-${n}-${i}`,
      agency: 'police',
      question: 'Any call-outs to the address?',
      requestedAt: '2026-03-01T10:30:00Z',
      requestedBy: { id: 'priya.shah', name: 'Priya Shah' },
      dueAt: '2026-03-02T08:00:00Z',
      sentTo: 'safeguarding@police.example',
      ...r,
    })),
  };
};

const setUp = async (...contacts: Contact[]) => {
  const ports = memoryPorts(...contacts);
  const meetings = new MemoryMeetingStore();
  const deps: PartnerDeps = { meetings, contacts: ports.store, agencies: DEFAULT_AGENCIES };
  await openMeeting(
    { theme: 'domestic-abuse', actor: chair, now },
    {
      meetings,
      contacts: ports.store,
      settings: {
        themes: DEFAULT_MEETING_THEMES,
        agencies: DEFAULT_AGENCIES,
        directory: { schools: [], gpPractices: [] },
      },
    },
  );
  return { ports, meetings, deps };
};
const asPolice = { agency: 'police', actor: police, now };

describe('partner agencies in the console', () => {
  it("lists only today's meetings their agency is invited to and the requests addressed to it, and audits every contact listed", async () => {
    // Prepare: a domestic abuse contact (on today's meeting), a neglect contact asked of police and of health, and one not for police at all.
    const onMeeting = aContact(['domestic-abuse']);
    const asked = aContact([], [{}, { agency: 'health', question: 'Is the baby registered with a GP?' }]);
    const other = aContact([], [{ agency: 'housing' }]);
    const { ports, deps } = await setUp(onMeeting, asked, other);

    // Act
    const police = await partnerWork(asPolice, deps);
    const housing = await partnerWork({ ...asPolice, agency: 'housing' }, deps);
    const tomorrow = await partnerWork({ ...asPolice, now: new Date('2026-03-03T09:00:00Z') }, deps);

    // Assess
    expect(police.meetings.map((m) => m.meetingId)).toEqual(['2026-03-02.domestic-abuse']);
    expect(police.requests.map((r) => [r.contact.contactId, r.request.agency])).toEqual([[asked.contactId, 'police']]);
    expect(housing.meetings).toEqual([]);
    expect(housing.requests.map((r) => r.contact.contactId)).toEqual([other.contactId]);
    expect(tomorrow.meetings).toEqual([]);
    const listed = ports.events.filter((e) => e.action === 'Listed for a partner agency (Police)');
    // Today: both; tomorrow: only the request, the meeting being over.
    expect(listed.map((e) => e.contactId).sort()).toEqual(
      [onMeeting.contactId, asked.contactId, asked.contactId].sort(),
    );
    expect(listed.every((e) => e.actor.id === 'dc.harris')).toBe(true);
  });

  it("opens a contact only when it is on today's meeting for the agency or has a request to it, and audits the view; others are not found", async () => {
    // Prepare
    const onMeeting = aContact(['domestic-abuse']);
    const askedOfHealth = aContact([], [{ agency: 'health' }]);
    const { ports, deps } = await setUp(onMeeting, askedOfHealth);

    // Act
    const seen = await openAsPartner({ contactId: onMeeting.contactId, ...asPolice }, deps);
    const notForPolice = await openAsPartner({ contactId: askedOfHealth.contactId, ...asPolice }, deps);
    const forHealth = await openAsPartner({ contactId: askedOfHealth.contactId, ...asPolice, agency: 'health' }, deps);
    const probation = await openAsPartner({ contactId: onMeeting.contactId, ...asPolice, agency: 'probation' }, deps);
    const missing = await openAsPartner({ contactId: '01k99999999999999999999999', ...asPolice }, deps);

    // Assess
    expect(seen).toMatchObject({
      outcome: 'shown',
      meetings: [{ meetingId: '2026-03-02.domestic-abuse' }],
      requests: [],
    });
    if (seen.outcome === 'shown') expect(seen.records.map((r) => r.childName)).toEqual(['Noah Madeup', 'Mia Madeup']);
    expect(forHealth).toMatchObject({ outcome: 'shown', meetings: [], requests: [{ agency: 'health' }] });
    expect([notForPolice, probation, missing]).toEqual([
      { outcome: 'not-found' },
      { outcome: 'not-found' },
      { outcome: 'not-found' },
    ]);
    expect(
      ports.events.filter((e) => e.action.startsWith('Viewed by a partner agency')).map((e) => [e.contactId, e.action]),
    ).toEqual([
      [onMeeting.contactId, 'Viewed by a partner agency (Police)'],
      [askedOfHealth.contactId, 'Viewed by a partner agency (Health)'],
    ]);
  });

  it('answers a request to their own agency only: the answer attaches to the contact and stops the 48-hour clock', async () => {
    // Prepare: police's answer is already overdue, so the reminder would chase it.
    const asked = aContact([], [{}, { agency: 'health' }]);
    const { ports, deps } = await setUp(asked);
    const [toPolice, toHealth] = asked.partnerRequests!;
    const config = testRuntimeConfig();

    // Act
    const before = await remindOverduePartnerRequests({ store: ports.store, mailer: ports.mailer, config, now });
    const answered = await answerAsPartner(
      {
        contactId: asked.contactId,
        requestId: toPolice!.id,
        answer: 'Two call-outs in January; no arrests.',
        ...asPolice,
      },
      deps,
    );
    const healthsRequest = await answerAsPartner(
      { contactId: asked.contactId, requestId: toHealth!.id, answer: 'Not ours to answer.', ...asPolice },
      deps,
    );
    const again = await answerAsPartner(
      { contactId: asked.contactId, requestId: toPolice!.id, answer: 'Again', ...asPolice },
      deps,
    );
    const blank = await answerAsPartner(
      { contactId: asked.contactId, requestId: toPolice!.id, answer: '  ', ...asPolice },
      deps,
    );
    const after = await remindOverduePartnerRequests({
      store: ports.store,
      mailer: ports.mailer,
      config,
      now: new Date('2026-03-02T10:00:00Z'),
    });

    // Assess
    expect(answered.outcome).toBe('answered');
    expect(ports.contacts.get(asked.contactId)!.partnerRequests![0]).toMatchObject({
      answer: 'Two call-outs in January; no arrests.',
      answeredAt: now.toISOString(),
      answeredBy: { id: 'dc.harris', name: 'DC Jordan Harris' },
    });
    expect(healthsRequest).toEqual({ outcome: 'not-found' });
    expect(again).toEqual({ outcome: 'refused', reason: 'That information request has already been answered' });
    expect(blank).toEqual({ outcome: 'invalid', message: "Enter your agency's answer" });
    expect(before.overdue).toBe(2);
    expect(after.overdue).toBe(1);
    expect(ports.events.filter((e) => e.action === "Recorded Police's answer").map((e) => e.actor.role)).toEqual([
      'partner',
    ]);
  });
});
