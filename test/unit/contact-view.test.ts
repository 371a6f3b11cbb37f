import type { StaffUser } from '../../shared/auth/roles';
import type { NotifiedContact } from '../../shared/contacts';
import { contactView, incomingEmailView } from '../../shared/console/contact-view';
import type { AuditEvent, ContactMatches } from '../../shared/contacts/ports';
import { DEFAULT_AGENCIES } from '../../shared/partners/agencies';
import { aRecommendedContact } from '../support/recommended-contact';

/**
 * The contact page's view model, built from what the handler read and nothing else: what a
 * worker sees about a contact (its state, the decision, history and partner requests) is tested
 * here without a store or a page. The notification is a police domestic abuse notification
 * (DASH high) about Noah and Mia Madeup, which the levels-of-need rules mark red.
 */
const now = new Date('2026-11-21T15:00:00Z');
const worker: StaffUser = { id: 'sam.okafor', name: 'Sam Okafor', roles: ['worker'] };
const noMatches: ContactMatches = { earlier: [], household: [], more: [] };

const aContact = aRecommendedContact;

const viewOf = (contact: NotifiedContact, more: Partial<Parameters<typeof contactView>[0]> = {}) =>
  contactView({
    contact,
    user: worker,
    events: [],
    matches: noMatches,
    agencies: DEFAULT_AGENCIES,
    now,
    ...more,
  });

const rowsOf = (rows: { key: { text: string }; value: { text: string } }[] | undefined | false) =>
  Object.fromEntries((rows || []).map((r) => [r.key.text, r.value.text]));

