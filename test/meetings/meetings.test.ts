import { contactFrom, hasNotification, type ContactChanges, type NotifiedContact } from '../../shared/contacts';
import { openMeeting, refreshAgenda, type MeetingDeps } from '../../shared/meetings/agenda';
import { recordAtMeeting } from '../../shared/meetings/chairing';
import { closeMeeting } from '../../shared/meetings/follow-up';
import { childKeyOf } from '../../shared/meetings/meeting';
import { addressFor } from '../../shared/meetings/recipients';
import { DEFAULT_MEETING_THEMES } from '../../shared/meetings/settings';
import { NotificationSchema } from '../../shared/notification';
import { DEFAULT_AGENCIES } from '../../shared/partners/agencies';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';
import { memoryPorts } from '../support/memory-contact-store';
import { MemoryMeetingStore } from './memory';

const chair = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
// 09:00 in London on a Monday morning.
const now = new Date('2026-03-02T09:00:00Z');
const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'exampleshire.example,nhs.example' });
const directory = {
  schools: [{ name: 'Example Primary School', email: 'dsl@example-primary.exampleshire.example' }],
  gpPractices: [],
};

const aDecision = {
  children: [{ childIndex: 0, route: 'nfa' as const, level: 1 as const, rationale: 'No further action needed.' }],
  decidedAt: '2026-03-02T03:00:00Z',
  decidedBy: 'sam.okafor',
};

let n = 0;
const aContact = (kind: 'domestic-abuse' | 'neglect', overrides: ContactChanges = {}): NotifiedContact => {
  n++;
  const notification = NotificationSchema.parse(
    kind === 'domestic-abuse' ? aPoliceDomesticAbuseNotification() : aSchoolNeglectNotification(),
  );
  const contact = contactFrom({
    contactId: `01j${String(n).padStart(23, '0')}`,
    reference: `CFC-TEST-000${n}`,
    status: 'awaiting-decision',
    channel: 'api',
    receivedAt: '2026-03-02T02:30:00Z',
    updatedAt: '2026-03-02T02:30:00Z',
    version: 1,
    notification,
    recommendation: {
      themes: kind === 'domestic-abuse' ? ['domestic-abuse'] : [],
      dueAt: '2026-03-02T12:00:00Z',
    } as unknown as NotifiedContact['recommendation'],
    ...overrides,
  });
  if (!hasNotification(contact)) throw new Error('The fixture has no notification');
  return contact;
};

const setUp = (...contacts: NotifiedContact[]) => {
  const ports = memoryPorts(...contacts);
  const meetings = new MemoryMeetingStore();
  const deps: MeetingDeps = {
    meetings,
    contacts: ports.store,
    settings: { themes: DEFAULT_MEETING_THEMES, agencies: DEFAULT_AGENCIES, directory },
  };
  return { ports, meetings, deps, closing: { ...deps, mailer: ports.mailer, mail: config } };
};

const chairSays = (
  deps: MeetingDeps,
  meetingId: string,
  kind: Parameters<typeof recordAtMeeting>[0]['kind'],
  input: unknown,
  version: number,
) => recordAtMeeting({ meetingId, kind, input, version, actor: chair, now }, deps);

