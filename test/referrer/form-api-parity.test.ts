import { expectStatus, type Contact } from '../../shared/contacts';
import { acceptNotification } from '../../shared/front-door/intake';
import type { Draft, DraftStore } from '../../shared/referrer/draft';
import { submitDraft } from '../../shared/front-door/draft-submission';
import { recommend } from '../../shared/rules';
import { memoryIntakeStore } from '../support/memory-intake-store';
import { checkSections } from '../../functions/referrer/form-view';
import { fill, schoolNeglectViaForm } from './journey-support';

/**
 * Issue 9 point 4: the same answers give the same recommendation whether a referrer types them
 * into the web form or an agency's system posts them to the API.
 */
describe('the web form and the API', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const memory = () => {
    const { store, contacts } = memoryIntakeStore();
    const drafts = { put: async () => undefined } as unknown as DraftStore;
    return {
      contacts: () => [...contacts.values()],
      deps: { store, triageQueue: { send: async () => undefined }, drafts },
    };
  };
  const recommendationFor = (contact: Contact) =>
    recommend({ notification: contact.notification!, history: { earlierContacts: [] }, receivedAt: now } as Parameters<
      typeof recommend
    >[0]);

  it('store the same notification and recommend the same for the same answers', async () => {
    // Prepare: the answers typed into the form, including an accepted suggested category …
    const answers = fill(
      schoolNeglectViaForm([
        ['concerns', { areas: ['care', 'behaviour-school', 'home-family'] }],
        ['concerns/care', { indicators: ['neglect-reported', 'neglect-persistent'] }],
        ['concerns/behaviour-school', { indicators: 'school-attendance' }],
        ['concerns/home-family', { indicators: 'financial-hardship' }],
      ]),
      [['categories', { factors: '16A' }]],
    );
    // … and the same answers as an agency's system would send them.
    const body = {
      referrer: {
        name: 'Priya Testwood',
        role: 'Designated safeguarding lead',
        organisation: 'Example Primary School',
        agencyType: 'school',
        email: 'dsl@example-primary.sch.example',
        phone: '01632 960 101',
      },
      children: [
        {
          firstName: 'Ellie',
          lastName: 'Fictional',
          dateOfBirth: '2018-03-14',
          gender: 'b',
          ethnicity: 'WBRI',
          nhsNumber: '9990000018',
          address: { line1: '1 Sample Street', town: 'Exampleton', postcode: 'ZZ1 1AA' },
          school: 'Example Primary School',
        },
      ],
      parentsAndCarers: [{ name: 'Sam Fictional', relationship: 'Mother', parentalResponsibility: true }],
      concerns: {
        factors: ['16A'],
        indicators: ['neglect-reported', 'neglect-persistent', 'school-attendance', 'financial-hardship'],
        description:
          'Ellie has arrived at school hungry and in the same unwashed clothes most days this term; attendance has fallen to 82%.',
      },
      childViews: 'Ellie said there is not always food at home.',
      expectation: 'Support for the family; we will keep offering breakfast club.',
      immediateDanger: false,
      consent: { status: 'given' },
    };
    const web = memory();
    const api = memory();
    const draft: Draft = { draftId: 'd1', answers, createdAt: now.toISOString(), updatedAt: now.toISOString() };

    // Act
    const sent = await submitDraft(draft, now, web.deps);
    const posted = await acceptNotification({ body, channel: 'api', now }, api.deps);

    // Assess
    expect([sent.outcome, posted.outcome]).toEqual(['submitted', 'accepted']);
    expect(web.contacts()[0]!.notification).toEqual(api.contacts()[0]!.notification);
    const fromWeb = recommendationFor(web.contacts()[0]!);
    expect(fromWeb).toEqual(recommendationFor(api.contacts()[0]!));
    expect(fromWeb.reasons.map((r) => r.id)).toEqual(
      expect.arrayContaining(['neglect-reported', 'neglect-persistent', 'school-attendance', 'financial-hardship']),
    );
  });

  it("say which child a worry is about the same way: the form's 'which child' answers are the API's child concerns", async () => {
    // Prepare: Ellie self-harms; her mother's depression is about Ellie and her brother Finn.
    const answers = fill(
      schoolNeglectViaForm([
        ['concerns', { areas: ['mental-health'] }],
        ['concerns/mental-health', { indicators: ['self-harm', 'parent-mental-health'] }],
      ]),
      [
        [
          'children/1/details',
          {
            firstName: 'Finn',
            lastName: 'Fictional',
            born: 'yes',
            'dateOfBirth-day': '2',
            'dateOfBirth-month': '6',
            'dateOfBirth-year': '2020',
            gender: 'a',
          },
        ],
        ['children/1/address', { line1: '1 Sample Street', town: 'Exampleton', postcode: 'ZZ1 1AA' }],
        ['which-child', { 'about-self-harm': '0', 'about-parent-mental-health': ['0', '1'] }],
        ['categories', { factors: ['4B', '15A'] }],
      ],
    );
    const web = memory();
    const draft: Draft = { draftId: 'd2', answers, createdAt: now.toISOString(), updatedAt: now.toISOString() };
    // Act
    const sent = await submitDraft(draft, now, web.deps);
    // Assess: the self-harm and its category are Ellie's own; the depression is about both.
    expect(sent.outcome).toBe('submitted');
    const { notification } = expectStatus(web.contacts()[0]!, 'received');
    expect(notification.concerns).toMatchObject({ indicators: ['parent-mental-health'], factors: ['4B'] });
    expect(notification.children.map((c) => c.concerns)).toEqual([
      { indicators: ['self-harm'], factors: ['15A'] },
      undefined,
    ]);
    const [ellie, finn] = recommendationFor(web.contacts()[0]!).children.map((c) => c.reasons.map((r) => r.id));
    expect(ellie).toEqual(expect.arrayContaining(['self-harm', 'parent-mental-health']));
    expect(finn).toContain('parent-mental-health');
    expect(finn).not.toContain('self-harm');
    // Check your answers says it back, with a way to change it.
    const rows = checkSections(answers).flatMap((section) => section.rows);
    expect(rows.find((r) => r.key.text === 'Which child each worry is about')).toMatchObject({
      value: { html: 'The child is hurting themselves on purpose: Ellie Fictional<br>Anything else: all the children' },
      actions: { items: [{ href: '/notify/which-child?return=check' }] },
    });
  });
});