describe('the contact page view model', () => {
  it('shows a red contact past its decision time as overdue, with why it is red, to a worker who may decide it', () => {
    // Prepare
    const contact = aContact();
    // Act
    const view = viewOf(contact);
    // Assess
    expect(view.statusName).toBe('Awaiting decision');
    expect(view.overdue).toBe(true);
    expect(view.tags).toEqual([
      { text: 'Red priority', classes: 'govuk-tag--red' },
      { text: 'Overdue', classes: 'govuk-tag--red' },
    ]);
    expect(view.red && view.red.reasons.length).toBeGreaterThan(0);
    expect(rowsOf(view.summaryRows)['Decision due']).toMatch(/\(overdue\)$/);
    expect(rowsOf(view.summaryRows)['Assigned to']).toBe('Nobody');
    expect(view).toMatchObject({ open: true, canDecideNow: true, canAct: true, canManage: false });
    expect(view.children.map((c) => c.name)).toEqual(['Noah Madeup', 'Mia Madeup']);
  });

  it("shows a concern about one child under that child, and the notification's as about every child", () => {
    // Prepare: Mia's self-harm is hers alone; the domestic abuse is about both children.
    const contact = aContact();
    contact.notification.children[1]!.concerns = { factors: ['15A'], indicators: ['self-harm'] };
    // Act
    const view = viewOf(contact);
    // Assess
    const [noah, mia] = view.children.map((c) => rowsOf(c.rows));
    expect(noah!['Concerns about this child only']).toBeUndefined();
    expect(mia!['Concerns about this child only']).toBe('Self-harm; Self-harm');
    expect(rowsOf(view.notificationRows)['Concerns about every child']).toMatch(/Domestic abuse/);
  });

  it('shows the screening results child by child: each child’s own, and the household’s for every child', () => {
    // Prepare: DASH high is about the adult victim; Mia (15) was screened for CSE and has gone
    // missing three times, the last return at 9:30pm on 19 November; Noah has no results of his own.
    const contact = aContact();
    contact.notification.concerns.screening = { dashRisk: 'high', returnedOn: '2026-11-19', returnedTime: '21:30' };
    contact.notification.children[1]!.concerns = {
      factors: [],
      indicators: [],
      screening: { cseRisk: 'medium', missingEpisodes: 3 },
    };
    // Act
    const view = viewOf(contact);
    // Assess
    expect(view.screening.map((c) => c.title)).toEqual(['Child 1: Noah Madeup', 'Child 2: Mia Madeup']);
    const [noah, mia] = view.screening.map((c) => rowsOf(c.rows));
    expect(noah).toEqual({
      'DASH domestic abuse risk level (about the adult victim)': 'High',
      'Came back or was found': '9:30pm on 19 November 2026',
    });
    expect(mia).toEqual({
      'DASH domestic abuse risk level (about the adult victim)': 'High',
      'Child sexual exploitation screening outcome': 'Medium',
      'Times gone missing in the last 90 days': '3',
      'Came back or was found': '9:30pm on 19 November 2026',
    });
  });

  it('shows an only child’s screening results from the notification, and none where the referrer gave none', () => {
    // Prepare: one child, screened low for CSE, never missing before (0 is a result, not a blank).
    const one = aContact();
    one.notification.children = [one.notification.children[1]!];
    one.notification.concerns.screening = { cseRisk: 'low', missingEpisodes: 0, returnedOn: '2026-11-19' };
    const none = aContact();
    none.notification.concerns.screening = {};
    // Act
    const [withResults, withNone] = [viewOf(one), viewOf(none)];
    // Assess
    expect(withResults.screening).toEqual([
      {
        title: 'Mia Madeup',
        rows: [
          { key: { text: 'Child sexual exploitation screening outcome' }, value: { text: 'Low' } },
          { key: { text: 'Times gone missing in the last 90 days' }, value: { text: '0' } },
          { key: { text: 'Came back or was found' }, value: { text: '19 November 2026' } },
        ],
      },
    ]);
    expect(withNone.screening).toEqual([]);
  });

  it('is not overdue before the decision is due', () => {
    // Prepare
    const contact = aContact();
    // Act
    const view = viewOf(contact, { now: new Date('2026-11-20T10:05:00Z') });
    // Assess
    expect(view.overdue).toBe(false);
    expect(view.tags.map((t) => t.text)).not.toContain('Overdue');
  });

  it('names who decided from the audit trail and shows each child’s decision', () => {
    // Prepare
    const decision = {
      children: [
        { childIndex: 0, route: 'csc-strategy-discussion' as const, level: 4 as const, rationale: 'Baby at risk.' },
        { childIndex: 1, route: 'early-help-targeted' as const, level: 3 as const, rationale: 'Support at school.' },
      ],
      decidedBy: 'sam.okafor',
      decidedAt: '2026-11-20T11:00:00.000Z',
    };
    const contact = aContact({ status: 'decided', decision });
    const events: AuditEvent[] = [
      { contactId: 'c1', at: decision.decidedAt, actor: { ...worker, role: 'worker' }, action: 'decided' },
    ];
    // Act
    const view = viewOf(contact, { events });
    // Assess
    const summary = rowsOf(view.summaryRows);
    expect(summary['Decision (Child 1: Noah Madeup)']).toBe(
      "Level 4, Children's social care: strategy discussion (s47)",
    );
    expect(summary['Decision (Child 2: Mia Madeup)']).toBe('Level 3, Early help: targeted family support');
    expect(summary['Decided by']).toBe('Sam Okafor at 11am on Friday 20 November 2026');
    expect(view).toMatchObject({ open: false, overdue: false, canDecideNow: false });
  });

  it('lists earlier contacts and linked ones, counts re-contacts in the last twelve months and says how many more were not listed', () => {
    // Prepare
    const contact = aContact({
      links: [{ contactId: 'c9', reference: 'CFC-LINK-0009', at: '2026-11-20T12:00:00.000Z', by: worker }],
    });
    const matches: ContactMatches = {
      earlier: [
        {
          contactId: 'c2',
          reference: 'CFC-OLD-0002',
          receivedAt: '2026-06-01T09:00:00.000Z',
          childIndex: 0,
          matchedOn: ['nhs-number'],
          status: 'decided',
          level: 2,
          route: 'information-advice',
        },
        {
          contactId: 'c3',
          reference: 'CFC-OLD-0003',
          receivedAt: '2024-01-01T09:00:00.000Z',
          childIndex: 1,
          matchedOn: ['name-dob-postcode'],
          status: 'awaiting-decision',
        },
      ],
      household: [],
      more: [{ kind: 'child', childIndex: 0, count: 3 }],
    };
    // Act
    const view = viewOf(contact, { matches });
    // Assess
    expect(view.history.map((h) => [h.reference, h.outcome, h.linked])).toEqual([
      ['CFC-OLD-0002', 'Level 2, Information, advice and signposting', false],
      ['CFC-OLD-0003', 'Awaiting decision', false],
      ['CFC-LINK-0009', '', true],
    ]);
    expect(view.history[0]?.matchedOn).toMatch(/^Noah Madeup: /);
    expect(view.history[2]?.matchedOn).toBe('Linked by Sam Okafor');
    expect(view.recontacts).toBe(1);
    expect(view.moreHistory).toEqual(['Noah Madeup: and 3 more earlier contacts not listed']);
  });

  it('titles partner requests waiting, overdue or answered, by the agency’s name, and keeps a refused request form’s agency', () => {
    // Prepare
    const ask = {
      question: 'Any incidents at the address?',
      sentTo: 'intel@police.example',
      requestedBy: worker,
      requestedAt: '2026-11-20T10:30:00.000Z',
    };
    const contact = aContact({
      partnerRequests: [
        { ...ask, id: 'r1', agency: 'police', dueAt: '2026-11-22T10:30:00.000Z' },
        { ...ask, id: 'r2', agency: 'health', dueAt: '2026-11-21T10:30:00.000Z' },
        {
          ...ask,
          id: 'r3',
          agency: 'education',
          dueAt: '2026-11-21T10:30:00.000Z',
          answer: 'Attendance is 80%.',
          answeredBy: worker,
          answeredAt: '2026-11-21T09:00:00.000Z',
        },
      ],
    });
    // Act
    const view = viewOf(contact, { state: { kept: { action: 'request-information', values: { agency: 'health' } } } });
    // Assess
    expect(view.partnerRequests.map((r) => r.title)).toEqual([
      'Police: waiting',
      'Health: overdue',
      'Education: answered',
    ]);
    expect(view.agencyOptions.filter((o) => o.selected).map((o) => o.value)).toEqual(['health']);
    expect(view.kept.request).toEqual({ agency: 'health' });
  });
});