describe('daily triage meetings', () => {
  it("opens today's domestic abuse meeting with the open domestic abuse contacts, invites the theme's agencies, and lists it on each contact", async () => {
    // Prepare: two domestic abuse contacts waiting, one decided, and a neglect contact.
    const waiting = aContact('domestic-abuse');
    const withManager = aContact('domestic-abuse', { status: 'awaiting-manager', proposedDecision: aDecision });
    const decided = aContact('domestic-abuse', { status: 'decided', decision: aDecision });
    const neglect = aContact('neglect');
    const { ports, deps } = setUp(waiting, withManager, decided, neglect);

    // Act
    const opened = await openMeeting({ theme: 'domestic-abuse', actor: chair, now }, deps);
    const again = await openMeeting(
      { theme: 'domestic-abuse', actor: { ...chair, id: 'priya.shah', name: 'Priya Shah' }, now },
      deps,
    );

    // Assess
    expect(opened.outcome).toBe('opened');
    if (opened.outcome !== 'opened') return;
    expect(opened.meeting).toMatchObject({
      meetingId: '2026-03-02.domestic-abuse',
      date: '2026-03-02',
      status: 'open',
      chair: { id: 'sam.okafor' },
      invited: ['police', 'health', 'education', 'womens-aid'],
    });
    expect(opened.meeting.agenda.map((a) => a.contactId).sort()).toEqual(
      [waiting.contactId, withManager.contactId].sort(),
    );
    expect(opened.meeting.agenda[0]!.children.map((c) => c.name)).toEqual(['Noah Madeup', 'Mia Madeup']);
    expect(again).toMatchObject({ outcome: 'exists', meeting: { chair: { id: 'sam.okafor' } } });
    expect(
      ports.events
        .filter((e) => e.action === 'Listed for the domestic abuse triage meeting')
        .map((e) => e.contactId)
        .sort(),
    ).toEqual([waiting.contactId, withManager.contactId].sort());
    expect(await openMeeting({ theme: 'gardening', actor: chair, now }, deps)).toEqual({ outcome: 'unknown-theme' });
  });

  it("records attendees by agency, each agency's contribution, actions and outcomes per child, beside the child's contact and in its audit trail", async () => {
    // Prepare
    const contact = aContact('domestic-abuse');
    const { ports, meetings, deps } = setUp(contact);
    const { meetingId } = (
      (await openMeeting({ theme: 'domestic-abuse', actor: chair, now }, deps)) as { meeting: { meetingId: string } }
    ).meeting;
    const noah = childKeyOf({ contactId: contact.contactId, childIndex: 0 });

    // Act
    const attendee = await chairSays(
      deps,
      meetingId,
      'attendee',
      { name: 'DC Jordan Harris', agency: 'police', role: 'Public protection unit' },
      0,
    );
    const contribution = await chairSays(
      deps,
      meetingId,
      'contribution',
      {
        child: noah,
        agency: 'police',
        knows: 'Two call-outs to the address this year.',
        willDo: 'Refer to MARAC today.',
      },
      0,
    );
    const action = await chairSays(
      deps,
      meetingId,
      'action',
      { child: noah, text: 'Health visitor to visit', owner: 'Health', dueOn: '2026-03-04' },
      1,
    );
    const [record] = await meetings.getRecords([{ meetingId, contactId: contact.contactId, childIndex: 0 }]);
    const done = await chairSays(deps, meetingId, 'action-done', { child: noah, actionId: record!.actions[0]!.id }, 2);
    const outcome = await chairSays(
      deps,
      meetingId,
      'outcome',
      {
        child: noah,
        outcome: 'Strategy discussion today.',
        tellGp: 'Domestic abuse at home; MARAC referral made.',
        tellSchool: '',
      },
      3,
    );

    // Assess
    expect([attendee, contribution, action, done, outcome].map((r) => r.outcome)).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'recorded',
      'recorded',
    ]);
    expect((await meetings.get(meetingId))!.attendees).toEqual([
      expect.objectContaining({ name: 'DC Jordan Harris', agency: 'police', role: 'Public protection unit' }),
    ]);
    const [beside] = await meetings.recordsFor(contact.contactId);
    expect(beside).toMatchObject({
      childName: 'Noah Madeup',
      contributions: [
        {
          agency: 'police',
          knows: 'Two call-outs to the address this year.',
          willDo: 'Refer to MARAC today.',
          recordedBy: { id: 'sam.okafor' },
        },
      ],
      actions: [
        { text: 'Health visitor to visit', owner: 'Health', dueOn: '2026-03-04', done: { by: { id: 'sam.okafor' } } },
      ],
      outcome: {
        outcome: 'Strategy discussion today.',
        tellGp: 'Domestic abuse at home; MARAC referral made.',
        tellSchool: undefined,
      },
      version: 4,
    });
    expect(ports.events.filter((e) => e.contactId === contact.contactId).map((e) => e.action)).toEqual([
      'Listed for the domestic abuse triage meeting',
      "Domestic abuse triage meeting: recorded Police's contribution for child 1 (CFC-TEST-0005)",
      'Domestic abuse triage meeting: agreed an action for child 1 (CFC-TEST-0005), owned by Health, due 2026-03-04',
      'Domestic abuse triage meeting: marked as done an action for child 1 (CFC-TEST-0005) owned by Health',
      'Domestic abuse triage meeting: recorded the outcome for child 1 (CFC-TEST-0005); the GP to be told',
    ]);
  });

  it('refuses what is not so: a stale version, a child not on the meeting, an unknown agency, and says what is missing from a form', async () => {
    // Prepare
    const contact = aContact('domestic-abuse');
    const elsewhere = aContact('neglect');
    const { deps } = setUp(contact, elsewhere);
    const { meetingId } = (
      (await openMeeting({ theme: 'domestic-abuse', actor: chair, now }, deps)) as { meeting: { meetingId: string } }
    ).meeting;
    const noah = childKeyOf({ contactId: contact.contactId, childIndex: 0 });
    await chairSays(deps, meetingId, 'attendee', { name: 'Farah Ahmed', agency: 'health' }, 0);

    // Act and assess
    expect(await chairSays(deps, meetingId, 'attendee', { name: 'Lee Turner', agency: 'education' }, 0)).toEqual({
      outcome: 'conflict',
    });
    expect(
      await chairSays(
        deps,
        meetingId,
        'outcome',
        { child: childKeyOf({ contactId: elsewhere.contactId, childIndex: 0 }), outcome: 'x' },
        0,
      ),
    ).toEqual({ outcome: 'refused', reason: 'That child is not on this meeting' });
    expect(
      await chairSays(deps, meetingId, 'contribution', { child: noah, agency: 'mi5', knows: 'a', willDo: 'b' }, 0),
    ).toEqual({ outcome: 'refused', reason: 'Choose an agency' });
    const invalid = await chairSays(
      deps,
      meetingId,
      'action',
      { child: noah, text: '', owner: 'Police', dueOn: '2026-02-30' },
      0,
    );
    expect(invalid).toEqual({
      outcome: 'invalid',
      errors: [
        { path: 'text', message: 'Enter the action' },
        { path: 'dueOn', message: 'Enter the date the action is due, like 27 3 2027' },
      ],
    });
    expect(await chairSays(deps, '2026-03-02.cse', 'attendee', { name: 'X', agency: 'police' }, 0)).toEqual({
      outcome: 'not-found',
    });
  });

  it('adds contacts that became due after the meeting opened, once', async () => {
    // Prepare
    const first = aContact('domestic-abuse');
    const { ports, deps } = setUp(first);
    const { meetingId } = (
      (await openMeeting({ theme: 'domestic-abuse', actor: chair, now }, deps)) as { meeting: { meetingId: string } }
    ).meeting;
    const later = aContact('domestic-abuse');
    ports.contacts.set(later.contactId, later);

    // Act
    const refreshed = await refreshAgenda({ meetingId, version: 0, actor: chair, now }, deps);
    const again = await refreshAgenda({ meetingId, version: 1, actor: chair, now }, deps);

    // Assess
    expect(refreshed).toMatchObject({ outcome: 'refreshed', added: 1, meeting: { version: 1 } });
    expect(again).toMatchObject({ outcome: 'refreshed', added: 0 });
    if (refreshed.outcome === 'refreshed')
      expect(refreshed.meeting.agenda.map((a) => a.contactId)).toEqual([first.contactId, later.contactId]);
  });

  it('closes only when every child has an outcome, then tells the GP and school what they need to know on secure addresses only, once', async () => {
    // Prepare: Mia's school is in the directory; Noah's GP is named in the notification on a secure domain; a second contact's GP is not secure.
    const contact = aContact('domestic-abuse');
    contact.notification.otherProfessionals = [
      {
        name: 'Dr Pat Example',
        role: 'GP',
        organisation: 'Riverside Surgery',
        contact: 'riverside.safeguarding@nhs.example',
      },
    ];
    const insecure = aContact('domestic-abuse');
    insecure.notification.children = [insecure.notification.children[0]!];
    insecure.notification.otherProfessionals = [
      { name: 'Dr Alex Example', role: 'GP', organisation: 'Hillside Practice', contact: 'hillside@freemail.example' },
    ];
    const { ports, meetings, deps, closing } = setUp(contact, insecure);
    const { meetingId } = (
      (await openMeeting({ theme: 'domestic-abuse', actor: chair, now }, deps)) as { meeting: { meetingId: string } }
    ).meeting;
    const key = (c: NotifiedContact, i: number) => childKeyOf({ contactId: c.contactId, childIndex: i });
    await chairSays(
      deps,
      meetingId,
      'outcome',
      {
        child: key(contact, 0),
        outcome: 'Strategy discussion today.',
        tellGp: 'Domestic abuse at home; MARAC referral made.',
      },
      0,
    );
    await chairSays(
      deps,
      meetingId,
      'contribution',
      {
        child: key(contact, 1),
        agency: 'education',
        knows: 'Attendance has fallen to 80%.',
        willDo: 'DSL to check in daily.',
      },
      0,
    );

    // Act: too early
    const early = await closeMeeting({ meetingId, version: 0, actor: chair, now }, closing);
    await chairSays(
      deps,
      meetingId,
      'outcome',
      {
        child: key(contact, 1),
        outcome: 'Early help offered.',
        tellSchool: 'Mia may be upset; the DSL is the contact.',
      },
      1,
    );
    await chairSays(
      deps,
      meetingId,
      'outcome',
      {
        child: key(insecure, 0),
        outcome: 'No further action by the meeting.',
        tellGp: 'Domestic abuse incident reported.',
      },
      0,
    );
    const closed = await closeMeeting({ meetingId, version: 0, actor: chair, now }, closing);
    const again = await closeMeeting({ meetingId, version: 1, actor: chair, now }, closing);

    // Assess
    expect(early).toEqual({
      outcome: 'refused',
      reason: 'Record an outcome for every child before closing the meeting: Mia Madeup, Noah Madeup',
    });
    expect(closed.outcome).toBe('closed');
    if (closed.outcome !== 'closed') return;
    expect(closed.told).toEqual([
      {
        contactId: contact.contactId,
        childIndex: 0,
        recipient: 'gp',
        outcome: 'sent',
        to: 'riverside.safeguarding@nhs.example',
      },
      {
        contactId: contact.contactId,
        childIndex: 1,
        recipient: 'school',
        outcome: 'sent',
        to: 'dsl@example-primary.exampleshire.example',
      },
      {
        contactId: insecure.contactId,
        childIndex: 0,
        recipient: 'gp',
        outcome: 'not-secure',
        to: 'hillside@freemail.example',
      },
    ]);
    expect(again.outcome).toBe('closed');
    const sent = [...ports.sent.values()];
    expect(sent.map((m) => m.to)).toEqual([
      'riverside.safeguarding@nhs.example',
      'dsl@example-primary.exampleshire.example',
    ]);
    const gp = sent[0]!;
    expect(gp.text).toContain('Child: Noah Madeup, born 1 June 2024.');
    expect(gp.text).toContain('What you need to know: Domestic abuse at home; MARAC referral made.');
    // No more than that: not the concern, the other agencies' contributions, the other child, or the outcome.
    for (const secret of ['assaulted', 'Attendance has fallen', 'Mia', 'Strategy discussion today', 'Kim Madeup'])
      expect(gp.text).not.toContain(secret);
    expect((await meetings.get(meetingId))!.status).toBe('closed');
    expect(
      ports.events.filter((e) => e.action === 'Domestic abuse triage meeting closed').map((e) => e.detail),
    ).toEqual([
      '2026-03-02: the GP was emailed at riverside.safeguarding@nhs.example; the school was emailed at dsl@example-primary.exampleshire.example',
      '2026-03-02: the GP could not be emailed (hillside@freemail.example is not a secure address): tell them another way',
    ]);
    // A closed meeting takes no more outcomes, but actions can still be marked done.
    expect(
      await chairSays(deps, meetingId, 'outcome', { child: key(contact, 0), outcome: 'Changed' }, 1),
    ).toMatchObject({ outcome: 'refused' });
  });
});

describe("where a child's GP and school are told", () => {
  it('uses the configured address for the named school, or an address the notification gives, and says when there is none', () => {
    // Prepare
    const contact = aContact('domestic-abuse');
    contact.notification.otherProfessionals = [
      {
        name: 'Jo Class',
        role: 'Designated safeguarding lead',
        organisation: 'Example Primary School',
        contact: 'Jo on jo.class@example-primary.exampleshire.example',
      },
    ];
    const secure = { SECURE_EMAIL_DOMAINS: ['exampleshire.example'] };

    // Act and assess
    expect(addressFor('school', contact, 1, directory, secure)).toEqual({
      outcome: 'sent',
      to: 'dsl@example-primary.exampleshire.example',
    });
    expect(addressFor('school', contact, 1, { schools: [], gpPractices: [] }, secure)).toEqual({
      outcome: 'sent',
      to: 'jo.class@example-primary.exampleshire.example',
    });
    expect(addressFor('school', contact, 0, directory, secure)).toEqual({ outcome: 'no-address' });
    expect(
      addressFor(
        'gp',
        contact,
        0,
        { schools: [], gpPractices: [{ name: 'Example Primary School', email: 'x@exampleshire.example' }] },
        secure,
      ),
    ).toEqual({ outcome: 'sent', to: 'x@exampleshire.example' });
    expect(addressFor('gp', contact, 0, directory, secure)).toEqual({ outcome: 'no-address' });
  });
});