describe('the view model of a free-text email to complete', () => {
  it('keeps the sender’s paragraphs and lines and sizes attachments in KB, at least 1', () => {
    // Prepare
    const contact = aContact({
      status: 'needs-completing',
      channel: 'email',
      notification: undefined,
      incomingEmail: {
        from: 'pat.neighbour@mail.example',
        subject: 'Worried',
        text: 'Hello,\r\nI am worried.\r\n\r\nThe children cry at night.',
        attachments: [
          { filename: 'photo.jpg', contentType: 'image/jpeg', size: 200 },
          { filename: 'notes.pdf', contentType: 'application/pdf', size: 5 * 1024 },
        ],
        rawMessage: { bucket: 'inbound', key: 'inbound/m1' },
      },
    });
    // Act
    const view = incomingEmailView({ contact, user: worker, events: [] });
    // Assess
    expect(view.paragraphs).toEqual([['Hello,', 'I am worried.'], ['The children cry at night.']]);
    expect(rowsOf(view.attachmentRows)).toEqual({
      'photo.jpg': 'image/jpeg, 1 KB',
      'notes.pdf': 'application/pdf, 5 KB',
    });
    expect(rowsOf(view.emailRows)).toMatchObject({ From: 'pat.neighbour@mail.example', 'Assigned to': 'Nobody' });
    expect(view.canAct).toBe(true);
  });
});
